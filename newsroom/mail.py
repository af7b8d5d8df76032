"""Mail that never loses or undoes what caused it.

Every app sends its notifications through `send_after_commit`: the message is rendered and
sent only once the surrounding transaction has committed (so nobody is told about a story,
comment or registration that was rolled back), and a failing mail server is logged, never
raised: the registration, the transition or the enquiry stays saved.

    from newsroom.mail import send_after_commit

    send_after_commit(
        subject=_("Your story was returned"),
        template="articles/email/story_returned.txt",
        context={"article": article, "note": note},
        to=[reporter.user.email],
    )
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("newsroom.mail")


# The address the request being answered came to (scheme and host, checked against ALLOWED_HOSTS),
# set by newsroom.middleware.SiteAddressMiddleware for the request's thread or task.
_request_origin = ContextVar("request_origin", default=None)
DEVELOPMENT_ORIGIN = "http://127.0.0.1:8000"


def site_url(path=""):
    """An address on the public site, for an e-mail.

    PUBLISHER_URL when it is set (production: e-mails sent off any request still name the public
    site); otherwise the address the site is being served from, so the link a developer's console
    prints under `make run PORT=8001` opens on port 8001.
    """
    base = settings.PUBLISHER["url"]
    if not base:
        origin = _request_origin.get()
        base = origin() if origin is not None else DEVELOPMENT_ORIGIN
    return base.rstrip("/") + path


@contextmanager
def serving(request):
    """While answering `request`, site_url() falls back to the address it came to."""
    token = _request_origin.set(lambda: request.build_absolute_uri("/"))
    try:
        yield
    finally:
        _request_origin.reset(token)


def _site_context():
    return {"publisher": settings.PUBLISHER, "site_url": site_url()}


def send_logged(*, subject, template, context, to, reply_to=None, language=None):
    """Render and send one plain-text message now; log and swallow any failure. True when sent."""
    recipients = [address for address in dict.fromkeys(to or []) if address]
    if not recipients:
        return False
    try:
        with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
            body = render_to_string(template, {**_site_context(), **(context or {})})
            message = EmailMessage(
                subject=" ".join(str(subject).split()),
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=recipients,
                reply_to=reply_to,
            )
        message.send(fail_silently=False)
    except Exception:  # noqa: BLE001 - whatever the mail server does, the caller's work stands
        logger.exception("Could not send %s to %s", template, ", ".join(recipients), extra={"event": "mail_failed"})
        return False
    logger.info("Sent %s to %s", template, ", ".join(recipients), extra={"event": "mail_sent"})
    return True


def send_after_commit(subject, template, context, to, *, reply_to=None):
    """Send `template` (a plain-text template) to `to` once the current transaction commits.

    Outside a transaction it is sent at once. The language active now is the language of the
    message. Failures are logged (logger "newsroom.mail", event "mail_failed") and never raised.
    """
    language = translation.get_language()
    transaction.on_commit(
        lambda: send_logged(
            subject=subject, template=template, context=context, to=to, reply_to=reply_to, language=language
        )
    )
