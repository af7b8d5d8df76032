"""A reader's journey through the public site: home → section → story, on a phone and a desktop,
with and without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.tests.factories import make_article, make_reporter, make_section, make_tag
from conftest import make_photo_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def build_site():
    reporter = make_reporter(full_name="Anjali Baruah", photo=make_photo_bytes(300, 300), bio="Reports from Guwahati.")
    assam = make_section(name="Assam", slug="assam", order=1)
    make_section(name="Sports", slug="sports", order=2)
    floods = make_tag(name="Floods", slug="floods")
    now = timezone.now()
    story = make_article(
        headline="Flood waters recede in Majuli",
        summary="Relief camps begin to close.",
        body="<p>The water is going down.</p><h2>What next</h2><p>Embankments will be repaired.</p>",
        section=assam,
        authors=[reporter],
        tags=[floods],
        photo=make_photo_bytes(1200, 675),
        photo_caption="Boats on the river.",
        photo_alt="Boats tied up on the Brahmaputra",
        published_at=now - timedelta(hours=1),
        is_featured=True,
    )
    for n in range(3):
        make_article(headline=f"Assam story {n}", section=assam, published_at=now - timedelta(hours=n + 2))
    return story


def read_the_story(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("#lead-heading").inner_text() == "Flood waters recede in Majuli"
    page.locator(".section-nav").get_by_role("link", name="Assam", exact=True).click()
    assert page.url.endswith("/section/assam/")
    assert page.locator("h1").inner_text() == "Assam"
    page.locator("main").get_by_role("link", name="Flood waters recede in Majuli").click()
    assert page.url.endswith("/news/flood-waters-recede-in-majuli/")
    assert page.locator("h1").inner_text() == "Flood waters recede in Majuli"
    photo = page.locator("figure.story-photo img")
    assert photo.get_attribute("alt") == "Boats tied up on the Brahmaputra"
    photo.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    expect(page.get_by_text("Boats on the river.")).to_be_visible()
    assert page.get_by_role("link", name="WhatsApp").get_attribute("href").startswith("https://wa.me/?text=")
    page.locator(".story-tags").get_by_role("link", name="Floods").click()
    assert "Stories about Floods" in page.locator("h1").inner_text()
    page.go_back()
    page.locator(".byline").get_by_role("link", name="Anjali Baruah").click()
    assert page.locator("h1").inner_text() == "Anjali Baruah"
    expect(page.get_by_text("Reports from Guwahati.")).to_be_visible()


def test_reader_goes_from_home_to_a_section_to_a_story(live_server, page):
    build_site()
    read_the_story(page, live_server.url)
    # nothing wider than the screen, on a phone too
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_journey_works_without_javascript(live_server, browser):
    build_site()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        read_the_story(page, live_server.url)
        page.goto(live_server.url + "/search/?q=majuli")
        expect(page.get_by_role("link", name="Flood waters recede in Majuli")).to_be_visible()
    finally:
        context.close()


def test_copy_link_copies_the_address_with_javascript(live_server, browser):
    story = build_site()
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(live_server.url + story.get_absolute_url())
        page.get_by_role("link", name="Copy link").click()
        page.get_by_role("link", name="Link copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == live_server.url + story.get_absolute_url()
        assert page.url.endswith(story.get_absolute_url())
    finally:
        context.close()
