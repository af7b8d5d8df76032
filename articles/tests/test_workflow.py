"""The editorial workflow: every transition through articles/services.py, as every caller sees it."""

import threading
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import (
    make_approved_reporter,
    make_editor,
    make_moderator,
    make_pending_reporter,
)
from accounts.tests.failing_mail import PATH as FAILING_MAIL
from articles import services
from articles.models import Article, ArticleTransition
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def reporter():
    return make_approved_reporter(full_name="Anjali Baruah")


@pytest.fixture
def editor():
    return make_editor(full_name="Rupam Hazarika", email="rupam@example.com")


def draft_by(reporter, **extra):
    return make_article(status=Status.DRAFT, authors=[reporter], **extra)


def submitted_by(reporter, **extra):
    article = draft_by(reporter, **extra)
    services.submit_article(article=article, actor=reporter.user, notify=False)
    return article


def test_submitting_a_draft_records_the_step_and_tells_the_editors(
    reporter, editor, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFY_EMAILS = ["desk@example.com"]
    article = draft_by(reporter, headline="Floods in Majuli")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_article(article=article, actor=reporter.user)
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    step = ArticleTransition.objects.get(article=article)
    assert (step.from_status, step.to_status, step.actor) == (Status.DRAFT, Status.SUBMITTED, reporter.user)
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"rupam@example.com", "desk@example.com"}
    assert "Floods in Majuli" in mail.outbox[0].subject
    assert f"/admin/articles/article/{article.pk}/change/" in mail.outbox[0].body


