import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from enquiries.models import MESSAGE_MAX_LENGTH, Enquiry
from enquiries.services import story_from_url
from newsroom.shared.antispam import SpamProtectedForm

PHONE_DEFAULT_REGION = "IN"


def normalise_phone(value):
    """A phone number as +<country code><number>; Indian numbers may be given without +91. ValueError if invalid."""
    try:
        number = phonenumbers.parse(value, PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValueError(str(error)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class EnquiryForm(SpamProtectedForm, forms.ModelForm):
    """Contact Us. The honeypot and the signed timestamp come from SpamProtectedForm."""

    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=30,
        help_text=_("An Indian mobile or landline number, or an international one starting with +."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Up to 5,000 characters."),
        error_messages={
            "max_length": _(
                "Your message is too long: please shorten it to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            ),
        },
    )
    story_url = forms.CharField(
        label=_("Address of the story (optional)"),
        required=False,
        max_length=500,
        help_text=_("For a correction or a complaint about one of our stories: copy its address from your browser."),
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the newsroom keeps these details to answer my enquiry and may contact me about it. "
            "I can ask for them to be erased at any time."
        ),
        error_messages={"required": _("Please agree, so that we may keep your details and answer you.")},
    )

    class Meta:
        model = Enquiry
        fields = ["name", "email", "phone", "kind", "subject", "message", "story_url", "consent"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "kind": _("What is it about?"),
            "subject": _("Subject"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "name": {"required": _("Please tell us your name.")},
            "email": {
                "required": _("Please give an e-mail address, so that we can answer you."),
                "invalid": _("Please enter a valid e-mail address, like name@example.com."),
            },
            "subject": {"required": _("Please give your message a subject.")},
        }

    def __init__(self, *args, hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = set(hosts)
        self.story = None
        self.fields["message"].error_messages["required"] = _("Please write your message.")
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(Div("name", css_class="col-md-6"), Div("email", css_class="col-md-6"), css_class="row"),
            Div(Div("phone", css_class="col-md-6"), Div("kind", css_class="col-md-6"), css_class="row"),
            "subject",
            "message",
            "story_url",
            Field("consent"),
        )

    @property
    def field_error_count(self):
        """How many of the person's fields need correcting (the spam checks speak for themselves)."""
        return sum(1 for name in self.errors if name not in ("website", "form_stamp", "__all__"))

    def submitted_data(self):
        """What was sent, cleaned where it passed validation and as typed where not (to keep suspected spam)."""
        data = {name: str(self.data.get(self.add_prefix(name), "")) for name in self.Meta.fields}
        cleaned = getattr(self, "cleaned_data", {})
        data.update({name: value for name, value in cleaned.items() if name in self.Meta.fields})
        data["consent"] = bool(cleaned.get("consent"))
        return data

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_subject(self):
        # One line: it becomes the subject of the staff's e-mail.
        return " ".join(self.cleaned_data["subject"].split())

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except ValueError:
            raise forms.ValidationError(
                _("Please enter a valid phone number, for example 98640 12345 or +44 20 7946 0958."),
                code="invalid_phone",
            ) from None

    def clean_story_url(self):
        value = self.cleaned_data["story_url"].strip()
        if not value:
            return ""
        self.story = story_from_url(value, hosts=self.hosts)
        if self.story is None:
            raise forms.ValidationError(
                _(
                    "We could not find one of our stories at this address. Copy the address from your "
                    "browser's address bar, or leave this empty and name the story in your message."
                ),
                code="unknown_story",
            )
        return value
