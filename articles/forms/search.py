"""The reader's search form: words, and optional filters by section and by date (a GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Section

SEARCH_MAX_LENGTH = 200
DATE_FORMAT = "%Y-%m-%d"  # what <input type="date"> sends, in every language


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format=DATE_FORMAT)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the news"), required=False, strip=False)
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sections"),
    )
    since = forms.DateField(label=_("Published from"), required=False, input_formats=[DATE_FORMAT], widget=DateInput())
    until = forms.DateField(label=_("Published until"), required=False, input_formats=[DATE_FORMAT], widget=DateInput())

    truncated = False

    def clean_q(self):
        """Spaces collapsed; a very long query is cut to SEARCH_MAX_LENGTH (and `truncated` says so)."""
        raw = self.cleaned_data["q"] or ""
        self.truncated = len(raw) > SEARCH_MAX_LENGTH
        return " ".join(raw.split())[:SEARCH_MAX_LENGTH].strip()

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned

    def filters(self):
        """The filters that are valid, by name: a wrong one is reported and left out, never a failed search."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in ("section", "since", "until") if cleaned.get(name)}

    def query_string_items(self):
        """The search as query parameters, for links to its other pages."""
        items = [("q", self.cleaned_data.get("q", ""))] if self.cleaned_data.get("q") else []
        for name, value in self.filters().items():
            items.append((name, value.slug if name == "section" else value.strftime(DATE_FORMAT)))
        return items