def test_publishing_now_puts_the_story_on_the_site_and_tells_the_reporter(
    reporter, editor, django_capture_on_commit_callbacks
):
    article = submitted_by(reporter, headline="Bihu in Jorhat")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_article(article=article, actor=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert mail.outbox[0].to == [reporter.user.email]
    assert "published" in mail.outbox[0].subject
    assert article.get_absolute_url() in mail.outbox[0].body


def test_publishing_at_a_future_time_schedules_the_story_until_then(reporter, editor):
    article = submitted_by(reporter)
    at = timezone.now() + timedelta(hours=3)
    services.publish_article(article=article, actor=editor, at=at)
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED
    assert article.published_at == at
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_scheduling_needs_a_time_in_the_future(reporter, editor):
    article = submitted_by(reporter)
    with pytest.raises(services.TransitionError):
        services.schedule_article(article=article, actor=editor, at=timezone.now() - timedelta(hours=1))
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED


def test_a_scheduled_story_can_be_published_at_once(reporter, editor):
    article = submitted_by(reporter)
    services.schedule_article(article=article, actor=editor, at=timezone.now() + timedelta(days=1))
    services.publish_article(article=article, actor=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_returning_a_story_sends_the_note_to_the_reporter_who_resubmits_it(
    reporter, editor, django_capture_on_commit_callbacks
):
    article = submitted_by(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_article(article=article, actor=editor, note="Add a quote from the DC.")
    article.refresh_from_db()
    assert article.status == Status.RETURNED
    assert "Add a quote from the DC." in mail.outbox[0].body
    assert mail.outbox[0].to == [reporter.user.email]
    services.submit_article(article=article, actor=reporter.user)
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    steps = list(ArticleTransition.objects.filter(article=article).values_list("to_status", "note"))
    assert steps == [
        (Status.SUBMITTED, ""),
        (Status.RETURNED, "Add a quote from the DC."),
        (Status.SUBMITTED, ""),
    ]


def test_returning_or_rejecting_without_a_note_is_refused(reporter, editor):
    article = submitted_by(reporter)
    for transition in (services.return_article, services.reject_article):
        with pytest.raises(services.TransitionError, match="note"):
            transition(article=article, actor=editor, note="   ")
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED


def test_rejecting_a_story_is_final_and_tells_the_reporter(reporter, editor, django_capture_on_commit_callbacks):
    article = submitted_by(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_article(article=article, actor=editor, note="Unconfirmed rumour.")
    article.refresh_from_db()
    assert article.status == Status.REJECTED
    assert "Unconfirmed rumour." in mail.outbox[0].body
    with pytest.raises(services.TransitionError):
        services.submit_article(article=article, actor=reporter.user)
    with pytest.raises(services.TransitionError):
        services.publish_article(article=article, actor=editor)


def test_only_editors_can_publish_return_or_reject(reporter):
    article = submitted_by(reporter)
    moderator = make_moderator()
    for actor in (moderator, reporter.user):
        with pytest.raises(services.TransitionError, match="Only editors"):
            services.publish_article(article=article, actor=actor)
        with pytest.raises(services.TransitionError, match="Only editors"):
            services.return_article(article=article, actor=actor, note="No.")
        with pytest.raises(services.TransitionError, match="Only editors"):
            services.reject_article(article=article, actor=actor, note="No.")
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert ArticleTransition.objects.filter(article=article).count() == 1


def test_a_reporters_draft_cannot_be_published_before_it_is_submitted(reporter, editor):
    article = draft_by(reporter)
    with pytest.raises(services.TransitionError, match="cannot be published"):
        services.publish_article(article=article, actor=editor)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_only_an_approved_author_can_submit(reporter):
    article = draft_by(reporter)
    other = make_approved_reporter()
    pending = make_pending_reporter()
    article.authors.add(pending)
    for actor in (other.user, pending.user):
        with pytest.raises(services.TransitionError, match="approved author"):
            services.submit_article(article=article, actor=actor)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_an_empty_story_cannot_be_submitted(reporter):
    article = draft_by(reporter, body="")
    with pytest.raises(services.TransitionError, match="Write"):
        services.submit_article(article=article, actor=reporter.user)


def test_the_second_of_two_editors_acting_at_once_is_told_the_story_changed(reporter, editor):
    article = submitted_by(reporter)
    seen_by_both = article.version
    other_editor = make_editor()
    services.publish_article(article=article, actor=editor, expected_version=seen_by_both)
    with pytest.raises(services.StaleArticleError, match="changed by somebody else"):
        services.return_article(article=article, actor=other_editor, note="Wait!", expected_version=seen_by_both)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert list(ArticleTransition.objects.filter(article=article).values_list("to_status", flat=True)) == [
        Status.SUBMITTED,
        Status.PUBLISHED,
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_editors_in_parallel_cannot_both_succeed():
    from django.db import connections

    reporter = make_approved_reporter()
    article = submitted_by(reporter)
    editors = [make_editor(), make_editor()]
    version = article.version
    barrier = threading.Barrier(2)
    results = []

    def act(editor, index):
        try:
            barrier.wait(timeout=10)
            copy = Article.objects.get(pk=article.pk)
            if index == 0:
                services.publish_article(article=copy, actor=editor, expected_version=version, notify=False)
            else:
                services.reject_article(article=copy, actor=editor, note="No.", expected_version=version, notify=False)
            results.append("done")
        except services.StaleArticleError:
            results.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(editor, i)) for i, editor in enumerate(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["done", "stale"]
    assert ArticleTransition.objects.filter(article=article).count() == 2


def test_every_transition_is_in_the_admin_history(reporter, editor):
    article = submitted_by(reporter)
    services.return_article(article=article, actor=editor, note="Shorter, please.")
    entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("action_time")
    messages = [entry.change_message for entry in entries]
    assert len(messages) == 2
    assert "Submitted for review" in messages[0]
    assert "Returned to the reporter" in messages[1] and "Shorter, please." in messages[1]
    assert entries[1].user == editor


def test_a_failing_mail_server_never_undoes_a_transition(
    reporter, editor, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = FAILING_MAIL
    article = submitted_by(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_article(article=article, actor=editor, note="Check the figures.")
    article.refresh_from_db()
    assert article.status == Status.RETURNED
    assert any(record.getMessage().startswith("Could not send") for record in caplog.records)


def test_editors_to_notify_include_superusers_and_the_editor_group_but_not_moderators(editor, settings):
    from articles.tests.factories import make_user

    settings.STAFF_NOTIFY_EMAILS = []
    boss = make_user(email="boss@example.com", is_superuser=True, is_staff=True)
    make_moderator(email="mod@example.com")
    assert set(services.editor_emails()) == {editor.email, boss.email}


def test_an_editor_publishes_the_desks_own_draft_directly(editor):
    article = make_article(status=Status.DRAFT, headline="Wire: rail strike called off")
    services.publish_article(article=article, actor=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    step = ArticleTransition.objects.get(article=article)
    assert (step.from_status, step.to_status) == (Status.DRAFT, Status.PUBLISHED)


# --- Withdrawal: a public story is withdrawn with a note, never deleted -------------------------


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_withdrawing_takes_the_story_off_the_site_and_tells_its_reporter(
    reporter, editor, django_capture_on_commit_callbacks
):
    story = make_article(headline="Minister named in land deal", authors=[reporter])
    reader = Client()
    assert reader.get(story.get_absolute_url()).status_code == 200
    assert "Minister named in land deal" in reader.get("/").content.decode()  # now in the page cache

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_article(article=story, actor=editor, note="A court order of 28 November.")

    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert reader.get(story.get_absolute_url()).status_code == 404
    assert reader.get("/as" + story.get_absolute_url()).status_code == 404
    assert "Minister named in land deal" not in reader.get("/").content.decode()
    step = ArticleTransition.objects.get(article=story)
    assert (step.from_status, step.to_status) == (Status.PUBLISHED, Status.WITHDRAWN)
    assert step.note == "A court order of 28 November."
    assert mail.outbox[0].to == [reporter.user.email]
    assert "withdrawn" in mail.outbox[0].subject
    assert "A court order of 28 November." in mail.outbox[0].body


def test_withdrawing_needs_an_editor_a_note_and_a_public_story(reporter, editor):
    story = make_article(authors=[reporter])
    with pytest.raises(services.TransitionError):
        services.withdraw_article(article=story, actor=reporter.user, note="Mine.")
    with pytest.raises(services.TransitionError):
        services.withdraw_article(article=story, actor=editor, note="   ")
    draft = make_article(status=Status.DRAFT, authors=[reporter])
    with pytest.raises(services.TransitionError):
        services.withdraw_article(article=draft, actor=editor, note="Not public.")
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


def test_a_withdrawn_story_can_be_published_again_but_not_edited_by_its_reporter(reporter, editor, client):
    story = make_article(authors=[reporter])
    services.withdraw_article(article=story, actor=editor, note="Wrong photo caption.", notify=False)
    client.force_login(reporter.user)
    edit = client.get(reverse("articles:story-edit", args=[story.pk]))
    assert edit.status_code == 302 and edit["Location"] == reverse("articles:story-preview", args=[story.pk])
    client.post(reverse("articles:story-edit", args=[story.pk]), {"headline": "Changed behind the desk's back"})
    story.refresh_from_db()
    assert story.headline != "Changed behind the desk's back"
    services.publish_article(article=story, actor=editor, notify=False)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert Client().get(story.get_absolute_url()).status_code == 200


def test_the_story_page_in_the_desk_offers_withdrawal_for_a_public_story(editor_client):
    story = make_article(headline="Dam gates opened")
    change = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    withdraw_url = reverse("admin:articles_article_workflow", args=[story.pk, "withdraw"])
    assert withdraw_url in change
    form = editor_client.get(withdraw_url)
    assert form.status_code == 200
    response = editor_client.post(withdraw_url, {"note": "Figures were wrong.", "version": story.version})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    changed = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert withdraw_url not in changed
    assert reverse("admin:articles_article_workflow", args=[story.pk, "publish"]) in changed


def test_a_public_story_cannot_be_deleted_from_the_desk_one_or_many(editor_client):
    public = make_article(headline="Still on the site")
    draft = make_article(headline="Never published", status=Status.DRAFT)
    assert editor_client.get(reverse("admin:articles_article_delete", args=[public.pk])).status_code == 403
    changelist = reverse("admin:articles_article_changelist")
    editor_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [public.pk, draft.pk], "post": "yes"}
    )
    assert Article.objects.filter(pk=public.pk).exists()
    editor_client.post(changelist, {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()
