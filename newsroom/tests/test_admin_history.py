"""Every moderation act in the desk is refused to the wrong role and recorded, with who and when,
in the admin's history (LogEntry) when the right role does it.

Acts: publish, schedule, return, reject, withdraw a story (bulk actions and the story page's workflow
buttons); approve, remove, mark as spam a comment; approve, reject, suspend a reporter; change
an enquiry's status or assignee (bulk actions and the enquiry's own page).
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import Reporter
from articles import services
from articles.comments.models import Comment
from articles.models import Article
from articles.tests.factories import make_article, make_reporter
from enquiries.models import Enquiry

pytestmark = pytest.mark.usefixtures("fast_passwords")


def submitted_story(superuser):
    reporter = make_reporter()
    article = make_article(status=Article.Status.DRAFT, authors=[reporter])
    services.submit_article(article=article, actor=reporter.user, notify=False)
    article.refresh_from_db()
    return article


def published_story(superuser):
    return make_article(authors=[make_reporter()])


def outdated_story(superuser):
    article = make_article(headline="Tea garden wages", headline_as="চাহ বাগিচাৰ মজুৰি", body_as="<p>অসমীয়া</p>")
    article.refresh_from_db()
    article.headline_en = "Tea garden wages rise"
    article.save()
    assert article.is_translation_outdated("as")
    return article


def held_comment(superuser):
    return Comment.objects.create(
        article=make_article(), name="A Reader", email="reader@example.com", body="What about Majuli?"
    )


def pending_reporter(superuser):
    return make_reporter(status=Reporter.Status.PENDING)


def new_enquiry(superuser):
    return Enquiry.objects.create(
        name="Anjali Das", email="anjali@example.com", subject="Delivery", message="When does the paper reach Jorhat?"
    )


def _in_a_day():
    return timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")


@dataclass
class Act:
    model: type
    action: str
    make: object
    done: object  # callable(obj refreshed) -> bool
    roles: tuple  # the roles that may do it
    data: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.model._meta.label}.{self.action}"


ACTS = [
    Act(Article, "publish_selected", submitted_story, lambda a: a.status == "published", ("editor",)),
    Act(
        Article,
        "schedule_selected",
        submitted_story,
        lambda a: a.status == "scheduled",
        ("editor",),
        {"apply": "1", "publish_at": _in_a_day()},
    ),
    Act(
        Article,
        "return_selected",
        submitted_story,
        lambda a: a.status == "returned",
        ("editor",),
        {"apply": "1", "note": "Name the source."},
    ),
    Act(
        Article,
        "reject_selected",
        submitted_story,
        lambda a: a.status == "rejected",
        ("editor",),
        {"apply": "1", "note": "Not news."},
    ),
    Act(
        Article,
        "withdraw_selected",
        published_story,
        lambda a: a.status == "withdrawn",
        ("editor",),
        {"apply": "1", "note": "A court order."},
    ),
    Act(
        Article,
        "mark_translations_current",
        outdated_story,
        lambda a: not a.is_translation_outdated("as"),
        ("editor",),
    ),
    Act(Comment, "approve", held_comment, lambda c: c.status == "approved", ("moderator",)),
    Act(Comment, "remove", held_comment, lambda c: c.status == "removed" and c.removed_by_id, ("moderator",)),
    Act(Comment, "mark_spam", held_comment, lambda c: c.status == "spam", ("moderator",)),
    Act(Reporter, "approve_selected", pending_reporter, lambda r: r.status == "approved", ("editor",)),
    Act(Reporter, "reject_selected", pending_reporter, lambda r: r.status == "rejected", ("editor",)),
    Act(Reporter, "suspend_selected", pending_reporter, lambda r: r.status == "suspended", ("editor",)),
    Act(Enquiry, "mark_in_progress", new_enquiry, lambda e: e.status == "in_progress", ("moderator",)),
    Act(Enquiry, "mark_answered", new_enquiry, lambda e: e.status == "answered", ("moderator",)),
    Act(Enquiry, "mark_closed", new_enquiry, lambda e: e.status == "closed", ("moderator",)),
    Act(Enquiry, "mark_spam", new_enquiry, lambda e: e.status == "spam", ("moderator",)),
    Act(Enquiry, "assign_to_me", new_enquiry, lambda e: e.assignee_id is not None, ("moderator",)),
]

# Actions that are not moderation acts: Django's own deletion (it writes its own history),
# exports that change nothing, erasure on a person's request (which by law must also erase the
# history about them), django-axes' housekeeping, and trying a waiting e-mail of the outbox again
# (the message itself records each try).
NOT_MODERATION = {
    "delete_selected",
    "retry",
    "export_csv",
    "export_personal_data",
    "erase_personal_data",
    "cleanup_expired_attempts",
}


def changelist(model):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def history_of(obj, *, since=None):
    """The admin's record of changes to `obj` (those after the `since` entries, when given)."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk), action_flag=CHANGE
    )
    return entries.exclude(pk__in=since) if since is not None else entries


