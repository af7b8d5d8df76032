from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.districts import District
from accounts.models import Reporter, User
from accounts.phone import normalise_indian_mobile
from newsroom.shared.mail import send_after_commit
from newsroom.shared.photos import validate_photo


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


def district_choices():
    return [("", _("Choose your district")), *District.choices]


class RegistrationForm(forms.Form):
    """Reporter Registration. An e-mail that is already registered is not an error here (no enumeration)."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("An Indian mobile number, for example +91 98765 43210."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    district = forms.ChoiceField(
        label=_("District"),
        choices=district_choices,
        help_text=_("Where you report from. Outside Assam? Choose “Other (outside Assam)”."),
    )
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines about you and what you report on."),
    )
    photo = forms.ImageField(
        label=_("Photo (optional)"),
        required=False,
        validators=[validate_photo],
        help_text=_("A portrait: JPEG, PNG or WebP."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the terms for reporters and to my details being kept for the newsroom's work."),
        error_messages={"required": _("You must agree to the terms to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The link follows the page's language: /accounts/terms/ or /as/accounts/terms/.
        self.fields["consent"].label = format_html(
            gettext(
                'I agree to the <a href="{url}" target="_blank" rel="noopener">terms for reporters</a> (they open '
                "in a new tab) and to my details being kept for the newsroom's work."
            ),
            url=reverse("accounts:terms"),
        )
        self.helper = _helper()

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"]).strip()

    def clean_phone(self):
        return normalise_indian_mobile(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            probe = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailForm(forms.Form):
    """Just an e-mail address: a new confirmation link."""

    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form; its `username` field holds the e-mail address."""

    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not right."),
        "unconfirmed": _("Confirm your e-mail address first: follow the link we sent you, or ask for a new one."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        reporter = getattr(user, "reporter", None)
        if reporter is not None and reporter.email_confirmed_at is None and not user.is_staff:
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class ProfileForm(forms.ModelForm):
    """What a reporter may change about themselves: name (in English and Assamese), phone, district, bio and photo."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)

    class Meta:
        model = Reporter
        fields = ["full_name", "name_as", "phone", "district", "bio", "photo"]
        widgets = {"name_as": forms.TextInput(attrs={"lang": "as"}), "bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].initial = self.instance.user.full_name
        self.fields["phone"].required = True
        self.fields["district"].required = True
        self.fields["district"].choices = district_choices()
        self.fields["district"].help_text = RegistrationForm.base_fields["district"].help_text
        self.helper = _helper()

    def clean_phone(self):
        return normalise_indian_mobile(self.cleaned_data["phone"])

    def save(self, commit=True):
        reporter = super().save(commit=False)
        reporter.user.full_name = self.cleaned_data["full_name"]
        if commit:
            reporter.user.save(update_fields=["full_name"])
            reporter.save()
        return reporter


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, with its e-mail through the outbox (newsroom/shared/mail.py): stored now, sent by the worker."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail")
        self.helper = _helper()

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = render_to_string(subject_template_name, context)
        send_after_commit(subject, email_template_name, context, [to_email])
