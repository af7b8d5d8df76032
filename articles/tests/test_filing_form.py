"""The story form's layout as the server writes it (the browser's part is tests/e2e/test_filing_form.py):
each language under its own heading, its body's word count and reading time, the current photo on
edit, and the error summary's links to the fields."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import make_approved_reporter
from accounts.tests.test_form_errors import assert_links_reach_their_fields
from articles.forms.filing import WORDS_PER_MINUTE, StoryForm, count_words
from articles.models import Article
from articles.models.stories import reading_minutes
from articles.tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db
CREATE = reverse("articles:story-create")


@pytest.fixture
def reporter():
    return make_approved_reporter(full_name="Chandana Saikia")


def edit_url(article):
    return reverse("articles:story-edit", args=[article.pk])


def stats(html, code):
    """(words, minutes) as the page shows them under the body in language `code`."""
    found = re.search(
        rf'data-story-stats="id_body_{code}" data-words-per-minute="(\d+)"[^>]*>.*?'
        r'class="story-stats-words">(\d+)</span>.*?class="story-stats-minutes">(\d+)</span>',
        html,
        re.S,
    )
    assert found, f"no word count under body_{code}"
    per_minute, words, minutes = (int(n) for n in found.groups())
    assert per_minute == WORDS_PER_MINUTE
    return words, minutes


def test_each_language_has_its_own_heading_and_nothing_is_hidden_without_javascript(client, reporter):
    client.force_login(reporter.user)
    html = client.get(CREATE).text

    english = html.index('<h2 class="h5 story-language-heading" id="story-language-en-heading">The story in English')
    assamese = html.index('id="story-language-as-heading">Translation: Assamese (optional)</h2>')
    assert english < html.index('name="headline_en"') < assamese < html.index('name="headline_as"')
    assert html.index('name="photo_alt_as"') < html.index('name="section"')  # shared fields after both
    assert "hidden" not in re.search(r'<section class="story-language[^>]*>', html).group(0)
    assert 'data-tab-label="অসমীয়া"' in html and 'data-tab-label="English"' in html
    assert "js/story-form.js" in html


def test_the_reading_pace_is_the_one_the_story_page_uses():
    assert reading_minutes(" ".join(["word"] * WORDS_PER_MINUTE)) == 1
    assert reading_minutes(" ".join(["word"] * (WORDS_PER_MINUTE + 1))) == 2


def test_each_language_shows_its_word_count_and_reading_time(client, reporter):
    english = "<p>" + " ".join(["flood"] * 230) + "</p><p>" + " ".join(["water"] * 220) + "</p>"
    assamese = "<p>" + " ".join(["বানপানী"] * 120) + "</p>"
    article = make_article(status=Article.Status.DRAFT, authors=[reporter], body=english, body_as=assamese)
    client.force_login(reporter.user)
    html = client.get(edit_url(article)).text

    assert stats(html, "en") == (450, 3)
    assert stats(html, "as") == (120, 1)
    assert stats(client.get(CREATE).text, "as") == (0, 0)
    # One paragraph: the same minutes as the published story's "min read".
    one = make_article(status=Article.Status.DRAFT, authors=[reporter], body="<p>" + "word " * 401 + "</p>")
    assert stats(client.get(edit_url(one)).text, "en") == (401, one.reading_time())


def test_the_count_of_a_story_sent_back_with_a_mistake_is_of_the_text_sent(client, reporter):
    client.force_login(reporter.user)
    body = "<p>The ferry leaves at nine.</p><p>It returns at dawn.</p>"
    html = client.post(CREATE, {"headline_en": "", "body_en": body, "body_as": "<p>নাওখন ৰাতি ন বজাত এৰিব।</p>"}).text

    assert stats(html, "en") == (9, 1)  # the paragraphs do not run together
    assert stats(html, "as") == (5, 1)


def test_words_are_counted_between_tags_as_the_page_script_counts_them():
    assert count_words("<p>One two.</p><p>Three</p>") == 3
    assert count_words("<h2>Flood</h2><ul><li>Majuli</li><li>Jorhat</li></ul>") == 3
    assert count_words("a&nbsp;b <strong>c</strong>") == 2
    assert count_words("") == count_words(None) == 0


def test_editing_shows_the_current_photo_with_its_caption_and_that_an_empty_field_keeps_it(
    client, reporter, photo_bytes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the worker has made the renditions
        article = make_article(
            status=Article.Status.DRAFT,
            authors=[reporter],
            photo=photo_bytes(960, 540),
            photo_caption="The ferry at Nimati ghat.",
            photo_alt="A white ferry at a river landing.",
        )
    client.force_login(reporter.user)
    html = client.get(edit_url(article)).text

    current = re.search(r'<figure class="figure story-photo-current">(.*?)</figure>', html, re.S).group(1)
    assert '<img src="/media/CACHE/images/' in current  # a rendition, not the 960 px upload
    assert 'alt="A white ferry at a river landing."' in current
    assert "<strong>Current photo</strong>: The ferry at Nimati ghat." in current
    assert "Leave this empty to keep the current photo." in html

    new = client.get(CREATE).text
    assert "story-photo-current" not in new and "Leave this empty" not in new
    assert 'data-photo-preview="id_lead_photo" data-alt-from="id_photo_alt_en"' in new


def test_the_current_photo_stays_the_stored_one_when_the_form_comes_back_with_errors(reporter, photo_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = make_article(status=Article.Status.DRAFT, authors=[reporter], photo=photo_bytes(), photo_caption="Old")
    stored = article.lead_photo.name
    new_photo = SimpleUploadedFile("new.png", photo_bytes(image_format="PNG"), content_type="image/png")
    form = StoryForm({"headline_en": "", "photo_caption_en": "New"}, {"lead_photo": new_photo}, instance=article)
    assert not form.is_valid()

    current = form.current_photo()
    assert current.caption == "Old"
    assert current.url.endswith(stored)


def test_the_error_summary_links_to_each_field_in_either_language(client, reporter):
    make_section(name="Assam")
    make_tag(name="Floods")
    client.force_login(reporter.user)
    response = client.post(
        CREATE,
        {"action": "submit", "headline_as": "ক" * 201, "tags": ["999999"], "photo_alt_as": "ফটো"},
    )

    summary = assert_links_reach_their_fields(
        response.text,
        ["id_headline_en", "id_summary_en", "id_body_en", "id_headline_as", "id_section", "id_tags_0"],
    )
    texts = dict(summary.items)
    assert texts["#id_headline_as"].startswith("Headline (Assamese): Ensure this value has at most 200 characters")
    assert response.text.index("data-error-summary") < response.text.index('class="story-form"')
    assert "js/form-errors.js" in response.text


def test_the_assamese_desk_counts_words_in_assamese_digits_and_tells_the_script_its_digits(client, reporter):
    story = make_article(authors=[reporter], published=False, body="<p>" + "water " * 12 + "</p>")
    url = edit_url(story)
    client.force_login(reporter.user)
    html = client.get(f"/as{url}").text
    counted = html.split('data-story-stats="id_body_en"')[1].split("</p>")[0]
    assert 'data-digits="০১২৩৪৫৬৭৮৯"' in counted
    assert 'class="story-stats-words">১২</span>' in counted and 'class="story-stats-minutes">১</span>' in counted
    assert 'data-digits="0123456789"' in client.get(url).text
