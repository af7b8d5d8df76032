"""The rules of reader comments, in one place: posting, reporting and moderating.

Posting (`post_comment`), in this order:
- refused outright (`CommentRefused`, shown on the form, the text kept): comments closed on the
  story (by an editor, or COMMENTS_CLOSE_AFTER_DAYS after publication), more than
  COMMENTS_RATE_PER_MINUTE comments a minute from one IP address or one e-mail address, the
  same text already posted on the same story within COMMENTS_DUPLICATE_HOURS. (A filled
  honeypot and a too-fast, expired or forged form stamp are refused earlier, by the form.)
- published at once: comments by staff; comments from an e-mail address with at least
  COMMENTS_AUTO_APPROVE_AFTER approved comments (0 turns this off), unless a rule below holds it.
- held for a moderator regardless: a blocked e-mail/IP address (BlockedTerm), an e-mail address
  whose earlier comments were spam, a blocked word (COMMENTS_BLOCKED_WORDS and BlockedTerm),
  more than COMMENTS_MAX_LINKS links.
- otherwise held.

Moderators are e-mailed about held and newly reported comments after the transaction commits
(newsroom/shared/mail.py: a failing mail server is logged and never loses the comment). Whatever makes a
comment appear or disappear on a story is announced (signals.comments_changed), which refreshes the
cached pages (newsroom/page_changes.py).
"""

import hashlib
import logging
import re
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import urlize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.comments.models import BlockedTerm, Comment, CommentReport
from articles.comments.signals import announce
from newsroom.shared.history import record_change
from newsroom.shared.mail import send_after_commit
from newsroom.shared.staff import speaks_for_the_newsroom

logger = logging.getLogger("articles.comments")

MODERATOR_GROUP = "Moderator"


class CommentRefused(ValidationError):
    """The comment (or report) is refused; the message is safe to show to the reader.

    `code` says why: "closed", "rate_limited", "duplicate", "bad_parent", "not_reportable".
    """


# --- Reading rules ---------------------------------------------------------------------------


def comments_close_at(article):
    """When comments close on `article` by age, or None if they never do."""
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if not days or article.published_at is None:
        return None
    return article.published_at + timedelta(days=days)


def comments_open(article, *, now=None):
    """Readers may comment: the story is public, the editor has not closed comments, it is not too old."""
    if not article.comments_enabled or not article.is_published:
        return False
    close_at = comments_close_at(article)
    return close_at is None or (now or timezone.now()) < close_at


def count_links(body):
    """How many links the comment would show: exactly what the page will turn into links."""
    return urlize(body, autoescape=True).count("<a ")


def _matches(term, text):
    """`term` occurs in `text` as a whole word (both already casefolded)."""
    if not term:
        return False
    before = r"(?<!\w)" if re.match(r"\w", term[0]) else ""
    after = r"(?!\w)" if re.match(r"\w", term[-1]) else ""
    return re.search(before + re.escape(term) + after, text) is not None


def _email_blocked(email, blocked):
    domain = "@" + email.rpartition("@")[2]
    return any(
        value in (email, domain) or (value.startswith("@") and domain.endswith("." + value[1:])) for value in blocked
    )


def hold_reason(*, name, email, body, ip_address):
    """Why a comment must wait for a moderator whoever posts it, or None."""
    terms = {kind: [] for kind in BlockedTerm.Kind.values}
    for kind, value in BlockedTerm.objects.values_list("kind", "value"):
        terms[kind].append(value)
    if _email_blocked(email, terms[BlockedTerm.Kind.EMAIL]) or (
        ip_address and ip_address in terms[BlockedTerm.Kind.IP]
    ):
        return Comment.HoldReason.BLOCKED_ADDRESS
    if Comment.objects.filter(email=email, status=Comment.Status.SPAM).exists():
        return Comment.HoldReason.KNOWN_SPAMMER
    text = " ".join(f"{name}\n{body}".split()).casefold()
    words = [*settings.COMMENTS_BLOCKED_WORDS, *terms[BlockedTerm.Kind.WORD]]
    if any(_matches(" ".join(str(word).split()).casefold(), text) for word in words):
        return Comment.HoldReason.BLOCKED_WORD
    if count_links(body) > settings.COMMENTS_MAX_LINKS:
        return Comment.HoldReason.LINKS
    return None


