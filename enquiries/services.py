"""What happens to an enquiry: saved first, mailed after the commit, worked on by staff, erased on request.

Views, admin actions and management commands all go through these functions.
"""

import json
import logging
import re
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from enquiries.models import Enquiry, EnquiryReply, mail_max_attempts
from newsroom.shared.history import record_change
from newsroom.shared.mail import deliver, mail_tried, queue_mail
from newsroom.shared.models import OutgoingMail

logger = logging.getLogger("enquiries")

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()]+", re.IGNORECASE)


# --- Which story is it about? ----------------------------------------------------


def site_hosts(request=None):
    """Host names that are ours: the one the request came to and the publisher's public one."""
    hosts = {urlsplit(settings.PUBLISHER.get("url", "")).netloc.lower()}
    if request is not None:
        hosts.add(request.get_host().lower())
    hosts.discard("")
    return hosts


def story_from_url(url, *, hosts):
    """The published story at `url` (a full address on one of `hosts`, or a path), or None."""
    parts = urlsplit(url.strip().rstrip(".,;:!?"))
    if parts.scheme and parts.scheme.lower() not in {"http", "https"}:
        return None
    if parts.netloc and parts.netloc.lower() not in hosts:
        return None
    path = unquote(parts.path or "")
    if not path.startswith("/"):
        return None
    # Enquiries know nothing of stories: the project names the function that finds one (ENQUIRY_STORY_AT).
    return import_string(settings.ENQUIRY_STORY_AT)(path)


def story_from_text(text, *, hosts):
    """The first of our published stories whose address appears in `text`."""
    for url in URL_IN_TEXT.findall(text or ""):
        story = story_from_url(url, hosts=hosts)
        if story is not None:
            return story
    return None


# --- Receiving an enquiry -----------------------------------------------------------------


def submit_enquiry(*, data, ip_address=None, user_agent="", language="en", hosts=(), spam_reason=""):
    """Save an enquiry sent through Contact Us, then (after the commit) acknowledge it and tell the staff.

    `data` holds the form's fields. With a `spam_reason` the enquiry is kept with the status spam
    and no e-mail goes out.
    """
    fields = {name: data.get(name) for name in _SUBMITTED_FIELDS if data.get(name) is not None}
    for name, value in list(fields.items()):
        if isinstance(value, str):
            # A spam-flagged post skips the form's checks: PostgreSQL refuses NUL, and no control
            # character belongs in an enquiry, so they go and the post is still kept.
            value = _CONTROL_CHARACTERS.sub("", value)
            max_length = Enquiry._meta.get_field(name).max_length
            fields[name] = value[:max_length] if max_length else value
    if fields.get("kind") not in Enquiry.Kind.values:
        fields["kind"] = Enquiry.Kind.GENERAL
    enquiry = Enquiry(
        **fields,
        ip_address=ip_address or None,
        user_agent=(user_agent or "")[:300],
        language=(language or settings.LANGUAGE_CODE)[:10],
    )
    if spam_reason:
        enquiry.status = Enquiry.Status.SPAM
        enquiry.spam_reason = spam_reason[:20]
    else:
        enquiry.related_article = story_from_url(enquiry.story_url, hosts=hosts) if enquiry.story_url else None
        if enquiry.related_article is None:
            enquiry.related_article = story_from_text(enquiry.message, hosts=hosts)
    if not spam_reason:
        # A double click, or "send" pressed again after a slow page: one enquiry, one reference.
        duplicate = (
            Enquiry.objects.exclude(status=Enquiry.Status.SPAM)
            .filter(
                email=enquiry.email,
                subject=enquiry.subject,
                message=enquiry.message,
                created_at__gte=timezone.now() - timedelta(minutes=10),
            )
            .first()
        )
        if duplicate is not None:
            return duplicate
    with transaction.atomic():
        enquiry.save()
        if not spam_reason:
            _queue_acknowledgement(enquiry)
    logger.info(
        "Enquiry %s received (%s)",
        enquiry.reference,
        enquiry.status,
        extra={"event": "enquiry_received", "reference": enquiry.reference, "spam_reason": spam_reason},
    )
    return enquiry


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SUBMITTED_FIELDS = ("name", "email", "phone", "kind", "subject", "message", "story_url", "consent")


