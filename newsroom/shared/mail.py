"""Mail that never loses or undoes what caused it: one outbox for every message.

Every app sends its notifications through `send_after_commit`: the message is rendered at once (in
the language active now, with the links of the request being answered) and stored in the outbox
(newsroom.shared.models.OutgoingMail) inside the caller's transaction, so nobody is told about a story,
comment or registration that was rolled back, and nothing is lost when the mail server is down.
Once the transaction commits a task (send_queued_mail, below) sends it: in the worker in production, in
the same process with TASKS_BACKEND=immediate (`make run`, the tests). The answer to the request
never waits for the mail server. A failed try is recorded on the message and tried again with a
growing pause (MAIL_RETRY_SECONDS, doubled each time) by the worker and by `manage.py
send_queued_mail` (the timer), until MAIL_MAX_ATTEMPTS tries have failed; the desk's outbox shows
every message's state and can try one again at once.

    from newsroom.shared.mail import send_after_commit

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
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from newsroom.shared.models import OutgoingMail
from newsroom.shared.publisher import publisher

logger = logging.getLogger("newsroom.shared.mail")


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
    return {"publisher": publisher, "site_url": site_url()}


# Sent after each try at sending a message of the outbox, with `mail` (the OutgoingMail, its state
# as it now is): the app that queued it can follow it by its `topic` without the outbox knowing the app.
mail_tried = Signal()


def queue_mail(*, subject, template, context, to, reply_to=None, language=None, topic=""):
    """Render a plain-text message now and store it in the outbox; it is sent once the transaction commits.

    Returns the OutgoingMail, or None when there is nobody to send it to.
    """
    recipients = [address for address in dict.fromkeys(to or []) if address]
    if not recipients:
        return None
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        body = render_to_string(template, {**_site_context(), **(context or {})})
        subject = " ".join(str(subject).split())
    mail = OutgoingMail.objects.create(
        subject=subject[: OutgoingMail._meta.get_field("subject").max_length],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[address for address in (reply_to or []) if address],
        language=language,
        template=template[:200],
        topic=topic[:100],
    )
    transaction.on_commit(partial(enqueue_sending, mail.pk), robust=True)
    return mail


def send_after_commit(subject, template, context, to, *, reply_to=None, topic=""):
    """Send `template` (a plain-text template) to `to` once the current transaction commits (see queue_mail).

    The language active now is the language of the message. A failing mail server is recorded on the
    message in the outbox and never raised.
    """
    return queue_mail(subject=subject, template=template, context=context, to=to, reply_to=reply_to, topic=topic)


def enqueue_sending(mail_id, *, run_after=None):
    """Ask the worker to send one message of the outbox (at `run_after`, when the task backend can wait)."""
    task = send_queued_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return None  # the retry command picks it up when it is due
        task = task.using(run_after=run_after)
    return task.enqueue(mail_id)


def deliver(mail_id, *, now=None):
    """Try to send one waiting message whose time has come, and record what happened. True when sent.

    The row lock keeps the worker, the retry command and the desk's "retry now" from sending it twice.
    """
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update(skip_locked=True).due(now=now).filter(pk=mail_id).first()
        if mail is None:
            return False
        mail.attempts += 1
        try:
            EmailMessage(
                subject=mail.subject,
                body=mail.body,
                from_email=mail.from_email,
                to=mail.to,
                reply_to=mail.reply_to or None,
            ).send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - whatever the mail server does, the message waits
            mail.last_error = f"{timezone.localtime():%Y-%m-%d %H:%M}: {type(error).__name__}: {error}"[:2000]
            if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
                mail.state = OutgoingMail.State.GIVEN_UP
            else:
                mail.next_attempt_at = timezone.now() + mail.retry_delay()
            logger.warning(
                "Could not send %s to %s (attempt %d): %s",
                mail.template,
                mail.recipients,
                mail.attempts,
                error,
                extra={"event": "mail_failed", "mail": mail.pk},
            )
        else:
            mail.state = OutgoingMail.State.SENT
            mail.sent_at = timezone.now()
            mail.last_error = ""
            # A confirmation, reset or set-up link in it is a key to an account: nothing keeps it once sent.
            mail.body = ""
            logger.info("Sent %s to %s", mail.template, mail.recipients, extra={"event": "mail_sent", "mail": mail.pk})
        mail.save(update_fields=["state", "attempts", "last_error", "next_attempt_at", "sent_at", "body"])
        mail_tried.send(sender=OutgoingMail, mail=mail)
    if mail.state == OutgoingMail.State.WAITING:
        enqueue_sending(mail.pk, run_after=mail.next_attempt_at)
    return mail.state == OutgoingMail.State.SENT


def send_due(*, limit=None, now=None):
    """Try every waiting message whose time has come, oldest first. Returns (tried, sent)."""
    due = OutgoingMail.objects.due(now=now).order_by("next_attempt_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:limit])
    sent = sum(1 for pk in ids if deliver(pk, now=now))
    return len(ids), sent


def retry_now(mails):
    """Make these messages (waiting or given up) due now and hand them to the worker. Returns how many."""
    ids = [mail.pk for mail in mails if mail.state != OutgoingMail.State.SENT]
    with transaction.atomic():
        OutgoingMail.objects.filter(pk__in=ids).exclude(state=OutgoingMail.State.SENT).update(
            state=OutgoingMail.State.WAITING, next_attempt_at=timezone.now()
        )
        for pk in ids:
            transaction.on_commit(partial(enqueue_sending, pk), robust=True)
    return len(ids)


@task()
def send_queued_mail(mail_id):
    """The worker's task: send one message of the outbox, if it is still waiting and due."""
    return deliver(mail_id)
