"""Who speaks for the newsroom: staff, once past the second factor when it is required.

Read by the apps (a staff reply to a comment goes out as the newsroom's) and by the desk's admin site
(newsroom/admin.py), which asks for the second factor."""

from django.conf import settings


def staff_second_factor_required():
    """True when staff must prove a TOTP code on top of their password (on in production)."""
    return settings.STAFF_REQUIRE_2FA


def speaks_for_the_newsroom(user):
    """True when what `user` writes on the public site goes out as the newsroom's: staff who have
    passed the second factor when it is required. A stolen staff password alone is not enough."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_staff
        and (not staff_second_factor_required() or is_verified(user))
    )


def is_verified(user):
    # OTPMiddleware gives request.user `is_verified`; a user object made elsewhere has no device.
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())