def is_trusted(email):
    """The address has enough approved comments to publish at once (COMMENTS_AUTO_APPROVE_AFTER)."""
    needed = settings.COMMENTS_AUTO_APPROVE_AFTER
    return bool(needed) and Comment.objects.filter(email=email, status=Comment.Status.APPROVED).count() >= needed


def _over_rate(kind, value, limit):
    """Count one more action by `value` this minute; True once the count passes `limit`.

    A fixed one-minute window in the shared cache (Redis in production), so every app server
    counts together. If the cache is down the reader is let through: moderation still applies.
    """
    if not value or not limit:
        return False
    digest = hashlib.sha256(str(value).casefold().encode()).hexdigest()[:32]
    key = f"comments:rate:{kind}:{digest}:{int(time.time() // 60)}"
    cache.add(key, 0, 120)
    try:
        return cache.incr(key) > limit
    except ValueError:
        return False


# --- Posting -------------------------------------------------------------------------------


def post_comment(*, article, body, name="", email="", user=None, parent=None, ip_address=None, user_agent=""):
    """Save a reader's comment under the rules above and return it; raise CommentRefused or ValidationError."""
    if not comments_open(article):
        raise CommentRefused(_("Comments are closed on this story."), code="closed")

    if parent is not None:
        if parent.parent_id is not None:
            # One level of replies: a reply to a reply joins the conversation it belongs to.
            parent = parent.parent
        if parent.article_id != article.pk or parent.status != Comment.Status.APPROVED:
            raise CommentRefused(_("The comment you replied to is no longer available."), code="bad_parent")

    is_staff = speaks_for_the_newsroom(user)
    if user is not None and user.is_authenticated:
        name, email = user.full_name or user.get_short_name(), user.email
    else:
        user = None
    name = " ".join(name.split())[: Comment._meta.get_field("name").max_length]
    email = email.strip().lower()
    body = body.strip()

    per_minute = settings.COMMENTS_RATE_PER_MINUTE
    over_ip = _over_rate("ip", ip_address, per_minute)
    over_email = _over_rate("email", email, per_minute)
    if over_ip or over_email:
        raise CommentRefused(
            ngettext(
                "You can post %(count)d comment a minute. Please wait a minute and send it again.",
                "You can post %(count)d comments a minute. Please wait a minute and send it again.",
                per_minute,
            )
            % {"count": per_minute},
            code="rate_limited",
        )

    since = timezone.now() - timedelta(hours=settings.COMMENTS_DUPLICATE_HOURS)
    if Comment.objects.filter(article=article, body=body, created_at__gte=since).exists():
        raise CommentRefused(_("This comment has already been posted on this story."), code="duplicate")

    comment = Comment(
        article=article,
        parent=parent,
        user=user,
        name=name,
        email=email,
        body=body,
        is_staff_reply=is_staff,
        ip_address=ip_address or None,
        user_agent=(user_agent or "")[:300],
    )
    reason = None if is_staff else hold_reason(name=name, email=email, body=body, ip_address=ip_address)
    if is_staff or (reason is None and is_trusted(email)):
        comment.status = Comment.Status.APPROVED
        comment.moderated_at = timezone.now() if is_staff else None
        comment.moderated_by = user if is_staff else None
    else:
        comment.status = Comment.Status.HELD
        comment.hold_reason = reason or Comment.HoldReason.MODERATION
    comment.full_clean()

    with transaction.atomic():
        comment.save()
        if comment.status == Comment.Status.APPROVED:
            announce([article.pk])
        else:
            _notify_moderators(comment, template="comments/email/comment_held.txt")
    logger.info(
        "Comment %s on story %s: %s",
        comment.pk,
        article.pk,
        comment.status,
        extra={"event": "comment_posted", "status": comment.status, "hold_reason": comment.hold_reason},
    )
    return comment


# --- Reporting -----------------------------------------------------------------------------


