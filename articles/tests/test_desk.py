"""The reporter's desk and profile."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import make_approved_reporter, make_editor, make_suspended_reporter
from articles import services
from articles.models import Article
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db
DESK = reverse("articles:desk")
Status = Article.Status


def story(reporter, status=Status.DRAFT, **extra):
    return make_article(status=status, authors=[reporter], **extra)


@pytest.fixture
def reporter():
    return make_approved_reporter(full_name="Bikash Gogoi")


def test_the_desk_lists_only_my_stories_grouped_by_status_with_counts_and_notes(client, reporter):
    editor = make_editor()
    story(reporter, headline="My first draft")
    story(reporter, headline="My second draft")
    returned = story(reporter, headline="A story to fix")
    services.submit_article(article=returned, actor=reporter.user, notify=False)
    services.return_article(article=returned, actor=editor, note="Name your sources.", notify=False)
    rejected = story(reporter, headline="A rumour")
    services.submit_article(article=rejected, actor=reporter.user, notify=False)
    services.reject_article(article=rejected, actor=editor, note="Not confirmed.", notify=False)
    story(reporter, status=Status.PUBLISHED, headline="Out in the world")
    story(make_approved_reporter(), headline="Somebody else's scoop")

    client.force_login(reporter.user)
    response = client.get(DESK)
    html = response.content.decode()
    groups = {group["status"]: group for group in response.context["groups"]}
    assert groups[Status.DRAFT]["count"] == 2
    assert groups[Status.RETURNED]["count"] == 1
    assert groups[Status.REJECTED]["count"] == 1
    assert groups[Status.PUBLISHED]["count"] == 1
    assert groups[Status.SUBMITTED]["count"] == 0
    assert "Somebody else&#x27;s scoop" not in html and "Somebody else's scoop" not in html
    assert "Name your sources." in html
    assert "Not confirmed." in html
    assert reverse("articles:story-edit", kwargs={"pk": returned.pk}) in html
    assert reverse("articles:story-edit", kwargs={"pk": rejected.pk}) not in html
    assert reverse("articles:story-create") in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_desk_shows_each_storys_history(client, reporter):
    editor = make_editor(full_name="Rupam Hazarika")
    article = story(reporter, headline="Bridge opens")
    services.submit_article(article=article, actor=reporter.user, notify=False)
    services.return_article(article=article, actor=editor, note="Add a photo.", notify=False)
    client.force_login(reporter.user)
    html = client.get(DESK).content.decode()
    assert "Draft → Submitted for review" in html
    assert "Submitted for review → Returned to the reporter · Rupam Hazarika: Add a photo." in html


def test_a_scheduled_story_whose_time_has_come_counts_as_published(client, reporter):
    story(reporter, status=Status.SCHEDULED)  # published_at an hour ago
    client.force_login(reporter.user)
    groups = {group["status"]: group["count"] for group in client.get(DESK).context["groups"]}
    assert groups[Status.PUBLISHED] == 1 and groups[Status.SCHEDULED] == 0


def test_a_suspended_reporter_sees_why_they_cannot_file(client):
    reporter = make_suspended_reporter()
    client.force_login(reporter.user)
    html = client.get(DESK).content.decode()
    assert "Your account is suspended" in html
    assert reverse("articles:story-create") not in html


def test_staff_without_a_reporter_profile_are_pointed_to_the_admin(client):
    client.force_login(make_editor())
    html = client.get(DESK).content.decode()
    assert "has no reporter profile" in html
    assert reverse("admin:index") in html


def test_the_desk_needs_the_same_number_of_queries_for_few_or_many_stories(client, reporter):
    editor = make_editor()

    def add(n):
        for _ in range(n):
            article = story(reporter)
            services.submit_article(article=article, actor=reporter.user, notify=False)
            services.return_article(article=article, actor=editor, note="Again.", notify=False)

    client.force_login(reporter.user)
    add(2)
    cache.clear()  # the same cold cache for both counts
    with CaptureQueriesContext(connection) as few:
        client.get(DESK)
    add(20)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(DESK)
    returned = response.context["groups"][0]
    assert (returned["count"], len(returned["stories"])) == (22, 10)
    assert "See 12 more" in response.content.decode()
    assert len(many) == len(few)


def test_one_status_of_the_desk_is_listed_with_pages(client, reporter):
    for n in range(30):
        story(reporter, headline=f"Draft number {n}")
    client.force_login(reporter.user)
    first = client.get(DESK, {"status": "draft"})
    assert [group["status"] for group in first.context["groups"]] == ["draft"]
    assert len(first.context["groups"][0]["stories"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(DESK, {"status": "draft", "page": 2})
    assert len(second.context["groups"][0]["stories"]) == 5
    assert client.get(DESK, {"status": "nonsense"}).status_code == 200


def test_a_reporter_edits_their_profile_and_the_phone_is_normalised(client, reporter, photo_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reporter.user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Bikash Chandra Gogoi",
            "phone": "098640 12345",
            "district": "Dibrugarh",
            "bio": "Tea and oil.",
            "photo": SimpleUploadedFile("me.png", photo_bytes(image_format="PNG"), content_type="image/png"),
        },
    )
    assert response["Location"] == DESK
    reporter.refresh_from_db()
    reporter.user.refresh_from_db()
    assert reporter.user.full_name == "Bikash Chandra Gogoi"
    assert reporter.phone == "+919864012345"
    assert reporter.bio == "Tea and oil."
    assert reporter.photo.name.endswith(".png")


def test_a_wrong_phone_number_on_the_profile_is_refused_with_a_message(client, reporter):
    client.force_login(reporter.user)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "B", "phone": "12345", "district": "X", "bio": ""}
    )
    assert response.status_code == 200
    assert "10-digit Indian mobile number" in response.content.decode()


def test_the_reporters_pages_work_in_assamese(client, reporter):
    article = story(reporter, headline="A draft")
    client.force_login(reporter.user)
    for path in (
        DESK,
        reverse("accounts:profile"),
        reverse("articles:story-create"),
        reverse("articles:story-edit", args=[article.pk]),
        reverse("articles:story-preview", args=[article.pk]),
    ):
        response = client.get("/as" + path)
        assert response.status_code == 200, path
        assert '<html lang="as"' in response.content.decode()


def test_a_reporter_with_an_assamese_name_gets_a_readable_page_address(client):
    from articles.tests.factories import make_reporter

    reporter = make_reporter(full_name="গুৱাহাটীৰ অনুৰাধা")
    assert reporter.slug == "গুৱাহাটীৰ-অনুৰাধা"  # vowel signs kept
    assert client.get(reporter.get_absolute_url()).status_code == 200


def test_the_desks_old_address_in_older_e_mails_leads_to_the_desk(client):
    response = client.get("/accounts/desk/?status=returned")
    assert response.status_code == 301
    assert response["Location"] == "/desk/?status=returned"
