"""Every log-in, log-out and failed log-in is logged (logger "accounts"), with the address it came from."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts import slowdown
from newsroom.shared.clients import client_ip

logger = logging.getLogger("accounts")


def address(request):
    # The same address django-axes and the comment and enquiry limits use (newsroom/shared/clients.py).
    return (client_ip(request) if request is not None else None) or ""


@receiver(user_logged_in, dispatch_uid="accounts.log_login")
def log_login(sender, request, user, **kwargs):
    if request is not None:
        slowdown.clear(request, user.email)
    logger.info("Login: %s", user.email, extra={"event": "login", "user": user.pk, "ip": address(request)})


@receiver(user_logged_out, dispatch_uid="accounts.log_logout")
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        logger.info("Logout: %s", user.email, extra={"event": "logout", "user": user.pk, "ip": address(request)})


@receiver(user_login_failed, dispatch_uid="accounts.log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    # The password is never logged; Django already masks it in `credentials`.
    who = credentials.get("username") or credentials.get("email") or ""
    if request is not None:
        slowdown.record_failure(request, who)
    logger.warning("Failed login for %s", who, extra={"event": "login_failed", "ip": address(request)})
