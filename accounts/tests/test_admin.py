"""The staff's side: approving reporters and running the editorial workflow in the admin."""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Reporter
from accounts.tests.factories import (
    make_approved_reporter,
    make_editor,
    make_moderator,
    make_pending_reporter,
    make_suspended_reporter,
    make_unconfirmed_reporter,
)
from articles import services
from articles.models import Article, ArticleTransition
from articles.tests.factories import make_article, make_reporter, make_user

pytestmark = pytest.mark.django_db
Status = Article.Status
STORIES = reverse("admin:articles_article_changelist")
REPORTERS = reverse("admin:accounts_reporter_changelist")


@pytest.fixture
def editor():
    return make_editor(full_name="Rupam Hazarika")


@pytest.fixture
def reporter():
    return make_approved_reporter(full_name="Dhruba Kalita")


def submitted(reporter, **extra):
    article = make_article(status=Status.DRAFT, authors=[reporter], **extra)
    services.submit_article(article=article, actor=reporter.user, notify=False)
    return article


def workflow_url(article, action):
    return reverse("admin:articles_article_workflow", args=[article.pk, action])


# --- reporters --------------------------------------------------------------------


def test_staff_approve_pending_reporters_in_bulk_and_each_is_told(client, editor, django_capture_on_commit_callbacks):
    pending = [make_pending_reporter(), make_pending_reporter()]
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            REPORTERS, {"action": "approve_selected", "_selected_action": [r.pk for r in pending]}, follow=True
        )
    assert "2 reporters are now “Approved”" in response.content.decode()
    for reporter in pending:
        reporter.refresh_from_db()
        assert reporter.status == Reporter.Status.APPROVED
        assert reporter.can_file
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in pending)
    assert "approved" in mail.outbox[0].subject
    entries = LogEntry.objects.filter(object_id__in=[str(r.pk) for r in pending], user=editor)
    assert entries.count() == 2
    assert "Awaiting approval → Approved" in entries[0].change_message


@pytest.mark.parametrize(
    ("action", "status", "words"),
    [("suspend_selected", "suspended", "suspended"), ("reject_selected", "rejected", "not accepted")],
)
def test_staff_suspend_or_reject_a_reporter_one_by_one(
    client, editor, reporter, action, status, words, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REPORTERS, {"action": action, "_selected_action": [reporter.pk]})
    reporter.refresh_from_db()
    assert reporter.status == status
    assert not reporter.can_file
    assert words in mail.outbox[0].subject
    history = client.get(reverse("admin:accounts_reporter_history", args=[reporter.pk])).content.decode()
    assert f"Approved → {Reporter.Status(status).label}" in history


def test_the_reporter_list_filters_by_status_and_finds_by_email(client, editor, reporter):
    pending = make_pending_reporter()
    client.force_login(editor)
    listed = client.get(REPORTERS, {"status": "pending"}).context["cl"].result_list
    assert list(listed) == [pending]
    found = client.get(REPORTERS, {"q": reporter.user.email}).context["cl"].result_list
    assert list(found) == [reporter]


def test_the_story_admin_finds_reporters_for_the_byline_autocomplete(client, editor, reporter):
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "authors", "term": "Dhruba"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Dhruba Kalita"]


# --- reporters: one at a time, from their page ------------------------------------------------


def reporter_page(reporter):
    return reverse("admin:accounts_reporter_change", args=[reporter.pk])


def decision_url(reporter, action):
    return reverse("admin:accounts_reporter_status", args=[reporter.pk, action])


@pytest.mark.parametrize(
    ("make", "offered"),
    [
        (make_pending_reporter, {"approve", "reject"}),
        (make_approved_reporter, {"suspend"}),
        (lambda: make_reporter(status=Reporter.Status.REJECTED), {"approve"}),
        (make_suspended_reporter, {"approve"}),
    ],
    ids=["pending", "approved", "rejected", "suspended"],
)
def test_a_reporters_page_offers_only_the_decisions_that_make_sense_now(client, editor, make, offered):
    reporter = make()
    client.force_login(editor)
    html = client.get(reporter_page(reporter)).content.decode()
    shown = {action for action in ("approve", "reject", "suspend") if decision_url(reporter, action) in html}
    assert shown == offered
    # Each is a form of its own (the change form is another), posting with the CSRF token.
    panel = html[html.index('class="module desk-decision"') : html.index("</section>")]
    assert panel.count('method="post"') == len(offered)
    assert panel.count('name="csrfmiddlewaretoken"') == len(offered)


