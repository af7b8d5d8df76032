"""The comments section's cached fragments: exact after every change, in both languages, and never
holding anything of the reader who happened to render them."""

import pickle
import re
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from articles.caching import bump_content_version
from articles.comments.models import Comment
from articles.comments.services import APPROVE, REMOVE, SPAM, moderate_comments
from articles.comments.tests.comment_helpers import comment_data, make_comment, post_url
from articles.tests.factories import make_article, make_user
from newsroom.shared.antispam import FORM_STAMP_SALT

pytestmark = pytest.mark.django_db

STAMP = re.compile(r'name="form_stamp" value="([^"]+)"')


def story_urls(article):
    urls = {}
    for language in ("en", "as"):
        with translation.override(language):
            urls[language] = article.get_absolute_url()
    return urls


def pages(reader, article):
    return {language: reader.get(url).content.decode() for language, url in story_urls(article).items()}


def test_a_comment_approved_removed_or_marked_as_spam_shows_at_once_in_both_languages(
    django_capture_on_commit_callbacks,
):
    article = make_article(headline_as="ফেৰী আকৌ চলিল")
    make_comment(article, body="Already here before the change.")
    held = make_comment(article, status=Comment.Status.HELD, body="Waiting for a moderator to read it.")
    moderator = make_user(is_staff=True, is_superuser=True)
    reader = Client()
    for page in pages(reader, article).values():  # both languages' pages and fragments are now warm
        assert "Already here" in page and "Waiting for a moderator" not in page

    for action, shown in ((APPROVE, True), (REMOVE, False), (APPROVE, True), (SPAM, False)):
        with django_capture_on_commit_callbacks(execute=True):
            moderate_comments(comments=[held], action=action, moderator=moderator)
        for language, page in pages(reader, article).items():
            assert ("Waiting for a moderator" in page) is shown, (action, language)
            assert "Already here" in page


def test_a_comment_on_a_story_whose_page_stayed_cached_elsewhere_still_shows_once_the_page_is_rendered():
    """The fragments hold when only the page cache moves on (another story was published): they
    are keyed by the story's own comments, so another story's change never shows stale comments."""
    article, other = make_article(), make_article()
    reader = Client()
    pages(reader, article)
    make_comment(article, body="Posted and approved at once by a trusted reader.")
    make_article()  # someone publishes another story: every page is rendered again
    bump_content_version()
    for page in pages(reader, article).values():
        assert "Posted and approved at once" in page
    assert "Posted and approved at once" not in pages(reader, other)["en"]


def test_no_fragment_ever_holds_a_csrf_token_or_the_name_of_whoever_rendered_it(settings):
    settings.DEBUG = False
    article = make_article()
    make_comment(article, body="A public comment anyone may read.")
    secret_reader = make_user(full_name="Nilima Secretname", email="nilima.secret@example.com")
    staff = make_user(full_name="Desk Secretname", email="desk.secret@example.com", is_staff=True)
    for person in (secret_reader, staff):
        client = Client()
        client.force_login(person)
        for page in pages(client, article).values():
            assert "csrfmiddlewaretoken" in page and "Secretname" in page  # their own page has both

    def strings(value):
        if isinstance(value, str | bytes):
            yield value.decode(errors="replace") if isinstance(value, bytes) else value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from strings(item)

    # Every entry of the test run's own local-memory cache: fragments, and the pages of the page cache.
    held = [pickle.loads(value) for value in cache._cache.values()]  # noqa: S301 - our own cache
    texts = [text for value in held for text in strings(value)]
    assert any("A public comment anyone may read." in text for text in texts)  # the thread was cached
    assert any(article.headline in text and "story-header" in text for text in texts)  # and the story
    for text in texts:
        assert "csrfmiddlewaretoken" not in text
        assert "Secretname" not in text and ".secret@example.com" not in text

    # A visitor after them gets the visitors' form: name and e-mail asked, no account named.
    page = pages(Client(), article)["en"]
    assert 'name="name"' in page and 'name="email"' in page
    assert "Commenting as" not in page and "Secretname" not in page


def test_the_shared_visitors_form_gets_a_fresh_valid_stamp_on_every_page_and_posts(client, settings):
    settings.SPAM_FORM_MIN_SECONDS = 0
    article = make_article()
    client.get(article.get_absolute_url())  # the form is rendered once and kept
    bump_content_version()
    page = client.get(article.get_absolute_url()).content.decode()  # and taken from the cache here
    assert page.count('name="form_stamp"') == 1 and "form-stamp-filled-in-per-page" not in page
    second = STAMP.search(page).group(1)
    assert abs(signing.loads(second, salt=FORM_STAMP_SALT) - time.time()) < 5  # this page's own time
    response = client.post(post_url(article), comment_data(form_stamp=second, body="Sent from the shared form."))
    assert response.status_code == 302
    assert Comment.objects.get().body == "Sent from the shared form."
