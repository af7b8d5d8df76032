"""The phone's "Read more" folds and unfolds a long story with JavaScript off; a desktop never folds it."""

import pytest
from playwright.sync_api import expect

from articles.tests.factories import make_article
from articles.tests.test_reading_aids import LONG_BODY, PARAGRAPHS
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_long_story_folds_and_unfolds_on_a_phone_without_javascript(live_server, browser):
    story = make_article(headline="A long report", body=LONG_BODY)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + story.get_absolute_url())
        rest = page.locator("#fold-rest")
        expect(page.get_by_text(PARAGRAPHS[0])).to_be_visible()
        expect(rest).to_be_hidden()
        page.get_by_text("Read more", exact=True).click()
        expect(rest).to_be_visible()
        expect(page.get_by_text(PARAGRAPHS[6])).to_be_visible()
        expect(page.get_by_text("Read more", exact=True)).to_be_hidden()
        page.get_by_text("Read less", exact=True).click()
        expect(rest).to_be_hidden()
        expect(page.get_by_text("Read more", exact=True)).to_be_visible()
        # The keyboard works too: the label's checkbox takes the focus and Space unfolds the story.
        page.locator("#fold").focus()
        page.keyboard.press("Space")
        expect(rest).to_be_visible()

        page.set_viewport_size(DESKTOP)
        page.reload()
        expect(rest).to_be_visible()
        expect(page.get_by_text("Read more", exact=True)).to_be_hidden()
    finally:
        context.close()
