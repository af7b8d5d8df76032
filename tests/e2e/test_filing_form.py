"""The story form in a browser: languages side by side on a desktop and in keyboard tabs on a phone,
the error summary's links reaching fields in either tab, the live word count, the photo's preview."""

import re

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from accounts.tests.factories import make_approved_reporter
from articles.tests.factories import make_section
from tests.e2e.conftest import DESKTOP
from tests.e2e.test_accessibility import AXE

pytestmark = pytest.mark.django_db(transaction=True)

CREATE = "/desk/stories/new/"


@pytest.fixture
def reporter_page(live_server, browser, viewport):
    """A logged-in approved reporter's page at the `viewport` size, failing on any script error."""
    make_section(name="Assam")
    reporter = make_approved_reporter(full_name="Chandana Saikia")
    client = Client()
    client.force_login(reporter.user)
    context = browser.new_context(viewport=viewport, locale="en-GB")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA findings on the page as it stands (the tabs, the error summary)."""
    if not AXE.exists():
        return []
    page.evaluate(AXE.read_text())  # evaluated by the browser's tools: the page's CSP does not apply
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    return [f"{v['id']}: {v['help']}" for v in result["violations"]]


def test_languages_are_columns_on_a_desktop_and_keyboard_tabs_on_a_phone(live_server, reporter_page, viewport):
    page = reporter_page
    page.goto(live_server.url + CREATE)
    english, assamese = page.locator("#story-language-en"), page.locator("#story-language-as")
    expect(page.locator(".ql-editor")).to_have_count(2)

    if viewport == DESKTOP:
        expect(page.get_by_role("tablist")).to_have_count(0)
        expect(english).to_be_visible()
        expect(assamese).to_be_visible()
        left, right = english.bounding_box(), assamese.bounding_box()
        assert left["x"] + left["width"] <= right["x"]  # side by side
        assert abs(left["y"] - right["y"]) < 1
    else:
        tabs = page.get_by_role("tab")
        expect(tabs).to_have_text(["English", "অসমীয়া"])
        expect(page.get_by_role("tabpanel")).to_have_count(1)
        expect(english).to_be_visible()
        expect(assamese).to_be_hidden()
        tabs.first.focus()
        page.keyboard.press("ArrowRight")
        expect(tabs.nth(1)).to_be_focused()
        expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
        expect(assamese).to_be_visible()
        expect(english).to_be_hidden()
        expect(page.get_by_role("tabpanel", name="অসমীয়া")).to_contain_text("Headline (Assamese)")
        page.keyboard.press("ArrowRight")  # round to the first tab again
        expect(tabs.first).to_be_focused()
        expect(english).to_be_visible()
        page.keyboard.press("End")
        expect(assamese).to_be_visible()

    # Sent with mistakes (a translation but no headline): the summary has the focus, and its links
    # reach the fields, in whichever tab.
    page.locator("#story-language-as .ql-editor").click()
    page.keyboard.type("নাওখন ৰাতি ন বজাত এৰিব।")
    page.get_by_role("button", name="Submit for review").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Headline: This field is required.",
            "Summary: Write a summary before you submit the story.",
            "Story: Write the story before you submit it.",
            "Section: This field is required.",
        ]
    )
    # What was typed is back in its editor, counted as the server counted it.
    expect(page.locator("#story-language-as .ql-editor")).to_have_text("নাওখন ৰাতি ন বজাত এৰিব।")
    expect(page.locator("#story-language-as .story-stats")).to_contain_text("Words: 5")
    if viewport != DESKTOP:
        page.get_by_role("tab", name="অসমীয়া").click()
        expect(english).to_be_hidden()
    summary.get_by_role("link", name=re.compile("^Headline")).click()
    expect(page.locator("#id_headline_en")).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Story")).click()
    expect(page.locator("#story-language-en .ql-editor")).to_be_focused()
    assert page.errors == []
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
def test_the_word_count_follows_the_typing_and_the_chosen_photo_shows_before_upload(
    live_server, reporter_page, tmp_path
):
    page = reporter_page
    page.goto(live_server.url + CREATE)
    english_stats = page.locator("#story-language-en .story-stats")
    expect(english_stats).to_contain_text("Words: 0")

    page.locator("#story-language-en .ql-editor").click()
    page.keyboard.type("The ferry leaves Nimati ghat at nine.")
    page.keyboard.press("Enter")
    page.keyboard.type("It comes back at dawn.")
    expect(english_stats).to_contain_text("Words: 12")
    expect(english_stats).to_contain_text("Reading time: 1 min")
    page.locator("#story-language-as .ql-editor").click()
    page.keyboard.type("নাওখন ৰাতি ন বজাত এৰিব।")
    expect(page.locator("#story-language-as .story-stats")).to_contain_text("Words: 5")
    page.keyboard.press("Backspace")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    expect(page.locator("#story-language-as .story-stats")).to_contain_text("Words: 0")

    photo = tmp_path / "ferry.png"
    Image.new("RGB", (640, 400), (30, 90, 160)).save(photo, format="PNG")
    preview = page.locator(".story-photo-preview")
    expect(preview).to_be_hidden()
    page.locator("#id_photo_alt_en").fill("A white ferry at a river landing.")
    page.get_by_label("Lead photo").set_input_files(str(photo))
    expect(preview).to_be_visible()
    image = preview.get_by_role("img", name="A white ferry at a river landing.")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 640
    page.get_by_label("Lead photo").set_input_files([])
    expect(preview).to_be_hidden()
    assert page.errors == []


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
def test_the_assamese_desk_counts_as_the_reporter_types_in_assamese_digits(live_server, reporter_page):
    page = reporter_page
    page.goto(live_server.url + "/as" + CREATE)
    stats = page.locator("#story-language-as .story-stats")
    expect(stats.locator(".story-stats-words")).to_have_text("০")
    page.locator("#story-language-as .ql-editor").click()
    page.keyboard.type("নাওখন ৰাতি ন বজাত এৰিব। নাওখন পুৱা উভতিব। ঘাটত মানুহৰ ভিৰ।")
    expect(stats.locator(".story-stats-words")).to_have_text("১১")
    expect(stats.locator(".story-stats-minutes")).to_have_text("১")
    assert page.errors == []
