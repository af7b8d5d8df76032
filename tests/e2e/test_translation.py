"""A reader switches a story from English to Assamese and back with the toggle by the headline."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from articles.tests.factories import make_article


@pytest.mark.django_db(transaction=True)
def test_reader_switches_a_story_to_assamese_and_back(live_server, page):
    article = make_article(
        headline="New bridge opens in Guwahati",
        body="<p>The new bridge over the Brahmaputra opened to the public today.</p>",
        headline_as="গুৱাহাটীত নতুন দলং মুকলি",
        body_as="<p>ব্ৰহ্মপুত্ৰৰ ওপৰত নিৰ্মিত নতুন দলংখন আজি ৰাইজৰ বাবে মুকলি কৰা হয়।</p>",
    )
    with translation.override("en"):
        english_path = article.get_absolute_url()

    page.goto(live_server.url + english_path)
    assert page.locator("h1").inner_text() == "New bridge opens in Guwahati"
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("link", name="অসমীয়াত পঢ়ক").click()
    page.wait_for_url(re.compile(r"/as/news/"))
    assert page.url == f"{live_server.url}/as{english_path}"
    assert page.locator("html").get_attribute("lang") == "as"
    assert page.locator("h1").inner_text() == "গুৱাহাটীত নতুন দলং মুকলি"
    assert "ব্ৰহ্মপুত্ৰৰ ওপৰত নিৰ্মিত নতুন দলংখন" in page.locator(".story-body").inner_text()

    page.get_by_role("link", name="Read in English").click()
    page.wait_for_url(re.compile(r"^(?!.*/as/).*/news/"))
    assert page.url == live_server.url + english_path
    assert page.locator("h1").inner_text() == "New bridge opens in Guwahati"


@pytest.mark.django_db(transaction=True)
def test_assamese_reader_of_an_untranslated_story_reads_the_original_with_a_notice(live_server, page):
    article = make_article(headline="Tea auction opens", body="<p>Prices were steady.</p>")
    with translation.override("as"):
        assamese_path = article.get_absolute_url()

    response = page.goto(live_server.url + assamese_path)
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Tea auction opens"
    assert page.locator(".story-body").get_attribute("lang") == "en"
    expect(page.locator(".translation-notice")).to_be_visible()
    assert "অনুবাদ" in page.locator(".translation-notice").inner_text()
