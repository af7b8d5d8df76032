"""The desk's home page: the work waiting, counted right, linking to the list of exactly that work."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Reporter
from articles.comments.models import Comment
from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_user
from enquiries.models import Enquiry

pytestmark = pytest.mark.usefixtures("fast_passwords")


def make_comment(article, *, status=Comment.Status.HELD, reports=0, **extra):
    return Comment.objects.create(
        article=article,
        name="A Reader",
        email="reader@example.com",
        body="A fair point about the flood.",
        status=status,
        report_count=reports,
        removed_at=timezone.now() if status == Comment.Status.REMOVED else None,
        **extra,
    )


def make_enquiry(*, status=Enquiry.Status.NEW, assignee=None):
    return Enquiry.objects.create(
        name="Anjali Das",
        email="anjali@example.com",
        subject="A question",
        message="When does the paper reach Jorhat?",
        status=status,
        assignee=assignee,
    )


def make_outdated_translation():
    article = make_article(headline="Tea garden wages", headline_as="চাহ বাগিচাৰ মজুৰি", body_as="<p>অসমীয়া</p>")
    article.refresh_from_db()
    article.headline_en = "Tea garden wages rise"
    article.save()
    return article


@pytest.fixture
def newsroom_work(db, superuser):
    """Work of every kind, with some of each kind that must not be counted."""
    soon = timezone.now() + timedelta(hours=2)
    later = timezone.now() + timedelta(days=1)
    make_article(status=Article.Status.SUBMITTED)
    make_article(status=Article.Status.SUBMITTED)
    make_article(status=Article.Status.RETURNED)
    make_article(status=Article.Status.DRAFT)
    make_article(status=Article.Status.SCHEDULED, published_at=later, headline="Budget session opens")
    make_article(status=Article.Status.SCHEDULED, published_at=soon, headline="Bihu programme announced")
    published = make_article(status=Article.Status.PUBLISHED)
    make_outdated_translation()
    make_comment(published)
    make_comment(published)
    make_comment(published, status=Comment.Status.APPROVED, reports=2)
    make_comment(published, status=Comment.Status.REMOVED, reports=1)
    make_comment(published, status=Comment.Status.APPROVED)
    make_reporter(status=Reporter.Status.PENDING)
    make_reporter(status=Reporter.Status.APPROVED)
    make_enquiry()
    make_enquiry(assignee=superuser)
    make_enquiry(status=Enquiry.Status.ANSWERED)
    return {
        "stories_submitted": 2,
        "stories_returned": 1,
        "stories_scheduled": 2,
        "translations_outdated": 1,
        "comments_held": 2,
        "comments_reported": 1,
        "reporters_pending": 1,
        "enquiries_new": 2,
        "enquiries_unassigned": 1,
    }


def tiles_of(response):
    return {tile.key: tile for tile in response.context["work_waiting"]}


def test_the_home_page_counts_the_work_waiting_of_every_kind(client, superuser, newsroom_work):
    client.force_login(superuser)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert {key: tile.count for key, tile in tiles_of(response).items()} == newsroom_work
    assert "Stories awaiting review" in response.text


@pytest.mark.parametrize(
    "key",
    [
        "stories_submitted",
        "stories_returned",
        "stories_scheduled",
        "translations_outdated",
        "comments_held",
        "comments_reported",
        "reporters_pending",
        "enquiries_new",
        "enquiries_unassigned",
    ],
)
def test_each_count_links_to_the_list_of_exactly_that_work(client, superuser, newsroom_work, key):
    client.force_login(superuser)
    home = client.get("/admin/")
    tile = tiles_of(home)[key]
    assert f'href="{tile.url.replace("&", "&amp;")}"' in home.text

    changelist = client.get(tile.url)

    assert changelist.status_code == 200, tile.url
    assert changelist.context["cl"].result_count == newsroom_work[key]


def test_scheduled_stories_are_listed_with_their_times_soonest_first(client, superuser, newsroom_work):
    client.force_login(superuser)

    response = client.get("/admin/")

    scheduled = tiles_of(response)["stories_scheduled"].items
    assert [story.headline for story in scheduled] == ["Bihu programme announced", "Budget session opens"]
    when = timezone.localtime(scheduled[0].published_at).strftime("%H:%M")
    assert when in response.text


def test_a_moderator_sees_comments_and_enquiries_but_no_story_or_reporter_counts(client, moderator, newsroom_work):
    client.force_login(moderator)

    tiles = tiles_of(client.get("/admin/"))

    assert set(tiles) == {"comments_held", "comments_reported", "enquiries_new", "enquiries_unassigned"}


def test_an_editor_sees_stories_and_reporters_but_not_the_comment_queue(client, editor, newsroom_work):
    client.force_login(editor)

    tiles = tiles_of(client.get("/admin/"))

    assert {"stories_submitted", "stories_returned", "stories_scheduled", "reporters_pending"} <= set(tiles)
    assert "comments_held" not in tiles
    assert "enquiries_new" not in tiles


def test_the_home_page_speaks_assamese_under_as(client, superuser, newsroom_work):
    client.force_login(superuser)

    response = client.get("/as/admin/")

    assert response.status_code == 200
    assert '<html lang="as"' in response.text
    assert all(tile.url.startswith("/as/admin/") for tile in tiles_of(response).values())


def test_the_desk_is_branded_with_the_publication(client, superuser, settings):
    client.force_login(superuser)

    response = client.get("/admin/")

    assert f"{settings.PUBLISHER['name']} desk" in response.text
    assert "Django administration" not in response.text


def test_the_home_page_runs_the_same_queries_with_little_or_much_work(client, superuser, django_assert_num_queries):
    client.force_login(superuser)

    def add_work(n):
        published = make_article()
        for _ in range(n):
            make_article(status=Article.Status.SUBMITTED)
            make_article(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=3))
            make_comment(published, reports=1)
            make_reporter(status=Reporter.Status.PENDING)
            make_enquiry()

    add_work(2)
    client.get("/admin/")  # warm the caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        client.get("/admin/")
    add_work(25)
    make_user()
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/admin/")
    assert tiles_of(response)["stories_submitted"].count == 27
