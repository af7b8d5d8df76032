"""Staff's second factor: a TOTP authenticator app (django-otp), asked for by the admin site.

A staff member logs in with their password; when settings.STAFF_REQUIRE_2FA is on, the admin
(newsroom/admin.py) then sends them here:

- the first time, to *set up*. A password alone never sees a secret: the page offers to e-mail a
  set-up link to the account's own address (`SetupLinkTokenGenerator`), good for one enrolment within
  an hour. Opening that link in a browser logged in as the same person lets that session enrol
  (opened logged out, or as someone else, as a mail scanner or a link preview does, it lets nobody
  enrol and stays as it was, for its owner); the set-up page then shows a
  secret made for that session alone, new on every visit and kept in the session, never in the
  database, until the first code from the app confirms it. The person is then shown ten recovery
  codes, once (kept only as keyed hashes, django-otp's static plugin);
- afterwards, to *verify*: they type the code their app shows now, or, with the phone lost, one of
  their recovery codes (each works once); they are then offered a set-up link for a new phone.

Either way the session is then marked verified (`django_otp.login`) and the admin opens.
A staff member who has a second factor but has not given it gets no set-up link: a lost phone is
a recovery code, or a superuser's "Reset the second factor" on the user's page (accounts/admin.py).
A superuser may also set a colleague's app up in the admin's TOTP devices list.

Whichever way an authenticator app is added or removed, its owner is told by e-mail
(`tell_the_owner`, from the TOTPDevice signals below).
"""

import base64
import logging
import secrets
import textwrap
import time
from base64 import b32encode
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import (
    base36_to_int,
    url_has_allowed_host_and_scheme,
    urlencode,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_ratelimit.decorators import ratelimit

from newsroom.shared.mail import send_after_commit, site_url

logger = logging.getLogger(__name__)

DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: a code copied from paper is read back right.
RECOVERY_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"

# How long an e-mailed set-up link works, and how long the session that opened it may then enrol.
SETUP_LINK_TIMEOUT = timedelta(hours=1)
ENROLMENT_WINDOW = timedelta(hours=1)
# Set-up links one account may ask for (django-ratelimit rate): the mail goes only to its owner,
# but a stolen password must not fill their mailbox.
SETUP_LINK_RATE = "5/h"

# Session keys: the set-up link opened in this session (whose, until when), and the secret shown
# on the last set-up page.
ENROLMENT_SESSION_KEY = "newsroom_otp_enrolment"
PENDING_KEY_SESSION_KEY = "newsroom_otp_pending_key"


def has_confirmed_device(user):
    """True when `user` has a second factor to give: an authenticator app or recovery codes."""
    return any(True for _device in devices_for_user(user, confirmed=True))


def is_verified(user):
    # OTPMiddleware gives request.user `is_verified`; a user object made elsewhere has no device.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def may_set_up(user):
    """A new authenticator app is for staff who have none yet, or who have given their second factor."""
    return is_verified(user) or not has_confirmed_device(user)


# --- The e-mailed set-up link ---------------------------------------------------------------


class SetupLinkTokenGenerator(PasswordResetTokenGenerator):
    """A set-up link's token: good for one enrolment, within SETUP_LINK_TIMEOUT.

    Enrolling changes the account's confirmed devices, which ends the token, as does a new password
    or a new e-mail address. Opening the link spends nothing: a mail scanner or a link preview that
    opens it, logged out, must not use up the owner's link. The last log-in is left out of the hash,
    unlike a password reset's, so that the owner may log in on the way (SetupLinkView).
    """

    key_salt = "newsroom.otp.SetupLinkTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        devices = sorted(device.persistent_id for device in devices_for_user(user, confirmed=True))
        email = getattr(user, user.get_email_field_name(), "") or ""
        return f"{user.pk}{user.password}{email}{timestamp}{bool(devices)}{devices}"

    def check_token(self, user, token):
        if not super().check_token(user, token):
            return False
        made = base36_to_int(token.split("-")[0])
        return self._num_seconds(self._now()) - made <= SETUP_LINK_TIMEOUT.total_seconds()


setup_link_tokens = SetupLinkTokenGenerator()


def setup_link(user, admin_site):
    path = reverse(
        "admin:otp-setup-open",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": setup_link_tokens.make_token(user)},
        current_app=admin_site.name,
    )
    return site_url(path)


def staff_member_from_uidb64(uidb64):
    User = get_user_model()
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        return User._default_manager.get(pk=pk, is_active=True, is_staff=True)
    except (TypeError, ValueError, OverflowError, ValidationError, User.DoesNotExist):
        return None


def enrolment_allowed(request):
    """True when this session opened its own user's set-up link a short while ago."""
    grant = request.session.get(ENROLMENT_SESSION_KEY) or {}
    return grant.get("user") == request.user.pk and grant.get("until", 0) > time.time()


# --- Authenticator apps ------------------------------------------------------------------------


def readable_secret(device):
    """The secret as an authenticator app asks for it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(textwrap.wrap(secret, 4))


def qr_code_data_uri(text):
    """`text` as a QR code: an SVG image in a data: URI (no script, no extra request)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


# --- Recovery codes ------------------------------------------------------------------------------


def new_recovery_code():
    """Twelve random characters in three groups, e.g. 7kq4-m2xd-9wpa."""
    characters = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(12))
    return "-".join(textwrap.wrap(characters, 4))


