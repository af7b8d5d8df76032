"""The reporter's story form: the story in the default language plus optional translations."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Tag

TRANSLATED_FIELDS = ("headline", "summary", "body", "photo_caption", "photo_alt")


def default_language():
    return getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", settings.LANGUAGE_CODE)


def translation_languages():
    """Every language of the site except the default one, as (code, name)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != default_language()]


def _story_fields():
    lang = default_language()
    main = [
        f"headline_{lang}",
        f"summary_{lang}",
        f"body_{lang}",
        "section",
        "tags",
        "lead_photo",
        f"photo_caption_{lang}",
        "photo_credit",
        f"photo_alt_{lang}",
    ]
    translations = [f"{field}_{code}" for code, _name in translation_languages() for field in TRANSLATED_FIELDS]
    return main, translations


class StoryForm(forms.ModelForm):
    """Headline, summary, body (rich text, or plain HTML without JavaScript), section, tags, lead photo.

    The body is sanitised by Article.save (articles/html.py), whoever sends it. The photo passes
    newsroom/photos.py's validate_photo (the model field's validator) and loses its EXIF data on save.
    """

    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Tags")
    )

    class Meta:
        model = Article
        fields = [*_story_fields()[0], *_story_fields()[1]]

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        lang = default_language()
        main, _translations = _story_fields()
        labels = {
            "headline": _("Headline"),
            "summary": _("Summary"),
            "body": _("Story"),
            "photo_caption": _("Photo caption"),
            "photo_alt": _("Photo description (alt text)"),
        }
        for field, label in labels.items():
            self.fields[f"{field}_{lang}"].label = label
        self.fields[f"headline_{lang}"].required = True
        self.fields[f"body_{lang}"].help_text = _(
            "Paragraphs, headings, bold, italic, lists, quotes and links are kept; anything else is removed."
        )
        languages = dict(translation_languages())
        for code, name in languages.items():
            for field, label in labels.items():
                self.fields[f"{field}_{code}"].label = f"{label} ({name})"
                self.fields[f"{field}_{code}"].required = False
        for name in self.fields:
            if name.startswith("body_"):
                self.fields[name].widget = forms.Textarea(
                    attrs={"rows": 14, "class": "rich-text", "data-style-label": gettext("Paragraph style")}
                )
            elif name.startswith("summary_"):
                self.fields[name].widget = forms.Textarea(attrs={"rows": 3})
        for code, _name in languages.items():
            self.fields[f"headline_{code}"].widget.attrs["lang"] = code
            self.fields[f"summary_{code}"].widget.attrs["lang"] = code
            self.fields[f"body_{code}"].widget.attrs["lang"] = code
        self.fields["section"].empty_label = _("Choose a section")
        self.fields["lead_photo"].help_text = _("JPEG, PNG or WebP. Location and camera data are removed.")
        self.submitting = submitting

        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("The story"), *main),
            *[
                Fieldset(
                    _("Translation: %(language)s (optional)") % {"language": name},
                    *[f"{field}_{code}" for field in TRANSLATED_FIELDS],
                    css_class="story-translation",
                )
                for code, name in languages.items()
            ],
        )

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            lang = default_language()
            if not (cleaned.get(f"body_{lang}") or "").strip():
                self.add_error(f"body_{lang}", _("Write the story before you submit it."))
            if not (cleaned.get(f"summary_{lang}") or "").strip():
                self.add_error(f"summary_{lang}", _("Write a summary before you submit the story."))
            if cleaned.get("lead_photo") and not (cleaned.get(f"photo_alt_{lang}") or "").strip():
                self.add_error(f"photo_alt_{lang}", _("Describe the photo for readers who cannot see it."))
        return cleaned
