"""Every log-in, log-out and failed log-in is logged (logger "accounts"), with the address it came from."""

import logging

from axes.helpers import get_client_ip_address
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts import slowdown

logger = logging.getLogger("accounts")


def client_ip(request):
    # The same address django-axes and the comment and enquiry limits use (proxies counted per PROXY_COUNT).
    if request is None:
        return ""
    return get_client_ip_address(request) or ""


@receiver(user_logged_in, dispatch_uid="accounts.log_login")
def log_login(sender, request, user, **kwargs):
    if request is not None:
        slowdown.clear(request, user.email)
    logger.info("Login: %s", user.email, extra={"event": "login", "user": user.pk, "ip": client_ip(request)})


@receiver(user_logged_out, dispatch_uid="accounts.log_logout")
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        logger.info("Logout: %s", user.email, extra={"event": "logout", "user": user.pk, "ip": client_ip(request)})


@receiver(user_login_failed, dispatch_uid="accounts.log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    # The password is never logged; Django already masks it in `credentials`.
    who = credentials.get("username") or credentials.get("email") or ""
    if request is not None:
        slowdown.record_failure(request, who)
    logger.warning("Failed login for %s", who, extra={"event": "login_failed", "ip": client_ip(request)})