def recovery_code_hashes(code):
    """What the database holds for `code`: a keyed hash (SECRET_KEY, then each fallback key)."""
    typed = "".join(character for character in code.lower() if character.isalnum())
    return [
        salted_hmac("newsroom.otp.recovery-code", typed, secret=secret, algorithm="sha256").hexdigest()[:16]
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    ]


def replace_recovery_codes(user):
    """A new set of recovery codes for `user`, the old ones gone. Returns the codes, to show once."""
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=recovery_code_hashes(code)[0]) for code in codes)
    return codes


# --- Telling the owner ---------------------------------------------------------------------------


def tell_the_owner(user, *, added):
    """E-mail `user` that an authenticator app was added to (or removed from) their account."""
    if added:
        subject, template = _("A second factor was added to your account"), "otp/email/device_added.txt"
    else:
        subject, template = _("A second factor was removed from your account"), "otp/email/device_removed.txt"
    send_after_commit(subject, template, {"user": user, "when": timezone.now()}, [user.email])


@receiver(post_init, sender=TOTPDevice)
def _remember_whether_confirmed(sender, instance, **kwargs):
    instance._confirmed_in_database = bool(instance.pk) and instance.__dict__.get("confirmed", False)


@receiver(post_save, sender=TOTPDevice)
def _tell_of_an_added_device(sender, instance, created, raw=False, **kwargs):
    was_confirmed = getattr(instance, "_confirmed_in_database", False)
    instance._confirmed_in_database = instance.confirmed
    if instance.confirmed and not was_confirmed and not raw:
        tell_the_owner(instance.user, added=True)


@receiver(post_delete, sender=TOTPDevice)
def _tell_of_a_removed_device(sender, instance, origin=None, **kwargs):
    origin_model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    if not instance.confirmed or origin_model is get_user_model():
        return  # a set-up never finished, or the whole account is being deleted
    tell_the_owner(instance.user, added=False)


# --- Forms ----------------------------------------------------------------------------------------


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

    def accepts(self, device, token):
        # django-otp locks the device's row while it checks: two requests cannot both use one code.
        return otp_verify_token(device.user, device.persistent_id, token) is not None

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
            if self.accepts(device, token):
                self.device = device
                return token
        raise forms.ValidationError(
            gettext("That code is not right, or has expired. Type the newest code your app shows."), code="wrong"
        )


class SetupTokenForm(TokenForm):
    """The first code, checked against the secret this session was shown: nothing is saved here."""

    def accepts(self, device, token):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        if not totp.verify(int(token), device.tolerance):
            return False
        device.last_t = totp.t()  # this code cannot open the desk a second time
        return True


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_code(self):
        hashes = recovery_code_hashes(self.cleaned_data["code"])
        for device in self.devices:
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(
                    gettext("Too many wrong codes. Wait a minute, then try again."), code="throttled"
                )
            stored = device.token_set.filter(token__in=hashes).values_list("token", flat=True).first()
            # The device's verify_token (row locked) deletes the code it accepts: it never works again.
            if otp_verify_token(device.user, device.persistent_id, stored or hashes[0]) is not None:
                self.device = device
                return self.cleaned_data["code"]
        raise forms.ValidationError(gettext("That recovery code is not right, or has been used already."), code="wrong")


# --- Views ------------------------------------------------------------------------------------------


class PasswordStepPassed:
    """For active staff who passed the password step; the admin's navigation stays hidden."""

    admin_site = None
    open_to_verified = False  # a session that gave its second factor is sent on, unless True

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), self.url("admin:login"))
        if is_verified(user) and not self.open_to_verified:
            return HttpResponseRedirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def url(self, name, *, query=None):
        url = reverse(name, current_app=self.admin_site.name)
        return f"{url}?{urlencode(query)}" if query else url

    def next_url(self):
        index = self.url("admin:index")
        url = self.request.POST.get("next") or self.request.GET.get("next") or index
        safe = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if safe else index

    def with_next(self, name):
        return self.url(name, query={"next": self.next_url()})

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


@method_decorator(never_cache, name="dispatch")
class SecondFactorView(PasswordStepPassed, FormView):
    """Shared by set-up, verification and recovery."""

    form_class = TokenForm

    def form_valid(self, form):
        otp_login(self.request, form.device)
        return HttpResponseRedirect(self.next_url())