# --- Mail ---------------------------------------------------------------------------------------


def notify_addresses(kind):
    """Where the staff notification of an enquiry of this type goes."""
    per_kind = settings.ENQUIRY_NOTIFY_EMAILS
    return list(per_kind.get(kind) or settings.STAFF_NOTIFY_EMAILS)


# An enquiry's messages wait in the one outbox (newsroom/shared/mail.py) like every other; each carries a topic
# naming what it is, and the enquiry follows them from there (follow_outbox), so the inbox still says, for
# each enquiry and each reply, what has gone out and what is waiting to be sent.


def _topic(enquiry, piece):
    return f"enquiry:{enquiry.pk}:{piece}"


def _reply_topic(reply):
    return f"enquiry-reply:{reply.pk}"


def _latest_mail(topic):
    return OutgoingMail.objects.filter(topic=topic).order_by("-created_at", "-pk").first()


def _queue(topic, *, attempts, **message):
    """The outbox's message for `topic` if one is still to be sent, else a new one (rendered now)."""
    mail = _latest_mail(topic)
    if mail is not None and mail.state != OutgoingMail.State.SENT:
        return mail
    mail = queue_mail(topic=topic, **message)
    if mail is not None and attempts:
        # Tries made before the outbox existed still count towards the limit.
        OutgoingMail.objects.filter(pk=mail.pk).update(attempts=attempts)
    return mail


def _queue_acknowledgement(enquiry):
    """Queue whichever of the acknowledgement and the staff notification has not gone out yet."""
    context = {"enquiry": enquiry, "admin_url": enquiry.get_admin_url()}
    queued = []
    if enquiry.ack_sent_at is None:
        with translation.override(enquiry.language):
            subject = gettext("We have your message: %(reference)s") % {"reference": enquiry.reference}
        queued.append(
            _queue(
                _topic(enquiry, "ack"),
                attempts=enquiry.mail_attempts,
                subject=subject,
                template="enquiries/email/enquiry_acknowledgement.txt",
                context=context,
                to=[enquiry.email],
                language=enquiry.language,
            )
        )
    if enquiry.staff_notified_at is None:
        with translation.override(settings.LANGUAGE_CODE):
            subject = f"[{enquiry.get_kind_display()}] {enquiry.reference}: {enquiry.subject}"
        queued.append(
            _queue(
                _topic(enquiry, "staff"),
                attempts=enquiry.mail_attempts,
                subject=subject,
                template="enquiries/email/enquiry_staff_notification.txt",
                context=context,
                to=notify_addresses(enquiry.kind),
                reply_to=[enquiry.email],
                language=settings.LANGUAGE_CODE,
            )
        )
    return [mail for mail in queued if mail is not None]


def _queue_reply(enquiry, reply):
    """Queue one reply of the staff to the reader, in the reader's language, quoting the reference."""
    with translation.override(enquiry.language):
        subject = gettext("Our reply to your message %(reference)s") % {"reference": enquiry.reference}
    return _queue(
        _reply_topic(reply),
        attempts=reply.mail_attempts,
        subject=subject,
        template="enquiries/email/enquiry_reply.txt",
        context={"enquiry": enquiry, "reply": reply},
        to=[enquiry.email],
        language=enquiry.language,
    )


def deliver_enquiry_mail(*, enquiry_id):
    """Try now whatever has not gone out yet for one enquiry: the acknowledgement, the staff notification,
    the staff's replies to the reader (until ENQUIRY_MAIL_MAX_ATTEMPTS tries have failed).

    Never raises: a failing mail server is recorded on the outbox's messages and, from there, on the
    enquiry and its replies. Returns True when nothing is left to send.
    """
    limit = mail_max_attempts()
    with transaction.atomic():
        # The row lock keeps two retries of one enquiry from queueing its messages twice.
        enquiry = (
            Enquiry.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("related_article")
            .filter(pk=enquiry_id)
            .first()
        )
        if enquiry is None:
            return False
        mails = []
        if enquiry.acknowledgement_pending and enquiry.mail_attempts < limit:
            mails += _queue_acknowledgement(enquiry)
        for reply in enquiry.replies.queued().filter(mail_attempts__lt=limit).order_by("sent_at", "pk"):
            mails.append(_queue_reply(enquiry, reply))
        ids = [mail.pk for mail in mails if mail is not None]
        OutgoingMail.objects.filter(pk__in=ids).update(state=OutgoingMail.State.WAITING, next_attempt_at=timezone.now())
    for pk in ids:
        deliver(pk)
    enquiry.refresh_from_db()
    return not enquiry.acknowledgement_pending and not enquiry.replies.queued().exists()


