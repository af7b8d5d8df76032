"""A public story is withdrawn with a note, never deleted: off the site at once, its authors told,
its history kept, and publishable again once mended."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import make_approved_reporter, make_editor
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
