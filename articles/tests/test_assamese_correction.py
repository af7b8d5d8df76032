"""A story's correction note in the reader's language, falling back to English."""

import pytest

from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def correction_box(html):
    return html.split('class="alert alert-warning story-correction"')[1].split("</aside>")[0]


@pytest.fixture
def story():
    return make_article(
        headline="Ferry service resumes",
        headline_as="পুনৰ ফেৰী সেৱা",
        body="<p>Boats.</p>",
        body_as="<p>নাও।</p>",
        correction_en="An earlier version gave the wrong ghat.",
        correction_as="আগৰ সংস্কৰণত ভুল ঘাটৰ নাম দিয়া হৈছিল।",
    )


def test_the_assamese_story_shows_the_assamese_correction(client, story):
    url = story.get_absolute_url()
    assamese = correction_box(client.get(f"/as{url}").content.decode())
    assert '<p class="mb-0" lang="as">আগৰ সংস্কৰণত ভুল ঘাটৰ নাম দিয়া হৈছিল।</p>' in assamese
    english = correction_box(client.get(url).content.decode())
    assert '<p class="mb-0" lang="en">An earlier version gave the wrong ghat.</p>' in english


def test_without_an_assamese_correction_the_assamese_story_shows_the_english_one_marked_english(client, story):
    story.correction_as = ""
    story.save()
    html = client.get(f"/as{story.get_absolute_url()}").content.decode()
    assert '<p class="mb-0" lang="en">An earlier version gave the wrong ghat.</p>' in correction_box(html)


def test_a_story_without_a_correction_shows_no_box(client):
    story = make_article(headline="Quiet day", body="<p>Nothing.</p>")
    assert "story-correction" not in client.get(f"/as{story.get_absolute_url()}").content.decode()