def _failure_note(failed):
    """What failed at the last try, for the staff."""
    return gettext("%(when)s: could not send %(what)s; the mail server failed (see the logs).") % {
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "what": ", ".join(failed),
    }


def follow_outbox(sender, mail, **kwargs):
    """After each try at one of an enquiry's messages, say on the enquiry (or the reply) what became of it."""
    kind, _sep, rest = mail.topic.partition(":")
    if kind == "enquiry":
        _record_enquiry_mail(int(rest.split(":")[0]))
    elif kind == "enquiry-reply":
        _record_reply_mail(int(rest), mail)


def _record_enquiry_mail(enquiry_id):
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:
        return
    pieces = {
        "ack": ("ack_sent_at", gettext("the acknowledgement to the sender")),
        "staff": ("staff_notified_at", gettext("the notification to the staff")),
    }
    fields, failed, attempts = {}, [], enquiry.mail_attempts
    for piece, (field, what) in pieces.items():
        mail = _latest_mail(_topic(enquiry, piece))
        if mail is None or getattr(enquiry, field) is not None:
            continue
        attempts = max(attempts, mail.attempts)
        if mail.state == OutgoingMail.State.SENT:
            fields[field] = mail.sent_at
        elif mail.attempts:
            failed.append(what)
    fields.update(mail_attempts=attempts, mail_last_error=_failure_note(failed) if failed else "")
    Enquiry.objects.filter(pk=enquiry.pk).update(**fields, updated_at=timezone.now())


def _record_reply_mail(reply_id, mail):
    reply = EnquiryReply.objects.filter(pk=reply_id, delivery=EnquiryReply.Delivery.QUEUED).first()
    if reply is None:
        return
    fields = {"mail_attempts": max(reply.mail_attempts, mail.attempts), "mail_last_error": ""}
    if mail.state == OutgoingMail.State.SENT:
        fields.update(delivery=EnquiryReply.Delivery.SENT, mailed_at=mail.sent_at)
    else:
        fields["mail_last_error"] = _failure_note([gettext("the reply to the reader")])
    EnquiryReply.objects.filter(pk=reply.pk).update(**fields)


def connect_signals():
    mail_tried.connect(follow_outbox, sender=OutgoingMail, dispatch_uid="enquiries-follow-outbox")


def send_pending_mail(*, limit=None):
    """Retry the mail of every enquiry still waiting for it (replies included). Returns (tried, completed)."""
    ids = list(Enquiry.objects.mail_to_retry().order_by("created_at").values_list("pk", flat=True)[:limit])
    completed = sum(1 for pk in ids if deliver_enquiry_mail(enquiry_id=pk))
    return len(ids), completed


# --- Staff work -------------------------------------------------------------------------------


def _log_change(*, user, enquiry, message):
    record_change(actor=user, obj=enquiry, message=message)


def change_status(*, enquiries, status, user):
    """Move enquiries to `status`, recording each change in the admin's history. Returns how many changed."""
    changed = 0
    with transaction.atomic():
        for enquiry in enquiries:
            if enquiry.status == status:
                continue
            enquiry.status = status
            enquiry.save(update_fields=["status", "updated_at"])
            _log_change(user=user, enquiry=enquiry, message=[{"changed": {"fields": ["Status"]}}])
            changed += 1
    return changed