def test_the_note_for_the_reporter_belongs_to_reject_alone_and_approve_says_it_sends_none(client, editor):
    reporter = make_pending_reporter()
    client.force_login(editor)
    html = client.get(reporter_page(reporter)).content.decode()
    forms = dict(re.findall(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', html, re.DOTALL))
    approve, reject = forms[decision_url(reporter, "approve")], forms[decision_url(reporter, "reject")]
    assert "<textarea" not in approve
    assert "They are told by e-mail, without a note." in approve
    assert reject.count("<textarea") == 1
    assert reject.index("Note for the reporter") < reject.index("<textarea") < reject.index(">Reject</button>")


def test_an_editor_approves_a_pending_reporter_from_their_page(client, editor, django_capture_on_commit_callbacks):
    reporter = make_pending_reporter(full_name="Anjali Baruah")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decision_url(reporter, "approve"))
    assert response.status_code == 302
    assert response["Location"] == reporter_page(reporter)
    reporter.refresh_from_db()
    assert reporter.status == Reporter.Status.APPROVED
    assert reporter.can_file
    assert [m.to for m in mail.outbox] == [[reporter.user.email]]
    assert "approved" in mail.outbox[0].subject
    entry = LogEntry.objects.get(object_id=str(reporter.pk), content_type__model="reporter")
    assert entry.user == editor
    assert entry.change_message == "Awaiting approval → Approved"
    page = client.get(response["Location"]).content.decode()
    assert "Anjali Baruah is now “Approved”; they are told by e-mail." in page
    assert decision_url(reporter, "suspend") in page  # what applies now


def test_rejecting_from_the_page_asks_for_a_note_and_the_reporter_reads_it_in_the_email(
    client, editor, django_capture_on_commit_callbacks
):
    reporter = make_pending_reporter()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(decision_url(reporter, "reject"), {"note": "   "})
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    reporter.refresh_from_db()
    assert reporter.status == Reporter.Status.PENDING
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decision_url(reporter, "reject"), {"note": "We take reporters from Assam only."})
    reporter.refresh_from_db()
    assert reporter.status == Reporter.Status.REJECTED
    (message,) = mail.outbox
    assert message.to == [reporter.user.email]
    assert "not accepted" in message.subject
    assert "The editor's note:\nWe take reporters from Assam only.\n" in message.body
    history = client.get(reverse("admin:accounts_reporter_history", args=[reporter.pk])).content.decode()
    assert "Awaiting approval → Rejected: We take reporters from Assam only." in history


def test_suspending_from_the_page_takes_an_optional_note(client, editor, django_capture_on_commit_callbacks):
    quiet, told = make_approved_reporter(), make_approved_reporter()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decision_url(quiet, "suspend"), {"note": ""})
        client.post(decision_url(told, "suspend"), {"note": "Two stories were copied from another paper."})
    quiet.refresh_from_db()
    told.refresh_from_db()
    assert quiet.status == told.status == Reporter.Status.SUSPENDED
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "note" not in bodies[quiet.user.email]
    assert "Two stories were copied from another paper." in bodies[told.user.email]


def test_opening_a_decisions_address_changes_nothing(client, editor):
    reporter = make_pending_reporter()
    client.force_login(editor)
    for action in ("approve", "reject"):
        page = client.get(decision_url(reporter, action))
        assert page.status_code == 200
        assert f'action="{decision_url(reporter, action)}"' in page.content.decode()
    reporter.refresh_from_db()
    assert reporter.status == Reporter.Status.PENDING
    assert mail.outbox == []
    assert not LogEntry.objects.filter(object_id=str(reporter.pk), content_type__model="reporter").exists()


