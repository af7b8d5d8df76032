"""Spam defence for public forms (comments, enquiries) that never blocks a person.

`SpamProtectedForm` adds two hidden fields:
- a honeypot that people never see and robots fill in;
- a signed timestamp, so a form sent faster than a person could type, or long after it was
  shown, or with a forged stamp, is refused.

A refused form keeps everything the person typed and says why; the view decides whether
to store it as spam (enquiries) or refuse it (comments).
"""

import time
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

FORM_STAMP_SALT = "newsroom.antispam.form-stamp"  # its old module's name: stamps already out stay valid


def form_min_seconds():
    return settings.SPAM_FORM_MIN_SECONDS


def form_max_seconds():
    return settings.SPAM_FORM_MAX_SECONDS


def posted_from_another_site(request):
    """True when the browser says this POST comes from a page of another site.

    For forms that anonymous readers send without a CSRF token (they come from the shared page
    cache): current browsers name the sending page's site in Sec-Fetch-Site and its origin in
    Origin, so another site cannot make its visitors post in their own name from their addresses.
    """
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if not origin:
        return False  # an older browser, or a tool: the stamp, honeypot and limits still apply
    if origin == "null" or origin in settings.CSRF_TRUSTED_ORIGINS:
        return origin == "null"
    return urlsplit(origin).netloc != request.get_host()


def make_form_stamp(now=None):
    return signing.dumps(int(now if now is not None else time.time()), salt=FORM_STAMP_SALT)


class SpamProtectedForm(forms.Form):
    """Mix into a Form or ModelForm (put it first in the bases)."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    spam_reason = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh stamp every time the form is shown, including after errors.
        self.initial["form_stamp"] = make_form_stamp()
        if self.is_bound:
            data = self.data.copy()
            self.submitted_stamp = data.get(self.add_prefix("form_stamp"), "")
            data[self.add_prefix("form_stamp")] = self.initial["form_stamp"]
            self.data = data
        else:
            self.submitted_stamp = ""

    def clean_website(self):
        if self.cleaned_data.get("website"):
            self.spam_reason = "honeypot"
            raise forms.ValidationError(_("This field must be left empty."), code="honeypot")
        return ""

    def clean_form_stamp(self):
        try:
            shown_at = int(signing.loads(self.submitted_stamp, salt=FORM_STAMP_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            self.spam_reason = "bad_stamp"
            raise forms.ValidationError(
                _("The form could not be checked. Please send it again."), code="stamp_invalid"
            ) from None
        age = time.time() - shown_at
        if age > form_max_seconds():
            self.spam_reason = "expired"
            raise forms.ValidationError(
                _("This form was open for too long. Please check your text and send it again."), code="stamp_expired"
            )
        if age < form_min_seconds():
            self.spam_reason = "too_fast"
            raise forms.ValidationError(
                _("That was faster than we expected. Please wait a moment and send it again."), code="too_fast"
            )
        return ""

    @property
    def is_spam(self):
        """True when only a robot would have sent this form (the honeypot or a forged stamp)."""
        return self.spam_reason in {"honeypot", "bad_stamp"}
