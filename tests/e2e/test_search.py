"""A reader searches, without JavaScript: narrows the results by section and date and pages through them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_filters_a_search_by_section_and_date_without_javascript(live_server, browser):
    now = timezone.now()
    assam, sports = make_section(name="Assam", slug="assam"), make_section(name="Sports", slug="sports")
    floods = make_tag(name="Floods", slug="floods")
    for n in range(22):
        make_article(
            headline=f"Majuli update {n}", section=assam, tags=[floods], published_at=now - timedelta(hours=n + 1)
        )
    make_article(headline="Old flood story", section=assam, tags=[floods], published_at=now - timedelta(days=90))
    make_article(headline="Flood relief match", section=sports, tags=[floods])
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(live_server.url + "/search/?q=floods")
        expect(page.get_by_role("link", name="Flood relief match")).to_be_visible()
        page.get_by_label("Section", exact=True).select_option("assam")
        page.get_by_label("Published from").fill((timezone.localdate() - timedelta(days=30)).isoformat())
        page.get_by_role("button", name="Search").click()
        expect(page.get_by_text("22 stories found")).to_be_visible()
        expect(page.get_by_role("link", name="Flood relief match")).to_have_count(0)
        expect(page.get_by_role("link", name="Old flood story")).to_have_count(0)
        page.get_by_role("link", name="Older").click()
        expect(page.get_by_role("link", name="Majuli update 21")).to_be_visible()
        assert "section=assam" in page.url and "since=" in page.url
        expect(page.get_by_label("Section", exact=True)).to_have_value("assam")
    finally:
        context.close()


def test_a_misspelt_search_offers_the_right_word(live_server, page):
    make_article(headline="Majuli cut off", tags=[make_tag(name="Floods", slug="floods")])
    page.goto(live_server.url + "/search/?q=flods")
    page.get_by_role("link", name="Floods").click()
    expect(page.get_by_role("link", name="Majuli cut off")).to_be_visible()
