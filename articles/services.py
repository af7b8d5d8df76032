"""The editorial workflow: the only code that changes a story's status.

    draft ──submit──▶ submitted ──publish──▶ published (or scheduled, when the time is in the future)
                          │  ├──return (note)──▶ returned ──submit──▶ submitted
                          │  └──reject (note)──▶ rejected
    scheduled ──publish (now / another time)──▶ published / scheduled
    published / scheduled ──withdraw (note)──▶ withdrawn ──publish──▶ published

A public story is withdrawn, never deleted: its address stops answering, its history and text
stay, and an editor can publish it again once it is mended.

Each transition is one function with keyword-only arguments. It locks the story's row
(`select_for_update`), checks the version the caller saw (so two editors acting at once cannot
both succeed: the second gets `StaleArticleError`), records an `ArticleTransition`, writes an
admin `LogEntry` (the story's history in the admin) and sends its e-mail after commit through
newsroom/shared/mail.py, where a failing mail server is logged and never undoes the transition.
Views, admin actions and seed_demo call these functions; nobody sets `status` by hand.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleTransition
from newsroom.shared.history import record_change
from newsroom.shared.mail import send_after_commit, site_url

logger = logging.getLogger("articles.workflow")

PUBLISH_PERMISSION = "articles.publish_article"
Status = Article.Status

SUBMITTABLE = {Status.DRAFT, Status.RETURNED}
REVIEWABLE = {Status.SUBMITTED}
PUBLISHABLE = {Status.SUBMITTED, Status.SCHEDULED, Status.WITHDRAWN}
WITHDRAWABLE = {Status.PUBLISHED, Status.SCHEDULED}
# A draft written in the admin (no approved reporter among its authors) is the desk's own copy:
# an editor may publish it directly. A reporter's draft stays theirs until they submit it.
DESK_PUBLISHABLE = PUBLISHABLE | {Status.DRAFT}


def is_desk_draft(article):
    """A draft no approved reporter filed: editors may publish it without a submission."""
    from accounts.models import Reporter

    return article.status == Status.DRAFT and not Reporter.objects.approved().filter(articles=article).exists()


def publishable_from(article):
    return DESK_PUBLISHABLE if is_desk_draft(article) else PUBLISHABLE


class TransitionError(Exception):
    """The transition is not allowed: wrong state, no permission or a missing note. Safe to show."""


class StaleArticleError(TransitionError):
    """Somebody else changed the story since the caller loaded it."""


def can_publish(user):
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def editor_emails():
    """Everybody told about a submitted story: users who may publish, plus STAFF_NOTIFY_EMAILS."""
    User = get_user_model()
    permission = Permission.objects.filter(content_type__app_label="articles", codename="publish_article")
    users = (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(user_permissions__in=permission) | Q(groups__permissions__in=permission))
        .distinct()
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys([*users, *settings.STAFF_NOTIFY_EMAILS]))


def _tell_authors(article, *, subject, template, context):
    """E-mail the story's reporters, each in the language they registered in (headline and links too)."""
    by_language = {}
    for reporter in article.authors.select_related("user"):
        if reporter.user.is_active:
            by_language.setdefault(reporter.language, []).append(reporter.user.email)
    for language, emails in by_language.items():
        with translation.override(language):
            send_after_commit(
                str(subject) % {"headline": article.headline},
                template,
                {
                    **context,
                    "article": article,
                    "story_url": site_url(article.get_absolute_url()),
                    "desk_url": site_url(reverse("articles:desk")),
                },
                emails,
            )