class SetupView(SecondFactorView):
    """Without an opened set-up link: a button that e-mails one, and no secret.
    With it: a secret made for this page alone, and the code that confirms it."""

    template_name = "otp/setup.html"
    form_class = SetupTokenForm
    open_to_verified = True  # a new phone, after a recovery code

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.is_staff and not may_set_up(user):
            # A second factor exists: a password-only session gives it, never sees a secret.
            return HttpResponseRedirect(self.url("admin:otp-verify", query=request.GET))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # Set-ups left half-done by the earlier version of this page kept their secret in the database.
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        if refused := self.refusal():
            return refused
        # A secret made for this page: the one any earlier page showed no longer confirms.
        request.session[PENDING_KEY_SESSION_KEY] = random_hex(20)
        logger.info("Second-factor secret shown", extra={"event": "otp_setup_shown", "user_id": request.user.pk})
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if refused := self.refusal():
            return refused
        if PENDING_KEY_SESSION_KEY not in request.session:
            return HttpResponseRedirect(self.with_next("admin:otp-setup"))
        return super().post(request, *args, **kwargs)

    def refusal(self):
        """The page to show instead of a secret, or None when this session may enrol."""
        session = self.request.session
        grant = session.get(ENROLMENT_SESSION_KEY)
        if grant and grant.get("user") != self.request.user.pk:
            # A grant for another account (only a session from before links were opened logged in).
            del session[ENROLMENT_SESSION_KEY]
            return wrong_account_page(self.request, self.admin_site)
        if enrolment_allowed(self.request):
            return None
        session.pop(ENROLMENT_SESSION_KEY, None)
        session.pop(PENDING_KEY_SESSION_KEY, None)
        context = self.get_context_data(title=gettext("Set up your second factor"), form=None)
        status = 403 if self.request.method == "POST" else 200
        return TemplateResponse(self.request, "otp/setup_request.html", context, status=status)

    def pending_device(self):
        key = self.request.session[PENDING_KEY_SESSION_KEY]
        return TOTPDevice(user=self.request.user, name=DEVICE_NAME, key=key, confirmed=False)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "devices": [self.pending_device()]}

    def get_context_data(self, **kwargs):
        if PENDING_KEY_SESSION_KEY in self.request.session and kwargs.get("form", True) is not None:
            device = self.pending_device()
            kwargs = {
                "title": gettext("Set up your second factor"),
                "secret": readable_secret(device),
                "qr_code": qr_code_data_uri(device.config_url),
                **kwargs,
            }
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        user = self.request.user
        device = form.device
        device.confirmed = True
        with transaction.atomic():
            # One authenticator app per person: a new phone replaces the lost one.
            TOTPDevice.objects.filter(user=user).delete()
            device.save()
            codes = replace_recovery_codes(user)
        otp_login(self.request, device)
        self.request.session.pop(ENROLMENT_SESSION_KEY, None)
        self.request.session.pop(PENDING_KEY_SESSION_KEY, None)
        logger.info("Staff second factor set up", extra={"event": "otp_setup", "user_id": user.pk})
        context = self.get_context_data(title=gettext("Your recovery codes"), codes=codes, form=None)
        # Shown in this answer only: the codes are not kept anywhere but as hashes.
        return TemplateResponse(self.request, "otp/recovery_codes.html", context)


@method_decorator(never_cache, name="dispatch")
@method_decorator(
    ratelimit(group="otp-setup-link", key="user", rate=SETUP_LINK_RATE, method="POST", block=False), name="dispatch"
)
class SendSetupLinkView(PasswordStepPassed, View):
    """POST: e-mail a set-up link to the account's own address, then back to the set-up page."""

    open_to_verified = True

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.is_staff and not may_set_up(user):
            return HttpResponseRedirect(self.url("admin:otp-verify", query=request.GET))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.with_next("admin:otp-setup"))

    def post(self, request, *args, **kwargs):
        user = request.user
        if getattr(request, "limited", False):
            messages.error(request, gettext("Too many set-up links asked for. Wait an hour, then ask again."))
            return HttpResponseRedirect(self.with_next("admin:otp-setup"))
        with transaction.atomic():
            mail = send_after_commit(
                gettext("Set up your second factor for the desk"),
                "otp/email/setup_link.txt",
                {"user": user, "link": setup_link(user, self.admin_site)},
                [user.email],
            )
        # Through the outbox like every message: sent by now with TASKS_BACKEND=immediate, else on its way.
        mail.refresh_from_db(fields=["state", "attempts"])
        if mail.state == mail.State.SENT or mail.attempts == 0:
            logger.info("Set-up link sent", extra={"event": "otp_setup_link", "user_id": user.pk})
            messages.success(
                request,
                gettext(
                    "We e-mailed a set-up link to %(email)s. It works once, within an hour, in a browser "
                    "where you are logged in as yourself."
                )
                % {"email": user.email},
            )
        else:
            messages.error(
                request,
                gettext("The e-mail could not be sent. Try again in a few minutes, or tell the desk at %(email)s.")
                % {"email": settings.PUBLISHER["email"]},
            )
        return HttpResponseRedirect(self.with_next("admin:otp-setup"))


