"""Every reporter and editorial URL against every kind of visitor, with the exact answer each gets.

Roles: anonymous, unconfirmed (registered, e-mail not confirmed), pending (confirmed, not approved),
other (another approved reporter), owner (the approved reporter who filed the story), moderator
(staff, Moderator group), editor (staff, Editor group).
"""

import pytest
from django.urls import reverse

from accounts.tests.factories import (
    make_approved_reporter,
    make_editor,
    make_moderator,
    make_pending_reporter,
    make_unconfirmed_reporter,
)
from articles import services
from articles.models import Article
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unconfirmed", "pending", "other", "owner", "moderator", "editor"]
LOGIN = "login"  # a redirect to the reporters' login page
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's login page


def row(*answers):
    return dict(zip(ROLES, answers, strict=True))


# (name, method, how to build the URL, answers for each role)
TABLE = [
    ("desk", "get", lambda s: reverse("articles:desk"), row(LOGIN, 200, 200, 200, 200, 200, 200)),
    ("profile", "get", lambda s: reverse("accounts:profile"), row(LOGIN, 200, 200, 200, 200, 404, 404)),
    ("story-create", "get", lambda s: reverse("articles:story-create"), row(LOGIN, 403, 403, 200, 200, 403, 403)),
    (
        "story-edit",
        "get",
        lambda s: reverse("articles:story-edit", args=[s["draft"].pk]),
        row(LOGIN, 403, 403, 404, 200, 403, 403),
    ),
    (
        "story-preview",
        "get",
        lambda s: reverse("articles:story-preview", args=[s["draft"].pk]),
        row(LOGIN, 403, 403, 404, 200, 403, 403),
    ),
    (
        "story-submit",
        "post",
        lambda s: reverse("articles:story-submit", args=[s["draft"].pk]),
        row(LOGIN, 403, 403, 404, 302, 403, 403),
    ),
    (
        "admin-index",
        "get",
        lambda s: reverse("admin:index"),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ),
    (
        "admin-article-changelist",
        "get",
        lambda s: reverse("admin:articles_article_changelist"),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
    ),
    (
        "admin-article-change",
        "get",
        lambda s: reverse("admin:articles_article_change", args=[s["submitted"].pk]),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
    ),
    (
        "admin-workflow-publish-form",
        "get",
        lambda s: reverse("admin:articles_article_workflow", args=[s["submitted"].pk, "publish"]),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
    ),
    (
        "admin-workflow-return",
        "post",
        lambda s: reverse("admin:articles_article_workflow", args=[s["submitted"].pk, "return"]),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 302),
    ),
    (
        "admin-bulk-publish",
        "post-action",
        lambda s: reverse("admin:articles_article_changelist"),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 302),
    ),
    (
        "admin-reporter-changelist",
        "get",
        lambda s: reverse("admin:accounts_reporter_changelist"),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
    ),
    (
        "admin-reporter-approve",
        "post-reporter-action",
        lambda s: reverse("admin:accounts_reporter_changelist"),
        row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 403, 302),
    ),
]

CASES = [
    pytest.param(name, method, url, role, answers[role], id=f"{name}-{role}")
    for name, method, url, answers in TABLE
    for role in ROLES
]


@pytest.fixture
def stories():
    owner = make_approved_reporter(full_name="Story Owner")
    draft = make_article(status=Article.Status.DRAFT, authors=[owner], headline="Owner's draft")
    submitted = make_article(status=Article.Status.DRAFT, authors=[owner], headline="Owner's submitted story")
    services.submit_article(article=submitted, actor=owner.user, notify=False)
    return {"owner": owner, "draft": draft, "submitted": submitted, "pending": make_pending_reporter()}


def user_for(role, stories):
    return {
        "anonymous": lambda: None,
        "unconfirmed": lambda: make_unconfirmed_reporter().user,
        "pending": lambda: stories["pending"].user,
        "other": lambda: make_approved_reporter().user,
        "owner": lambda: stories["owner"].user,
        "moderator": make_moderator,
        "editor": make_editor,
    }[role]()


@pytest.mark.parametrize(("name", "method", "url", "role", "expected"), CASES)
def test_permission_table(client, stories, name, method, url, role, expected):
    user = user_for(role, stories)
    if user is not None:
        client.force_login(user)
    path = url(stories)
    if method == "get":
        response = client.get(path)
    elif method == "post":
        response = client.post(path, {"note": "Please add sources.", "version": stories["submitted"].version})
    elif method == "post-action":
        response = client.post(
            path, {"action": "publish_selected", "_selected_action": [stories["submitted"].pk], "index": 0}
        )
    else:
        response = client.post(
            path, {"action": "approve_selected", "_selected_action": [stories["pending"].pk], "index": 0}
        )
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login") + "?next=")
    else:
        assert response.status_code == expected
    # Only an editor's acts change a story's or a reporter's standing.
    stories["submitted"].refresh_from_db()
    stories["pending"].refresh_from_db()
    if role != "editor":
        assert stories["submitted"].status == Article.Status.SUBMITTED
        assert stories["pending"].status == "pending"


def test_an_editor_acting_in_the_table_really_acts(client, stories):
    client.force_login(make_editor())
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [stories["submitted"].pk], "index": 0},
    )
    stories["submitted"].refresh_from_db()
    assert stories["submitted"].status == Article.Status.PUBLISHED