def _lock(article, expected_version):
    """The story's row, locked until the transaction ends, after checking nobody changed it."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    version = article.version if expected_version is None else expected_version
    if locked.version != version:
        raise StaleArticleError(
            _("“%(headline)s” was changed by somebody else a moment ago. Reload it and try again.")
            % {"headline": locked.headline}
        )
    return locked


def _transition(article, *, actor, to_status, note="", publish_at=None, expected_version=None, allowed_from):
    locked = _lock(article, expected_version)
    if locked.status not in allowed_from:
        raise TransitionError(
            _("“%(headline)s” is %(status)s; it cannot be %(action)s now.")
            % {
                "headline": locked.headline,
                "status": locked.get_status_display().lower(),
                "action": _ACTION_WORDS[to_status],
            }
        )
    from_status = locked.status
    locked.status = to_status
    if to_status in (Status.PUBLISHED, Status.SCHEDULED):
        locked.published_at = publish_at
    locked.version += 1
    locked.save(update_fields=["status", "published_at", "version", "updated_at"])
    step = ArticleTransition.objects.create(
        article=locked, from_status=from_status, to_status=to_status, actor=actor, note=note, publish_at=publish_at
    )
    _log_entry(locked, actor=actor, step=step)
    logger.info(
        "Story %s: %s → %s by %s",
        locked.pk,
        from_status,
        to_status,
        getattr(actor, "pk", None),
        extra={"event": "article_transition"},
    )
    # The caller's object follows the row, so a later transition in the same request works.
    article.status, article.published_at, article.version = locked.status, locked.published_at, locked.version
    return locked


_ACTION_WORDS = {
    Status.SUBMITTED: gettext_lazy("submitted"),
    Status.PUBLISHED: gettext_lazy("published"),
    Status.SCHEDULED: gettext_lazy("scheduled"),
    Status.RETURNED: gettext_lazy("returned"),
    Status.REJECTED: gettext_lazy("rejected"),
    Status.WITHDRAWN: gettext_lazy("withdrawn"),
}


def _log_entry(article, *, actor, step):
    if actor is None:
        return
    message = f"{step.get_from_status_display()} → {step.get_to_status_display()}"
    if step.publish_at and step.to_status == Status.SCHEDULED:
        message += f" ({timezone.localtime(step.publish_at):%Y-%m-%d %H:%M})"
    if step.note:
        message += f": {step.note}"
    record_change(actor=actor, obj=article, message=message[:2000])


def _require_editor(actor):
    if not can_publish(actor):
        raise TransitionError(_("Only editors can publish, schedule, return, reject or withdraw stories."))


def _require_note(note):
    note = (note or "").strip()
    if not note:
        raise TransitionError(_("Write a note for the reporter."))
    return note


def submit_article(*, article, actor, expected_version=None, notify=True):
    """The reporter sends a draft (or a returned story) to the editors."""
    with transaction.atomic():
        reporter = getattr(actor, "reporter", None)
        if reporter is None or not reporter.can_file or not article.authors.filter(pk=reporter.pk).exists():
            raise TransitionError(_("Only an approved author of this story can submit it."))
        if not (article.headline or "").strip() or not (article.body or "").strip():
            raise TransitionError(_("Write the headline and the story before you submit it."))
        locked = _transition(
            article,
            actor=actor,
            to_status=Status.SUBMITTED,
            expected_version=expected_version,
            allowed_from=SUBMITTABLE,
        )
        admin_url = site_url(reverse("admin:articles_article_change", args=[locked.pk]))
        if notify:
            send_after_commit(
                gettext_lazy("Story submitted for review: %(headline)s") % {"headline": locked.headline},
                "articles/email/story_submitted.txt",
                {"article": locked, "reporter": reporter, "admin_url": admin_url},
                editor_emails(),
            )
    return locked


def publish_article(*, article, actor, at=None, expected_version=None, notify=True):
    """Publish now (`at` None or past) or schedule for `at` in the future."""
    with transaction.atomic():
        _require_editor(actor)
        now = timezone.now()
        when = at or now
        to_status = Status.SCHEDULED if when > now else Status.PUBLISHED
        locked = _transition(
            article,
            actor=actor,
            to_status=to_status,
            publish_at=when,
            expected_version=expected_version,
            allowed_from=publishable_from(article),
        )
        template = (
            "articles/email/story_scheduled.txt"
            if to_status == Status.SCHEDULED
            else "articles/email/story_published.txt"
        )
        subject = (
            gettext_lazy("Your story is scheduled: %(headline)s")
            if to_status == Status.SCHEDULED
            else gettext_lazy("Your story is published: %(headline)s")
        )
        if notify:
            _tell_authors(locked, subject=subject, template=template, context={})
    return locked


def schedule_article(*, article, actor, at, expected_version=None, notify=True):
    if at is None or at <= timezone.now():
        raise TransitionError(_("Choose a publication time in the future."))
    return publish_article(article=article, actor=actor, at=at, expected_version=expected_version, notify=notify)


def _transition_with_note(
    *, article, actor, note, to_status, subject, email_template, expected_version, notify, allowed_from=REVIEWABLE
):
    """Return, reject or withdraw a story: the note is required and goes to its reporters."""
    with transaction.atomic():
        _require_editor(actor)
        note = _require_note(note)
        locked = _transition(
            article,
            actor=actor,
            to_status=to_status,
            note=note,
            expected_version=expected_version,
            allowed_from=allowed_from,
        )
        if notify:
            _tell_authors(locked, subject=subject, template=email_template, context={"note": note})
    return locked


def return_article(*, article, actor, note, expected_version=None, notify=True):
    """Send a submitted story back to its reporter with a note; they edit and resubmit."""
    return _transition_with_note(
        article=article,
        actor=actor,
        note=note,
        to_status=Status.RETURNED,
        subject=gettext_lazy("Your story was returned: %(headline)s"),
        email_template="articles/email/story_returned.txt",
        expected_version=expected_version,
        notify=notify,
    )


def reject_article(*, article, actor, note, expected_version=None, notify=True):
    """Turn a submitted story down for good, with a note."""
    return _transition_with_note(
        article=article,
        actor=actor,
        note=note,
        to_status=Status.REJECTED,
        subject=gettext_lazy("Your story was not accepted: %(headline)s"),
        email_template="articles/email/story_rejected.txt",
        expected_version=expected_version,
        notify=notify,
    )


def withdraw_article(*, article, actor, note, expected_version=None, notify=True):
    """Take a public (or scheduled) story off the site, with a note saying why: a legal demand, a
    serious error. Its authors are told; an editor can publish it again later."""
    return _transition_with_note(
        article=article,
        actor=actor,
        note=note,
        to_status=Status.WITHDRAWN,
        allowed_from=WITHDRAWABLE,
        subject=gettext_lazy("Your story was withdrawn: %(headline)s"),
        email_template="articles/email/story_withdrawn.txt",
        expected_version=expected_version,
        notify=notify,
    )


# The workflow's steps by name: the desk's buttons and the demo take a step by its name through here.
TRANSITIONS = {
    "submit": submit_article,
    "publish": publish_article,
    "schedule": schedule_article,
    "return": return_article,
    "reject": reject_article,
    "withdraw": withdraw_article,
}


def take_step(name, *, article, actor, **details):
    """Take the workflow step `name` (TRANSITIONS) with its details (`note`, `at`, `expected_version`…)."""
    return TRANSITIONS[name](article=article, actor=actor, **details)
