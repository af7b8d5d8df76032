"""The reader's comment form and the report-a-comment form, both with the shared spam defence."""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.comments.models import COMMENT_MAX_LENGTH, CommentReport
from newsroom.shared.antispam import SpamProtectedForm
from newsroom.shared.numerals import in_local_digits
from newsroom.shared.staff import speaks_for_the_newsroom


class BootstrapBoundField(BoundField):
    """Bootstrap's classes on a field's input (aria-invalid and aria-describedby are Django's own)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if not widget.is_hidden:
            classes = [widget.attrs.get("class", ""), "form-control", "is-invalid" if self.errors else ""]
            attrs["class"] = " ".join(name for name in classes if name)
        return attrs


class CommentTextField(forms.CharField):
    """A browser sends each line break as CR LF but counts it as one character against maxlength: the
    text is counted (and kept) with plain line feeds, as the reader counted it."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class CommentForm(SpamProtectedForm):
    """Name, e-mail and text for visitors; only the text for a logged-in reader (the rest comes from the account).

    Laid out by comments/field.html rather than crispy: it is rendered on every story page."""

    bound_field_class = BootstrapBoundField

    body = CommentTextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    name = forms.CharField(label=_("Name"), max_length=80)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Never shown. We may write to you about your comment."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.from_the_newsroom = speaks_for_the_newsroom(user)
        # Built here, not at import, so it is in the reader's language.
        help_text = gettext("Plain text, up to %(max)d characters. Links are allowed.") % {"max": COMMENT_MAX_LENGTH}
        self.fields["body"].help_text = in_local_digits(help_text)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if user is not None and user.is_authenticated:
            # Taken from the account by post_comment; not asked again.
            del self.fields["name"]
            del self.fields["email"]


class ReportForm(SpamProtectedForm):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=CommentReport.Reason.choices,
        initial=CommentReport.Reason.ABUSE,
    )