def report_comment(*, comment, reason, ip_address=None):
    """Record a reader's report of a published comment. Returns True for a new report.

    The same address reporting the same comment again is thanked but not counted twice.
    Moderators are e-mailed when a comment is first reported.
    """
    if comment.status != Comment.Status.APPROVED:
        raise CommentRefused(_("This comment can no longer be reported."), code="not_reportable")
    limit = settings.COMMENTS_REPORTS_PER_MINUTE
    if _over_rate("report-ip", ip_address, limit):
        raise CommentRefused(
            _("You have sent a lot of reports in a short time. Please wait a minute and try again."),
            code="rate_limited",
        )
    if ip_address and CommentReport.objects.filter(comment=comment, ip_address=ip_address).exists():
        return False
    with transaction.atomic():
        CommentReport.objects.create(comment=comment, reason=reason, ip_address=ip_address or None)
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1, reported_at=timezone.now())
        comment.refresh_from_db(fields=["report_count", "reported_at"])
        if comment.report_count == 1:
            _notify_moderators(
                comment,
                template="comments/email/comment_reported.txt",
                extra={"reason": CommentReport.Reason(reason).label},
            )
    logger.info("Comment %s reported (%s)", comment.pk, reason, extra={"event": "comment_reported"})
    return True


# --- Moderating ----------------------------------------------------------------------------

APPROVE, REMOVE, SPAM = "approve", "remove", "spam"
_ACTIONS = {
    APPROVE: Comment.Status.APPROVED,
    REMOVE: Comment.Status.REMOVED,
    SPAM: Comment.Status.SPAM,
}


def moderate_comments(*, comments, action, moderator):
    """Approve, remove (soft: the row stays, with who and when) or mark as spam; return the changed comments.

    Each change is written to the admin history (LogEntry), and the cached story pages refresh at once.
    """
    new_status = _ACTIONS[action]
    now = timezone.now()
    changed = []
    with transaction.atomic():
        for comment in Comment.objects.select_for_update().filter(pk__in=[c.pk for c in comments]):
            if comment.status == new_status:
                continue
            old_label = comment.get_status_display()
            comment.status = new_status
            comment.moderated_at, comment.moderated_by = now, moderator
            fields = ["status", "moderated_at", "moderated_by"]
            if new_status == Comment.Status.REMOVED:
                comment.removed_at, comment.removed_by = now, moderator
                fields += ["removed_at", "removed_by"]
            comment.save(update_fields=fields)
            changed.append((comment, old_label))
        for comment, old_label in changed:
            record_change(actor=moderator, obj=comment, message=f"{old_label} → {comment.get_status_display()}")
        if changed:
            announce(comment.article_id for comment, _old in changed)
    return [comment for comment, _old in changed]


# --- Signed links back to the story ----------------------------------------------------------
# After posting or reporting, the reader returns to the story with a signed comment id in the
# query string (?posted=, ?reported=): their own page view shows their comment awaiting moderation,
# and, having a query string, that view never comes from the shared page cache.

POSTED_SALT = "articles.comments.posted"
REPORTED_SALT = "articles.comments.reported"
SIGNED_LINK_MAX_AGE = 7 * 24 * 60 * 60


def sign_comment_id(comment, salt):
    return signing.dumps(comment.pk, salt=salt)


def unsign_comment_id(value, salt):
    """The comment id in a signed link, or None when it is missing, forged or too old."""
    if not value:
        return None
    try:
        return int(signing.loads(value, salt=salt, max_age=SIGNED_LINK_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


# --- Mail ----------------------------------------------------------------------------------


def moderator_emails():
    """STAFF_NOTIFY_EMAILS and the active members of the Moderator group."""
    members = (
        get_user_model().objects.filter(is_active=True, groups__name=MODERATOR_GROUP).values_list("email", flat=True)
    )
    return list(dict.fromkeys([*settings.STAFF_NOTIFY_EMAILS, *members]))


def _notify_moderators(comment, *, template, extra=None):
    # In the desk's language, whatever language the reader was using.
    with translation.override(settings.LANGUAGE_CODE):
        _send_to_moderators(comment, template=template, extra=extra)


def _send_to_moderators(comment, *, template, extra):
    admin_path = reverse("admin:comments_comment_change", args=[comment.pk])
    send_after_commit(
        subject=_("Comment to moderate on “%(headline)s”") % {"headline": comment.article.headline},
        template=template,
        context={
            "comment": comment,
            "article": comment.article,
            "admin_path": admin_path,
            "hold_reason": comment.get_hold_reason_display() if comment.hold_reason else "",
            **(extra or {}),
        },
        to=moderator_emails(),
    )
