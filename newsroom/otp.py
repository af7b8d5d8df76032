"""Staff's second factor: a TOTP authenticator app (django-otp), asked for by the admin site.

A staff member logs in with their password; when settings.STAFF_REQUIRE_2FA is on, the admin
(newsroom/admin.py) then sends them here:

- the first time, to *set up*: the page shows a new secret as text and as a QR code, and the
  first code their app shows confirms it;
- afterwards, to *verify*: they type the code their app shows now.

Either way the session is then marked verified (`django_otp.login`) and the admin opens.
A secret is shown only while it is unconfirmed: once confirmed, adding another device needs
a verified session (and is done by an administrator in the admin's TOTP devices list).
"""

import base64
import logging
import textwrap
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

DEVICE_NAME = "Authenticator app"


def has_confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def unconfirmed_device(user):
    """The device being set up for `user`: the same secret on every visit until it is confirmed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def readable_secret(device):
    """The secret as an authenticator app asks for it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(textwrap.wrap(secret, 4))


def qr_code_data_uri(text):
    """`text` as a QR code: an SVG image in a data: URI (no script, no extra request)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(gettext("Type the digits your authenticator app shows."), code="not_digits")
        for device in self.devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(
                    gettext("Too many wrong codes. Wait a minute, then type the newest code."), code="throttled"
                )
            if device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(
            gettext("That code is not right, or has expired. Type the newest code your app shows."), code="wrong"
        )


@method_decorator(never_cache, name="dispatch")
class SecondFactorView(FormView):
    """Shared by set-up and verification: only for active staff who passed the password step."""

    form_class = TokenForm
    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login", current_app=self.admin_site.name))
        if getattr(user, "is_verified", lambda: False)():
            return HttpResponseRedirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        index = reverse("admin:index", current_app=self.admin_site.name)
        url = self.request.POST.get("next") or self.request.GET.get("next") or index
        safe = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if safe else index

    def get_context_data(self, **kwargs):
        context = {
            **self.admin_site.each_context(self.request),
            # The admin's navigation stays hidden until the second factor is given.
            "available_apps": [],
            "is_nav_sidebar_enabled": False,
            "next": self.next_url(),
            **kwargs,
        }
        return super().get_context_data(**context)

    def form_valid(self, form):
        otp_login(self.request, form.device)
        return HttpResponseRedirect(self.next_url())


class SetupView(SecondFactorView):
    template_name = "otp/setup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff and has_confirmed_device(request.user):
            # A confirmed device exists: never show a secret again to a password-only session.
            url = reverse("admin:otp-verify", current_app=self.admin_site.name)
            return HttpResponseRedirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def device(self):
        return unconfirmed_device(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "devices": [self.device]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=gettext("Set up your second factor"),
            secret=readable_secret(self.device),
            qr_code=qr_code_data_uri(self.device.config_url),
            **kwargs,
        )

    def form_valid(self, form):
        form.device.confirmed = True
        form.device.save(update_fields=["confirmed"])
        logger.info("Staff second factor set up", extra={"event": "otp_setup", "user_id": self.request.user.pk})
        return super().form_valid(form)


class VerifyView(SecondFactorView):
    template_name = "otp/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff and not has_confirmed_device(request.user):
            url = reverse("admin:otp-setup", current_app=self.admin_site.name)
            return HttpResponseRedirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        devices = TOTPDevice.objects.devices_for_user(self.request.user, confirmed=True)
        return {**super().get_form_kwargs(), "devices": devices}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=gettext("Enter your code"), **kwargs)

    def form_invalid(self, form):
        logger.warning("Wrong second-factor code", extra={"event": "otp_failed", "user_id": self.request.user.pk})
        return super().form_invalid(form)