def test_a_decision_that_no_longer_applies_is_refused_with_a_message(client, editor):
    reporter = make_approved_reporter(full_name="Pallavi Deka")
    client.force_login(editor)
    response = client.post(decision_url(reporter, "reject"), {"note": "Too late."}, follow=True)
    assert "Pallavi Deka is “Approved”: “Reject” does not apply." in response.content.decode()
    reporter.refresh_from_db()
    assert reporter.status == Reporter.Status.APPROVED
    assert mail.outbox == []
    assert client.post(decision_url(reporter, "promote")).status_code == 404


def test_staff_who_may_only_view_reporters_get_no_decisions_and_are_refused(client):
    reporter = make_pending_reporter()
    viewer = make_user(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_reporter"))
    client.force_login(viewer)
    page = client.get(reporter_page(reporter))
    assert page.status_code == 200
    assert decision_url(reporter, "approve") not in page.content.decode()
    assert client.post(decision_url(reporter, "approve")).status_code == 403
    assert client.get(decision_url(reporter, "reject")).status_code == 403
    client.force_login(make_moderator())
    assert client.post(decision_url(reporter, "approve")).status_code == 403
    reporter.refresh_from_db()
    assert reporter.status == Reporter.Status.PENDING
    assert mail.outbox == []


def test_after_a_decision_the_editor_is_back_on_the_page_with_the_lists_filters(client, editor):
    reporter = make_pending_reporter()
    client.force_login(editor)
    filters = "_changelist_filters=status%3Dpending%26q%3Dexample"
    html = client.get(f"{reporter_page(reporter)}?{filters}").content.decode()
    assert f'action="{decision_url(reporter, "approve")}?{filters}"' in html
    response = client.post(f"{decision_url(reporter, 'approve')}?{filters}")
    assert response["Location"] == f"{reporter_page(reporter)}?{filters}"
    back = client.get(response["Location"]).content.decode()
    assert f'action="{decision_url(reporter, "suspend")}?{filters}"' in back  # and Save returns to that list


def test_the_reporter_list_shows_the_status_with_an_unconfirmed_address_in_one_column(client, editor):
    make_unconfirmed_reporter(full_name="Bikash Gogoi")
    client.force_login(editor)
    response = client.get(REPORTERS)
    html = response.content.decode()
    assert "Awaiting approval" in html and "(e-mail not confirmed)" in html
    headers = [str(header["text"]) for header in response.context["result_headers"]]
    # After the select-all box: the name (with the address under it) first, the status and the date last;
    # no separate "confirmed", e-mail or phone columns.
    assert headers[1] == "reporter" and headers[-2:] == ["status", "registered at"] and len(headers) == 5


def test_the_reporter_list_opens_with_the_reporters_awaiting_approval_first_then_by_name(client, editor):
    make_approved_reporter(full_name="Abhijit Das")
    make_pending_reporter(full_name="Zubeen Kakoti")
    make_suspended_reporter(full_name="Bina Nath")
    make_pending_reporter(full_name="Mousumi Gogoi")
    make_reporter(status=Reporter.Status.REJECTED, full_name="Chayanika Bora")
    client.force_login(editor)

    def names(response):
        return [reporter.user.full_name for reporter in response.context["cl"].result_list]

    assert names(client.get(REPORTERS)) == [
        "Mousumi Gogoi",
        "Zubeen Kakoti",
        "Abhijit Das",
        "Bina Nath",
        "Chayanika Bora",
    ]
    # The columns still sort when clicked: by name alone, and by status.
    assert names(client.get(REPORTERS, {"o": "1"})) == [
        "Abhijit Das",
        "Bina Nath",
        "Chayanika Bora",
        "Mousumi Gogoi",
        "Zubeen Kakoti",
    ]
    assert names(client.get(REPORTERS, {"o": "-1"}))[0] == "Zubeen Kakoti"
    assert names(client.get(REPORTERS, {"o": "3"}))[0] == "Abhijit Das"  # "approved" sorts first


def test_the_story_bylines_search_still_lists_reporters_by_name(client, editor):
    make_approved_reporter(full_name="Dhruba Bora")
    make_pending_reporter(full_name="Dhruba Kalita")
    make_approved_reporter(full_name="Dhruba Ahmed")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "authors", "term": "Dhruba"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Dhruba Ahmed", "Dhruba Bora", "Dhruba Kalita"]


def test_an_email_address_in_the_reporter_list_wraps_only_after_its_at_sign_and_dots(client, editor):
    make_pending_reporter(user=make_user(email="bikash.gogoi@demo.newsroom"))
    client.force_login(editor)
    html = client.get(REPORTERS).content.decode()
    assert '<span class="desk-quiet desk-email">bikash.<wbr>gogoi@<wbr>demo.<wbr>newsroom</span>' in html


def test_view_on_site_shows_only_when_the_reporters_public_page_exists(client, editor):
    approved = make_approved_reporter()
    gone = make_approved_reporter()
    gone.user.is_active = False
    gone.user.save()
    not_public = [
        make_pending_reporter(),
        make_reporter(status=Reporter.Status.REJECTED),
        make_suspended_reporter(),
        gone,
    ]
    client.force_login(editor)
    html = client.get(reporter_page(approved)).content.decode()
    (link,) = re.findall(r'<a href="([^"]+)" class="viewsitelink"', html)
    assert client.get(link, follow=True).status_code == 200
    for reporter in not_public:
        html = client.get(reporter_page(reporter)).content.decode()
        assert "viewsitelink" not in html, reporter.status
        assert client.get(reporter.get_absolute_url()).status_code == 404


# --- stories: one at a time ------------------------------------------------------------


def test_the_story_page_shows_its_history_and_the_actions_that_apply(client, editor, reporter):
    article = submitted(reporter)
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Draft → Submitted for review" in html
    for action in ("publish", "schedule", "return", "reject"):
        assert workflow_url(article, action) in html


def test_an_editor_publishes_a_story_from_its_page(client, editor, reporter, django_capture_on_commit_callbacks):
    article = submitted(reporter)
    client.force_login(editor)
    form = client.get(workflow_url(article, "publish"))
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(workflow_url(article, "publish"), {"version": article.version}, follow=True)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert "is now published" in response.content.decode()
    assert mail.outbox[0].to == [reporter.user.email]
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "Submitted for review → Published" in history


def test_an_editor_returns_a_story_with_a_note_and_an_empty_note_is_refused(client, editor, reporter):
    article = submitted(reporter)
    client.force_login(editor)
    refused = client.post(workflow_url(article, "return"), {"note": "", "version": article.version})
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    client.post(workflow_url(article, "return"), {"note": "Check the dates.", "version": article.version})
    article.refresh_from_db()
    assert article.status == Status.RETURNED
    assert ArticleTransition.objects.filter(article=article).last().note == "Check the dates."


def test_an_editor_schedules_a_story_and_a_past_time_is_refused(client, editor, reporter):
    article = submitted(reporter)
    client.force_login(editor)
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(workflow_url(article, "schedule"), {"publish_at": past, "version": article.version})
    assert "Choose a time in the future." in refused.content.decode()
    future = timezone.localtime() + timedelta(days=1)
    client.post(
        workflow_url(article, "schedule"), {"publish_at": future.strftime("%Y-%m-%dT%H:%M"), "version": article.version}
    )
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED
    assert article.published_at.replace(second=0, microsecond=0) == future.replace(second=0, microsecond=0)


def test_the_second_editor_is_told_the_story_changed(client, editor, reporter):
    article = submitted(reporter)
    client.force_login(editor)
    seen = client.get(workflow_url(article, "reject")).context["version_form"].initial["version"]
    services.publish_article(article=article, actor=make_editor(), notify=False)  # another editor, a moment earlier
    response = client.post(workflow_url(article, "reject"), {"note": "No.", "version": seen}, follow=True)
    assert "was changed by somebody else" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_status_and_publication_time_cannot_be_set_by_hand(client, editor, reporter):
    article = submitted(reporter)
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    form = response.context["adminform"].form
    assert "status" not in form.fields and "published_at" not in form.fields


# --- stories: in bulk ---------------------------------------------------------------------


def test_bulk_publish_publishes_submitted_stories_and_reports_the_others(client, editor, reporter):
    ready = [submitted(reporter), submitted(reporter)]
    draft = make_article(status=Status.DRAFT, authors=[reporter], headline="Not ready")
    client.force_login(editor)
    response = client.post(
        STORIES, {"action": "publish_selected", "_selected_action": [a.pk for a in [*ready, draft]]}, follow=True
    )
    html = response.content.decode()
    assert "2 stories done" in html
    assert "“Not ready” is draft; it cannot be published now." in html
    assert Article.objects.published().count() == 2
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_bulk_return_asks_for_the_note_first(client, editor, reporter):
    stories = [submitted(reporter), submitted(reporter)]
    client.force_login(editor)
    selection = {"action": "return_selected", "_selected_action": [a.pk for a in stories]}
    ask = client.post(STORIES, selection)
    assert ask.status_code == 200
    assert "Note for the reporter" in ask.content.decode()
    assert all(a.status == Status.SUBMITTED for a in Article.objects.all())
    client.post(STORIES, {**selection, "apply": "1", "note": "Shorter, please."})
    assert set(Article.objects.values_list("status", flat=True)) == {Status.RETURNED}
    assert ArticleTransition.objects.filter(note="Shorter, please.").count() == 2


# --- roles -----------------------------------------------------------------------------------


def test_a_moderator_cannot_open_the_stories_or_their_workflow(client, reporter):
    article = submitted(reporter)
    client.force_login(make_moderator())
    assert client.get(STORIES).status_code == 403
    assert client.get(workflow_url(article, "publish")).status_code == 403
    assert client.post(workflow_url(article, "publish"), {"version": article.version}).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED


def test_staff_who_may_edit_stories_but_not_publish_get_no_workflow_actions(client, reporter):
    article = submitted(reporter)
    sub_editor = make_user(is_staff=True)
    sub_editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"], content_type__app_label="articles")
    )
    client.force_login(sub_editor)
    changelist = client.get(STORIES)
    assert changelist.status_code == 200
    assert "publish_selected" not in changelist.content.decode()
    assert client.get(workflow_url(article, "publish")).status_code == 403
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert workflow_url(article, "publish") not in page