def known_history(obj):
    return list(history_of(obj).values_list("pk", flat=True))


def test_every_action_of_the_desk_is_covered_here(superuser):
    covered = {(act.model, act.action) for act in ACTS}
    request = RequestFactory().get("/admin/")
    request.user = superuser
    missing = [
        f"{model._meta.label}.{name}"
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
        if name not in NOT_MODERATION and (model, name) not in covered
    ]

    assert not missing, f"Add these admin actions to ACTS in newsroom/tests/test_admin_history.py: {missing}"


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
@pytest.mark.parametrize("act", ACTS, ids=lambda act: act.id)
def test_each_act_is_done_and_recorded_by_the_right_role_and_refused_to_the_others(
    client, request, superuser, role, act
):
    user = request.getfixturevalue(role)
    obj = act.make(superuser)
    before = known_history(obj)
    client.force_login(user)

    response = client.post(
        changelist(act.model), {"action": act.action, ACTION_CHECKBOX_NAME: [obj.pk], "index": 0, **act.data}
    )

    obj.refresh_from_db()
    if role == "superuser" or role in act.roles:
        assert response.status_code == 302, response.status_code
        assert act.done(obj)
        entry = history_of(obj, since=before).get()
        assert entry.user == user
        assert timezone.now() - entry.action_time < timedelta(minutes=1)
    else:
        assert response.status_code in (302, 403)
        assert not act.done(obj)
        assert not history_of(obj, since=before).exists()


@pytest.mark.parametrize("action", ["publish", "schedule", "return", "reject"])
def test_the_storys_workflow_buttons_are_recorded_with_who_and_when(client, superuser, editor, action):
    article = submitted_story(superuser)
    before = known_history(article)
    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/workflow/{action}/"
    form = client.get(url)
    assert form.status_code == 200

    data = {"version": article.version, "note": "Check the figures.", "publish_at": _in_a_day()}
    response = client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    expected = {"publish": "published", "schedule": "scheduled", "return": "returned", "reject": "rejected"}
    assert article.status == expected[action]
    entry = history_of(article, since=before).get()
    assert entry.user == editor
    history = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert "Editor Person" in history.text


@pytest.mark.parametrize("action", ["publish", "schedule", "return", "reject"])
def test_a_moderator_is_refused_the_storys_workflow_buttons(client, superuser, moderator, action):
    article = submitted_story(superuser)
    before = known_history(article)
    client.force_login(moderator)
    url = f"/admin/articles/article/{article.pk}/workflow/{action}/"

    assert client.get(url).status_code == 403
    response = client.post(url, {"version": article.version, "note": "x", "publish_at": _in_a_day()})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == "submitted"
    assert not history_of(article, since=before).exists()


def change_form_data(response):
    """What the browser would send back from an admin change form, as it was rendered."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        bound = form[name]
        widget = bound.field.widget
        if isinstance(widget, forms.FileInput):
            continue  # no new file: the admin keeps the one it has
        value = bound.value()
        if hasattr(widget, "widgets") and isinstance(value, list | tuple) and len(value) == len(widget.widgets):
            for i, part in enumerate(value):
                data[f"{bound.html_name}_{i}"] = "" if part is None else part
            continue
        if value is None:
            value = ""
        if value is False:
            continue
        if value is True:
            value = "on"
        if isinstance(value, list | tuple):
            value = [getattr(item, "pk", item) for item in value]
        data[bound.html_name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.initial_forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, False):
                    data[form.add_prefix(name)] = "on" if value is True else getattr(value, "pk", value)
    return data


def test_the_story_form_cannot_set_a_story_to_published(client, superuser, editor):
    article = submitted_story(superuser)
    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = change_form_data(client.get(url))
    data.update({"status": "published", "published_at_0": "2026-01-01", "published_at_1": "10:00"})
    data["headline_en"] = "Edited by the desk"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article.refresh_from_db()
    assert article.headline_en == "Edited by the desk"
    assert article.status == "submitted"
    assert article.published_at is None


def test_changing_an_enquirys_status_on_its_page_is_recorded(client, superuser, moderator):
    enquiry = new_enquiry(superuser)
    client.force_login(moderator)
    url = f"/admin/enquiries/enquiry/{enquiry.pk}/change/"
    data = change_form_data(client.get(url))
    data["status"] = "answered"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    enquiry.refresh_from_db()
    assert enquiry.status == "answered"
    entry = history_of(enquiry).get()
    assert entry.user == moderator
    assert "Status" in entry.get_change_message()
