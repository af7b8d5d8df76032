"""A reporter's name in Assamese: written by them or the desk, shown to readers of the Assamese site."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from articles.tests.factories import make_article, make_reporter, make_user
from tests.browser_forms import submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(photo_bytes):
    return make_reporter(
        full_name="Anjali Baruah", phone="+919864012345", district="Kamrup Metropolitan", photo=photo_bytes(120, 120)
    )


def test_a_reporter_writes_their_assamese_name_on_their_profile_and_keeps_their_photo(client, reporter):
    stored, content = reporter.photo.name, Path(reporter.photo.path).read_bytes()
    client.force_login(reporter.user)
    page = client.get(reverse("accounts:profile")).content.decode()
    name_as = re.search(r'<input[^>]*name="name_as"[^>]*>', page)
    assert name_as and 'lang="as"' in name_as.group(0)
    data = submission(page, has_field="name_as").post_data()
    data["name_as"] = ["অঞ্জলি বৰুৱা"]

    response = client.post(reverse("accounts:profile"), data)

    assert response.status_code == 302
    reporter.refresh_from_db()
    assert reporter.name_as == "অঞ্জলি বৰুৱা"
    assert reporter.user.full_name == "Anjali Baruah"
    assert (reporter.photo.name, Path(reporter.photo.path).read_bytes()) == (stored, content)


def test_the_desk_writes_a_reporters_assamese_name_in_the_admin(client, reporter):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    url = reverse("admin:accounts_reporter_change", args=[reporter.pk])
    page = client.get(url).content.decode()
    data = submission(page, form_id="reporter_form").post_data(button="_save")
    data["name_as"] = ["অঞ্জলি বৰুৱা"]

    assert client.post(url, data).status_code == 302
    reporter.refresh_from_db()
    assert reporter.name_as == "অঞ্জলি বৰুৱা"


@pytest.fixture
def story(reporter):
    reporter.name_as = "অঞ্জলি বৰুৱা"
    reporter.save()
    without = make_reporter(full_name="Bikash Gogoi")
    return make_article(
        headline="Ferry service resumes",
        headline_as="পুনৰ ফেৰী সেৱা",
        body="<p>Boats.</p>",
        body_as="<p>নাও।</p>",
        authors=[reporter, without],
    )


def test_assamese_bylines_show_the_assamese_name_or_else_the_english_one(client, story):
    byline = (
        client.get(f"/as{story.get_absolute_url()}")
        .content.decode()
        .split('class="byline d-flex')[1]
        .split("</div>")[0]
    )
    assert "অঞ্জলি বৰুৱা" in byline and "Anjali Baruah" not in byline
    assert "Bikash Gogoi" in byline  # no Assamese name written: the English one


def test_english_bylines_keep_the_english_name(client, story):
    byline = client.get(story.get_absolute_url()).content.decode().split('class="byline d-flex')[1].split("</div>")[0]
    assert "Anjali Baruah" in byline and "অঞ্জলি বৰুৱা" not in byline


def test_the_assamese_reporter_page_is_titled_with_the_assamese_name(client, story, reporter):
    url = reporter.get_absolute_url()
    english = client.get(url).content.decode()
    assamese = client.get(f"/as{url}").content.decode()
    assert "<title>অঞ্জলি বৰুৱা · " in assamese
    assert '<h1 class="h3 mb-1">অঞ্জলি বৰুৱা</h1>' in assamese
    assert '<h1 class="h3 mb-1">Anjali Baruah</h1>' in english


def test_feeds_name_authors_in_the_feeds_language(client, story):
    assamese = client.get("/as/feeds/rss/").content.decode()
    english = client.get("/feeds/rss/").content.decode()
    assert "অঞ্জলি বৰুৱা, Bikash Gogoi" in assamese
    assert "Anjali Baruah, Bikash Gogoi" in english and "অঞ্জলি" not in english
    assert "<name>অঞ্জলি বৰুৱা, Bikash Gogoi</name>" in client.get("/as/feeds/atom/").content.decode()