def test_a_reporter_cannot_open_the_admin(client, reporter):
    client.force_login(reporter.user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_groups_have_least_privilege():
    from django.contrib.auth.models import Group

    from accounts.groups import ensure_groups

    ensure_groups()
    perms = {group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()}
    assert perms["Reporter"] == set()
    assert "publish_article" in perms["Editor"] and "change_article" in perms["Editor"]
    assert not any("article" in codename and "comment" not in codename for codename in perms["Moderator"])
    assert "publish_article" not in perms["Moderator"]
    # Models other helpers add after the data migration get theirs from ensure_groups (post_migrate).
    assert {"view_comment", "change_comment", "delete_comment"} <= perms["Moderator"]
    assert {"view_enquiry", "change_enquiry"} <= perms["Moderator"]
    assert "view_comment" not in perms["Editor"]


def test_the_workflow_history_list_is_read_only_and_searchable(client, editor, reporter):
    article = submitted(reporter, headline="Ferry night crossing")
    services.return_article(article=article, actor=editor, note="More detail.", notify=False)
    client.force_login(editor)
    url = reverse("admin:articles_articletransition_changelist")
    listed = client.get(url, {"q": "Ferry"})
    assert listed.status_code == 200
    assert len(listed.context["cl"].result_list) == 2
    step = ArticleTransition.objects.last()
    assert (
        client.post(reverse("admin:articles_articletransition_delete", args=[step.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert ArticleTransition.objects.count() == 2


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:accounts_reporter_changelist",
        "admin:accounts_user_changelist",
        "admin:articles_articletransition_changelist",
    ],
)
def test_changelists_need_the_same_number_of_queries_for_few_or_many_rows(client, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    boss = make_user(is_staff=True, is_superuser=True)
    editor = make_editor()

    def add(n):
        for _ in range(n):
            reporter = make_pending_reporter()
            article = make_article(status=Status.DRAFT, authors=[make_approved_reporter()])
            services.submit_article(article=article, actor=article.authors.get().user, notify=False)
            services.return_article(article=article, actor=editor, note="Again.", notify=False)
            assert reporter.pk

    client.force_login(boss)
    url = reverse(url_name)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(15)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