def refused_page(request, admin_site, *, message, status):
    context = {
        **admin_site.each_context(request),
        "available_apps": [],
        "is_nav_sidebar_enabled": False,
        "title": gettext("This set-up link cannot be used"),
        "message": message,
        "setup_url": reverse("admin:otp-setup", current_app=admin_site.name),
    }
    return TemplateResponse(request, "otp/setup_link_refused.html", context, status=status)


def wrong_account_page(request, admin_site):
    message = gettext(
        "This set-up link was sent to another account. Log out, then open it again and log in as the "
        "person it was sent to."
    )
    return refused_page(request, admin_site, message=message, status=403)


@method_decorator(never_cache, name="dispatch")
class SetupLinkView(View):
    """The e-mailed link: lets this session, logged in as the link's owner, enrol.

    Only the owner's own session is granted anything, and nothing is spent here: the link is used up
    when that session enrols (SetupLinkTokenGenerator). A visit logged out (a mail scanner, a link
    preview, or the owner on a phone not yet logged in) is sent to log in and back to the link; a
    visit logged in as someone else is refused.
    """

    admin_site = None

    def get(self, request, uidb64, token):
        user = staff_member_from_uidb64(uidb64)
        if user is None or not setup_link_tokens.check_token(user, token):
            message = gettext(
                "This set-up link has been used already, has expired, or is not complete. Ask for a new one "
                "from the set-up page."
            )
            return refused_page(request, self.admin_site, message=message, status=400)
        if not request.user.is_authenticated:
            # Back to this link after the log-in, which then checks whose session it is.
            return redirect_to_login(request.get_full_path(), reverse("admin:login", current_app=self.admin_site.name))
        if request.user.pk != user.pk:
            return wrong_account_page(request, self.admin_site)
        # Opening it proves the person reads the account's mail, as logging in proves they know its
        # password: this session may enrol for a while.
        request.session[ENROLMENT_SESSION_KEY] = {
            "user": user.pk,
            "until": time.time() + ENROLMENT_WINDOW.total_seconds(),
        }
        logger.info("Set-up link opened", extra={"event": "otp_setup_link_opened", "user_id": user.pk})
        return HttpResponseRedirect(reverse("admin:otp-setup", current_app=self.admin_site.name))


class GivesTheSecondFactor:
    """Verification and recovery: for staff who have a second factor; the others go to set one up.

    `device_model` says which of the user's devices check the code; `wrong_code_log` what a wrong one logs.
    """

    device_model = None
    wrong_code_log = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff and not has_confirmed_device(request.user):
            return HttpResponseRedirect(self.url("admin:otp-setup", query=request.GET))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        devices = self.device_model.objects.devices_for_user(self.request.user, confirmed=True)
        return {**super().get_form_kwargs(), "devices": devices}

    def form_invalid(self, form):
        logger.warning(self.wrong_code_log, extra={"event": "otp_failed", "user_id": self.request.user.pk})
        return super().form_invalid(form)


class VerifyView(GivesTheSecondFactor, SecondFactorView):
    template_name = "otp/verify.html"
    device_model = TOTPDevice
    wrong_code_log = "Wrong second-factor code"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=gettext("Enter your code"), recovery_url=self.with_next("admin:otp-recovery"), **kwargs
        )


class RecoveryView(GivesTheSecondFactor, SecondFactorView):
    """A lost phone: one recovery code opens the desk, then the set-up page offers a new phone."""

    template_name = "otp/recovery.html"
    form_class = RecoveryCodeForm
    device_model = StaticDevice
    wrong_code_log = "Wrong recovery code"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=gettext("Use a recovery code"), verify_url=self.with_next("admin:otp-verify"), **kwargs
        )

    def form_valid(self, form):
        otp_login(self.request, form.device)
        left = form.device.token_set.count()
        logger.warning(
            "Recovery code used", extra={"event": "otp_recovery_code", "user_id": self.request.user.pk, "left": left}
        )
        messages.warning(
            self.request,
            ngettext(
                "You used a recovery code: %(count)d is left. Set up your new phone now.",
                "You used a recovery code: %(count)d are left. Set up your new phone now.",
                left,
            )
            % {"count": left},
        )
        return HttpResponseRedirect(self.with_next("admin:otp-setup"))