def assign(*, enquiries, assignee, user):
    """Give enquiries to a member of staff; a new enquiry becomes in progress."""
    changed = 0
    with transaction.atomic():
        for enquiry in enquiries:
            fields = []
            if enquiry.assignee_id != assignee.pk:
                enquiry.assignee = assignee
                fields.append("assignee")
            if enquiry.status == Enquiry.Status.NEW:
                enquiry.status = Enquiry.Status.IN_PROGRESS
                fields.append("status")
            if not fields:
                continue
            enquiry.save(update_fields=[*fields, "updated_at"])
            labels = {"assignee": "Assigned to", "status": "Status"}
            _log_change(user=user, enquiry=enquiry, message=[{"changed": {"fields": [labels[f] for f in fields]}}])
            changed += 1
    return changed


def record_reply(*, reply, user):
    """Keep a record of a reply the staff sent; the enquiry counts as answered from then on."""
    with transaction.atomic():
        if reply.sent_by_id is None:
            reply.sent_by = user
        reply.save()
        enquiry = reply.enquiry
        if enquiry.status in (Enquiry.Status.NEW, Enquiry.Status.IN_PROGRESS):
            change_status(enquiries=[enquiry], status=Enquiry.Status.ANSWERED, user=user)
    return reply


def send_reply(*, enquiry, body, user):
    """Put a reply of the staff on the enquiry's thread and e-mail it to the reader after the commit.

    The reply is stored first, with who wrote it and when, and its e-mail in the outbox; a mail server
    that fails leaves it waiting to be sent, and the worker (or `manage.py send_pending_enquiry_mail`)
    sends it later.
    """
    reply = EnquiryReply(enquiry=enquiry, body=body, sent_by=user, delivery=EnquiryReply.Delivery.QUEUED)
    reply.full_clean()
    with transaction.atomic():
        record_reply(reply=reply, user=user)
        _queue_reply(enquiry, reply)
    logger.info(
        "Reply to enquiry %s written",
        enquiry.reference,
        extra={"event": "enquiry_reply_written", "reference": enquiry.reference, "by": user.pk},
    )
    return reply


# --- Personal data (Digital Personal Data Protection Act 2023) -------------------------------


def personal_data(email):
    """Everything held about one e-mail address, as a JSON-ready dict."""
    enquiries = Enquiry.objects.for_email(email).prefetch_related("replies").select_related("related_article")
    return {
        "email": email,
        "exported_at": timezone.now(),
        "publisher": settings.PUBLISHER["name"],
        "enquiries": [
            {
                "reference": e.reference,
                "received_at": e.created_at,
                "name": e.name,
                "email": e.email,
                "phone": e.phone,
                "type": e.kind,
                "subject": e.subject,
                "message": e.message,
                "story_address": e.story_url,
                "story": e.related_article.get_absolute_url() if e.related_article else None,
                "consent": e.consent,
                "language": e.language,
                "status": e.status,
                "internal_notes": e.internal_notes,
                "ip_address": e.ip_address,
                "browser": e.user_agent,
                "acknowledgement_sent_at": e.ack_sent_at,
                "replies": [{"sent_at": r.sent_at, "text": r.body, "emailed_at": r.mailed_at} for r in e.replies.all()],
            }
            for e in enquiries
        ],
    }


def personal_data_json(emails):
    return json.dumps([personal_data(email) for email in emails], cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def erase_personal_data(*, emails, user):
    """Delete every enquiry (and its replies) sent from these addresses. Returns how many were erased."""
    erased = 0
    with transaction.atomic():
        for email in emails:
            enquiries = Enquiry.objects.for_email(email)
            ids = list(enquiries.values_list("pk", flat=True))
            # The admin's history of these enquiries goes too: nothing about the person is left.
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Enquiry), object_id__in=[str(pk) for pk in ids]
            ).delete()
            erased += Enquiry.objects.filter(pk__in=ids).delete()[1].get(Enquiry._meta.label, 0)
    logger.info("Erased %d enquiries on request", erased, extra={"event": "enquiry_erased", "by": user.pk})
    return erased


def purge_old(*, days=None, dry_run=False):
    """Delete closed and spam enquiries past the retention period. Returns how many (would be) deleted."""
    old = Enquiry.objects.past_retention(days=days)
    count = old.count()
    if not dry_run and count:
        old.delete()
    return count
