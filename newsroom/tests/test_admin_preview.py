"""A story's page in the admin: a staff preview in each language, and its workflow history."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_user


@pytest.fixture
def submitted_story(db):
    reporter = make_reporter(full_name="Bhaskar Gogoi")
    article = make_article(
        status=Article.Status.DRAFT,
        headline="Flood waters recede in Dhemaji",
        body="<p>The Jiadhal river fell overnight.</p>",
        headline_as="ধেমাজিত বানপানী হ্ৰাস",
        body_as="<p>জিয়াধল নদীৰ পানী কমিছে।</p>",
        authors=[reporter],
    )
    services.submit_article(article=article, actor=reporter.user, notify=False)
    article.refresh_from_db()
    return article


def test_a_storys_admin_page_links_a_preview_per_language(client, superuser, submitted_story):
    client.force_login(superuser)

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/change/")

    assert f'href="/admin/articles/article/{submitted_story.pk}/preview/"' in response.text
    assert f'href="/as/admin/articles/article/{submitted_story.pk}/preview/"' in response.text
    # Readers cannot see it yet: no "View on site" link to a page that does not exist for them.
    assert "View on site" not in response.text


def test_a_published_storys_admin_page_links_the_public_page(client, superuser, db):
    article = make_article(headline="Kaziranga reopens")
    client.force_login(superuser)

    response = client.get(f"/admin/articles/article/{article.pk}/change/")

    assert "View on site" in response.text
    assert f'href="/admin/articles/article/{article.pk}/history/"' in response.text


def test_the_preview_shows_an_unpublished_story_as_readers_will_see_it_in_english(client, editor, submitted_story):
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/preview/")

    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert "Flood waters recede in Dhemaji" in response.text
    assert "The Jiadhal river fell overnight." in response.text
    assert "Staff preview: this story is not published. Readers cannot see it yet." in response.text
    assert "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex, nofollow"' in response.text
    # Readers still get nothing.
    client.logout()
    assert client.get(submitted_story.get_absolute_url()).status_code == 404


def test_a_preview_says_the_story_is_not_published_and_never_shows_a_publication_time(client, editor, submitted_story):
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/preview/")

    dates = re.search(r'<p class="story-dates[^"]*">(.*?)</p>', response.text, re.S).group(1)
    assert "Not published yet" in dates
    assert "Published" not in dates and "<time" not in dates
    assert "article:published_time" not in response.text


def test_a_preview_of_a_scheduled_story_says_when_it_will_go_out(client, editor, submitted_story):
    at = timezone.now() + timedelta(days=1)
    services.schedule_article(article=submitted_story, actor=editor, at=at, notify=False)
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/preview/")

    dates = re.search(r'<p class="story-dates[^"]*">(.*?)</p>', response.text, re.S).group(1)
    assert f'To be published: <time datetime="{timezone.localtime(at).strftime("%Y-%m-%dT%H:%M:%S%z")}">' in dates
    assert "Published:" not in dates


def test_a_preview_shows_the_comments_section_as_readers_will_get_it_not_closed(client, editor, submitted_story):
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/preview/")

    assert "Comments are closed" not in response.text
    assert "Join the conversation" in response.text and "No comments yet. Be the first to comment." in response.text
    assert re.search(r'<button type="submit" class="btn btn-dark" disabled>Post comment</button>', response.text)
    assert "readers can comment here once the story is published" in response.text


def test_a_preview_of_a_story_with_comments_turned_off_says_they_are_closed(client, editor, submitted_story):
    Article.objects.filter(pk=submitted_story.pk).update(comments_enabled=False)
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/preview/")

    assert "Comments are closed on this story." in response.text


def test_the_assamese_preview_shows_the_translation(client, editor, submitted_story):
    client.force_login(editor)

    response = client.get(f"/as/admin/articles/article/{submitted_story.pk}/preview/")

    assert response.status_code == 200
    assert '<html lang="as"' in response.text
    assert "ধেমাজিত বানপানী হ্ৰাস" in response.text
    assert "জিয়াধল নদীৰ পানী কমিছে।" in response.text


def test_the_preview_is_not_cached_between_edits(client, editor, submitted_story):
    client.force_login(editor)
    client.get(f"/admin/articles/article/{submitted_story.pk}/preview/")
    submitted_story.headline = "Flood waters recede further"
    submitted_story.save()

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/preview/")

    assert "Flood waters recede further" in response.text


def test_only_staff_who_may_view_stories_get_the_preview(client, moderator, reporter_user, submitted_story):
    url = f"/admin/articles/article/{submitted_story.pk}/preview/"

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(reporter_user)
    assert client.get(url).status_code == 302  # a reporter: not staff, the admin sends them to log in
    client.force_login(moderator)
    assert client.get(url).status_code == 403


def test_staff_with_the_view_permission_alone_may_preview(client, submitted_story):
    viewer = make_user(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)

    assert client.get(f"/admin/articles/article/{submitted_story.pk}/preview/").status_code == 200


def test_an_unknown_story_has_no_preview(client, editor, db):
    client.force_login(editor)

    assert client.get("/admin/articles/article/999999/preview/").status_code == 404


def test_the_storys_admin_page_shows_its_workflow_history(client, editor, submitted_story):
    services.return_article(article=submitted_story, actor=editor, note="Name the source, please.", notify=False)
    client.force_login(editor)

    response = client.get(f"/admin/articles/article/{submitted_story.pk}/change/")

    assert response.status_code == 200
    history = response.text[response.text.index("workflow-history") :]
    assert "Submitted for review" in history
    assert "Returned to the reporter" in history
    assert "Name the source, please." in history
    assert "Editor Person" in history
