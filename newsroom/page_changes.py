"""What changes the public pages: the one list of every kind of change, what shows it, and how it
reaches the page cache.

Every cached public page (articles/caching.py) is kept under one content version, so a change makes
every cached page stale at once (and nginx's copies within EDGE_CACHE_SECONDS): a reader sees a
publish, an edit, a withdrawal, an approved comment or new contact details on the next request. Most
changes are a model saved or deleted, connected here; the rest are announced by the service that
makes them, since only some of their saves show (a comment held for moderation shows nowhere).
newsroom/tests/test_page_changes.py makes each change and fetches a page that shows it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import Reporter
from articles.caching import content_changed
from articles.comments.signals import comments_changed
from articles.renditions import renditions_made
from newsroom.shared.fragments import move_on


@dataclass(frozen=True)
class PageChange:
    what: str  # the change, as the desk would say it
    shown_on: str  # the pages that show it
    saved: str = ""  # "app.Model": a row saved or deleted
    linked: str = ""  # "app.Model.field": a many-to-many field's links changed
    announced_by: str = ""  # the signal its service sends (only some of its saves show)
    # The fragment scopes it makes stale (newsroom/shared/fragments.py), from the signal's arguments.
    fragments: Callable[..., list[str]] = lambda **signal: []
    # Whether this save shows at all (saved= only): most do.
    shows: Callable[..., bool] = lambda **signal: True


def a_reporters_name_or_standing(instance, update_fields=None, **signal):
    """A user's save shows only when they are a reporter (bylines, their page) and it may touch their
    name or whether they are active: a log-in (update_fields={"last_login"}) shows nowhere."""
    if update_fields is not None and not set(update_fields) & {"full_name", "is_active"}:
        return False
    return Reporter.objects.filter(user_id=instance.pk).exists()


def the_story(instance, **signal):
    return [f"story:{instance.pk}"]


def its_story(instance, **signal):
    return [f"story:{instance.article_id}"]


def story_or(scope):
    """A story's own links changed (story:pk), or, seen from the other side, those of many (scope)."""
    return lambda instance, reverse=False, **signal: [scope] if reverse else [f"story:{instance.pk}"]


def photo_owner(sender, instance, **signal):
    return [f"story:{instance.pk}"] if sender._meta.label == "articles.Article" else ["people"]


CHANGES = [
    PageChange(
        "a story published, edited, corrected, scheduled, withdrawn, marked breaking or deleted",
        "home, its section, its tags, its reporters, the story, feeds, sitemaps, search, the breaking strip",
        saved="articles.Article",
        fragments=the_story,
    ),
    PageChange(
        "a story's tags or reporters changed",
        "the story, the tag and reporter pages",
        linked="articles.Article.tags",
        fragments=story_or("taxonomy"),
    ),
    PageChange(
        "a story's reporters changed",
        "the story, the reporter pages",
        linked="articles.Article.authors",
        fragments=story_or("people"),
    ),
    PageChange(
        "a section added, renamed, reordered or removed",
        "every page's section menu, the section",
        saved="articles.Section",
        fragments=lambda **signal: ["taxonomy"],
    ),
    PageChange(
        "a tag renamed or removed",
        "the tag page, stories' tag links",
        saved="articles.Tag",
        fragments=lambda **signal: ["taxonomy"],
    ),
    PageChange(
        "a reporter's profile edited (name, photo, standing)",
        "bylines, the reporter's page",
        saved="accounts.Reporter",
        fragments=lambda **signal: ["people"],
    ),
    PageChange(
        "a reporter's name or active flag changed on their account",
        "bylines, the reporter's page",
        saved="accounts.User",
        fragments=lambda **signal: ["people"],
        shows=a_reporters_name_or_standing,
    ),
    PageChange("the contact details saved", "every page's footer, Contact Us", saved="enquiries.ContactDetails"),
    PageChange(
        "a translation checked against the edited original",
        "the story's out-of-date notice",
        saved="articles.ArticleTranslationState",
        fragments=its_story,
    ),
    PageChange(
        "a photo's renditions made by the worker",
        "every page showing the photo",
        announced_by="renditions_made",
        fragments=photo_owner,
    ),
    PageChange(
        "a comment approved, removed or marked as spam, or posted and approved at once",
        "the story's comments and counts",
        announced_by="comments_changed",
    ),
]


# The signals services send themselves, by the name the list gives them.
ANNOUNCING = {"renditions_made": renditions_made, "comments_changed": comments_changed}


def reaching_the_pages(change):
    """The receiver of one change: the page cache and the change's fragment scopes move on."""

    def receiver(sender, **signal):
        if not signal.get("action", "post_").startswith("post_"):
            return  # m2m_changed: once the links are written
        if change.shows(**signal):
            content_changed()
            move_on(*change.fragments(sender=sender, **signal))

    return receiver


def connect():
    """Connect every change that is a model's save or delete, or a signal (NewsroomConfig.ready)."""
    for change in CHANGES:
        receiver = reaching_the_pages(change)
        uid = f"page-change-{change.saved or change.linked or change.announced_by}"
        if change.saved:
            model = apps.get_model(change.saved)
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-save")
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
        if change.linked:
            label, _dot, field = change.linked.rpartition(".")
            through = getattr(apps.get_model(label), field).through
            m2m_changed.connect(receiver, sender=through, weak=False, dispatch_uid=uid)
        if change.announced_by:
            ANNOUNCING[change.announced_by].connect(receiver, weak=False, dispatch_uid=uid)
