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
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.models import Article
from enquiries.models import Enquiry, EnquiryReply, mail_max_attempts
from newsroom.history import record_change
from newsroom.mail import send_logged

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
    for language, _name in settings.LANGUAGES:
        # English lives at /news/…, Assamese at /as/news/…: each resolves under its own language.
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                continue
        if match.view_name == "articles:detail":
            return Article.objects.published().filter(slug=match.kwargs["slug"]).first()
    return None


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
            transaction.on_commit(lambda: deliver_enquiry_mail(enquiry_id=enquiry.pk))
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
    per_kind = getattr(settings, "ENQUIRY_NOTIFY_EMAILS", {}) or {}
    return list(per_kind.get(kind) or settings.STAFF_NOTIFY_EMAILS)


def deliver_enquiry_mail(*, enquiry_id):
    """Send whatever has not gone out yet for one enquiry: the acknowledgement, the staff notification,
    the staff's replies to the reader.

    Never raises: a failing mail server is logged (by newsroom.mail), counted (on the enquiry for its
    acknowledgement and notification, on each reply for itself) and retried by
    `manage.py send_pending_enquiry_mail` until ENQUIRY_MAIL_MAX_ATTEMPTS tries have failed.
    Returns True when nothing is left to send.
    """
    limit = mail_max_attempts()
    with transaction.atomic():
        # The row lock keeps the cron's retry and a just-saved enquiry's (or reply's) own sending from both mailing.
        enquiry = (
            Enquiry.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("related_article")
            .filter(pk=enquiry_id)
            .first()
        )
        if enquiry is None:
            return False
        if enquiry.acknowledgement_pending and enquiry.mail_attempts < limit:
            _deliver_acknowledgement(enquiry)
        for reply in enquiry.replies.queued().filter(mail_attempts__lt=limit).order_by("sent_at", "pk"):
            _deliver_reply(enquiry, reply)
        return not enquiry.acknowledgement_pending and not enquiry.replies.queued().exists()


def _count_attempt(obj, *, failed):
    """One more try at sending `obj`'s mail (an enquiry's or a reply's), and what failed, for the staff."""
    obj.mail_attempts += 1
    obj.mail_last_error = (
        gettext("%(when)s: could not send %(what)s; the mail server failed (see the logs).")
        % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M"), "what": ", ".join(failed)}
        if failed
        else ""
    )


def _deliver_acknowledgement(enquiry):
    context = {"enquiry": enquiry, "admin_url": enquiry.get_admin_url()}
    failed = []
    if enquiry.ack_sent_at is None:
        with translation.override(enquiry.language):
            subject = gettext("We have your message: %(reference)s") % {"reference": enquiry.reference}
            what = gettext("the acknowledgement to the sender")
        if send_logged(
            subject=subject,
            template="enquiries/email/enquiry_acknowledgement.txt",
            context=context,
            to=[enquiry.email],
            language=enquiry.language,
        ):
            enquiry.ack_sent_at = timezone.now()
        else:
            failed.append(what)
    if enquiry.staff_notified_at is None:
        with translation.override(settings.LANGUAGE_CODE):
            subject = f"[{enquiry.get_kind_display()}] {enquiry.reference}: {enquiry.subject}"
            what = gettext("the notification to the staff")
        if send_logged(
            subject=subject,
            template="enquiries/email/enquiry_staff_notification.txt",
            context=context,
            to=notify_addresses(enquiry.kind),
            reply_to=[enquiry.email],
            language=settings.LANGUAGE_CODE,
        ):
            enquiry.staff_notified_at = timezone.now()
        else:
            failed.append(what)
    _count_attempt(enquiry, failed=failed)
    enquiry.save(update_fields=["ack_sent_at", "staff_notified_at", "mail_attempts", "mail_last_error", "updated_at"])


def _deliver_reply(enquiry, reply):
    """E-mail one reply of the staff to the reader, in the reader's language, quoting the reference."""
    with translation.override(enquiry.language):
        subject = gettext("Our reply to your message %(reference)s") % {"reference": enquiry.reference}
    sent = send_logged(
        subject=subject,
        template="enquiries/email/enquiry_reply.txt",
        context={"enquiry": enquiry, "reply": reply},
        to=[enquiry.email],
        language=enquiry.language,
    )
    if sent:
        reply.delivery = EnquiryReply.Delivery.SENT
        reply.mailed_at = timezone.now()
    _count_attempt(reply, failed=[] if sent else [gettext("the reply to the reader")])
    reply.save(update_fields=["delivery", "mailed_at", "mail_attempts", "mail_last_error"])
    return sent


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

    The reply is stored first, with who wrote it and when; a mail server that fails leaves it waiting
    to be sent, and `manage.py send_pending_enquiry_mail` sends it later (deliver_enquiry_mail).
    """
    reply = EnquiryReply(enquiry=enquiry, body=body, sent_by=user, delivery=EnquiryReply.Delivery.QUEUED)
    reply.full_clean()
    with transaction.atomic():
        record_reply(reply=reply, user=user)
        transaction.on_commit(lambda: deliver_enquiry_mail(enquiry_id=enquiry.pk))
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
