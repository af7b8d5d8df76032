"""What happens to a reporter's account: registration, e-mail confirmation, approval.

Views and admin actions call these functions; e-mail waits in the outbox (newsroom/shared/mail.py) and
goes out from the worker after the commit, so a failing mail server never loses a registration or
a decision, and no answer waits for the mail server.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.groups import REPORTER
from accounts.models import Reporter, User
from newsroom.shared.history import record_change
from newsroom.shared.mail import send_after_commit, site_url

logger = logging.getLogger("accounts")

CONFIRMATION_SALT = "accounts.confirm-email"


def confirmation_max_age():
    return settings.ACCOUNTS_CONFIRMATION_MAX_AGE


def unconfirmed_retention_days():
    return settings.ACCOUNTS_UNCONFIRMED_RETENTION_DAYS


class ConfirmationLinkError(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def make_confirmation_token(user):
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=CONFIRMATION_SALT, compress=True)


def confirmation_url(user):
    return site_url(reverse("accounts:confirm-email", kwargs={"token": make_confirmation_token(user)}))


def send_confirmation(user):
    send_after_commit(
        _("Confirm your e-mail address"),
        "accounts/email/confirm_email.txt",
        {"user": user, "confirm_url": confirmation_url(user), "max_age_days": confirmation_max_age() // 86400},
        [user.email],
    )


def register_reporter(*, full_name, email, password, phone, district, bio="", photo=None, language=None):
    """Create a pending reporter and e-mail the confirmation link; return the reporter.

    When the address is already registered, nothing is created and its owner is told by
    e-mail instead; the caller answers the same way in both cases (no enumeration). Returns None then.
    """
    existing = User.objects.filter(email__iexact=email).select_related("reporter").first()
    if existing is not None:
        # The same work as a new account (hashing the password is most of it), so the time the
        # answer takes does not tell whether the address has an account.
        make_password(password)
        reporter = getattr(existing, "reporter", None)
        if reporter is not None and reporter.email_confirmed_at is None:
            # They registered before and lost the link: a fresh one is what they need.
            send_confirmation(existing)
        else:
            _tell_owner_of_attempt(existing)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, full_name=full_name)
            user.groups.add(Group.objects.get_or_create(name=REPORTER)[0])
            reporter = Reporter(
                user=user,
                phone=phone,
                district=district,
                bio=bio,
                terms_accepted_at=timezone.now(),
                language=language or translation.get_language() or settings.LANGUAGE_CODE,
            )
            if photo:
                reporter.photo = photo
            reporter.save()
            send_confirmation(user)
    except IntegrityError:
        # Two registrations for one address at the same moment: the first one won.
        logger.info("Concurrent registration for an existing address", extra={"event": "register_duplicate"})
        return None
    logger.info("Reporter registered: %s", user.email, extra={"event": "register", "user": user.pk})
    return reporter


def _tell_owner_of_attempt(user):
    logger.info("Registration attempt for an existing address", extra={"event": "register_existing", "user": user.pk})
    send_after_commit(
        _("Somebody tried to register with your e-mail address"),
        "accounts/email/already_registered.txt",
        {
            "user": user,
            "login_url": site_url(reverse("accounts:login")),
            "reset_url": site_url(reverse("accounts:password-reset")),
        },
        [user.email],
    )


def confirm_email(*, token):
    """Confirm the address a link was made for. Returns (reporter, newly_confirmed)."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=confirmation_max_age())
    except signing.SignatureExpired:
        raise ConfirmationLinkError("expired") from None
    except signing.BadSignature:
        raise ConfirmationLinkError("invalid") from None
    with transaction.atomic():
        reporter = Reporter.objects.select_for_update().select_related("user").filter(user__pk=data.get("u")).first()
        if reporter is None or reporter.user.email.lower() != data.get("e"):
            raise ConfirmationLinkError("invalid")
        if reporter.email_confirmed_at is not None:
            return reporter, False
        reporter.email_confirmed_at = timezone.now()
        reporter.save(update_fields=["email_confirmed_at"])
        send_after_commit(
            _("New reporter awaiting approval: %(name)s") % {"name": reporter.name},
            "accounts/email/reporter_pending.txt",
            {
                "reporter": reporter,
                "admin_url": site_url(reverse("admin:accounts_reporter_change", args=[reporter.pk])),
            },
            list(settings.STAFF_NOTIFY_EMAILS),
        )
    logger.info(
        "E-mail confirmed: %s", reporter.user.email, extra={"event": "email_confirmed", "user": reporter.user.pk}
    )
    return reporter, True


def resend_confirmation(*, email):
    """Send a fresh link if this address belongs to an unconfirmed reporter; say nothing otherwise."""
    reporter = Reporter.objects.select_related("user").filter(user__email__iexact=email).first()
    if reporter is not None and reporter.email_confirmed_at is None:
        send_confirmation(reporter.user)


STATUS_MAIL = {
    Reporter.Status.APPROVED: (_("Your reporter account is approved"), "accounts/email/reporter_approved.txt"),
    Reporter.Status.REJECTED: (
        _("Your reporter registration was not accepted"),
        "accounts/email/reporter_rejected.txt",
    ),
    Reporter.Status.SUSPENDED: (_("Your reporter account is suspended"), "accounts/email/reporter_suspended.txt"),
}


def set_reporter_status(*, reporter, status, actor, note=""):
    """Approve, reject or suspend a reporter: recorded in the admin history, the reporter told by e-mail.

    `note` (optional) is the editor's word to the reporter: it goes into the e-mail and the history line.
    Returns False (and changes nothing) when the reporter already has that status.
    """
    note = (note or "").strip()
    with transaction.atomic():
        locked = Reporter.objects.select_for_update().select_related("user").get(pk=reporter.pk)
        if locked.status == status:
            return False
        previous = locked.get_status_display()
        locked.status = status
        locked.save(update_fields=["status"])
        reporter.status = status
        message = f"{previous} → {locked.get_status_display()}"
        if note:
            message += f": {note}"
        record_change(actor=actor, obj=locked, message=message)
        subject, template = STATUS_MAIL[status]
        with translation.override(locked.language):  # theirs, not the editor's
            send_after_commit(
                subject,
                template,
                {"reporter": locked, "note": note, "desk_url": site_url(reverse("articles:desk"))},
                [locked.user.email],
            )
    logger.info(
        "Reporter %s is now %s (by %s)",
        locked.pk,
        status,
        actor.pk,
        extra={"event": "reporter_status", "user": actor.pk},
    )
    return True


def purge_unconfirmed(*, days, dry_run=False):
    """Delete registrations whose e-mail address was never confirmed within `days` days.

    Personal data (name, phone, district, photo) of people who never finished registering is
    kept no longer than needed. Staff accounts and anybody named on a story are never touched.
    Returns how many accounts were (or, with `dry_run`, would be) deleted.
    """
    stale = (
        Reporter.objects.filter(
            email_confirmed_at__isnull=True,
            created_at__lt=timezone.now() - timedelta(days=days),
            user__is_staff=False,
            user__is_superuser=False,
        )
        .exclude(articles__isnull=False)
        .select_related("user")
    )
    reporters = list(stale)
    if dry_run:
        return len(reporters)
    for reporter in reporters:
        photo = reporter.photo.name if reporter.photo else ""
        with transaction.atomic():
            reporter.user.delete()  # the reporter profile goes with the account
            if photo:
                transaction.on_commit(lambda name=photo, storage=reporter.photo.storage: storage.delete(name))
        logger.info("Unconfirmed registration deleted", extra={"event": "unconfirmed_purged", "user": reporter.user_id})
    return len(reporters)
