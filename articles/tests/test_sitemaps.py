import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Reporter
from articles import sitemaps
from articles.tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def urls_of(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return {url.findtext(f"{SM}loc"): url for url in root.findall(f"{SM}url")}


def sitemaps_in_index(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{SM}sitemapindex"
    return [entry.findtext(f"{SM}loc") for entry in root.findall(f"{SM}sitemap")]


def all_sitemap_urls(client):
    """Every <url> a search engine finds by following /sitemap.xml (an index) to its sitemaps."""
    urls = {}
    for location in sitemaps_in_index(client):
        found = urls_of(client.get(location.removeprefix("http://testserver")))
        assert not set(found) & set(urls), "two sitemap pages list the same address"
        urls.update(found)
    return urls


def test_sitemap_lists_sections_stories_and_reporters_in_every_language_with_alternates(client):
    reporter = make_reporter(full_name="Dhruba Kalita")
    make_reporter(full_name="Pending Person", status=Reporter.Status.PENDING)
    section = make_section(slug="assam")
    article = make_article(
        section=section,
        authors=[reporter],
        headline="Tea prices rise",
        headline_as="চাহৰ দাম বৃদ্ধি",
        body_as="<p>চাহৰ দাম বাঢ়িল।</p>",
    )
    make_article(headline="Secret draft", published=False)

    urls = all_sitemap_urls(client)
    base = "http://testserver"
    for path in ["/section/assam/", article.get_absolute_url(), "/reporters/dhruba-kalita/"]:
        assert base + path in urls and base + "/as" + path in urls
    assert not any("secret-draft" in u or "pending-person" in u for u in urls)

    entry = urls[base + article.get_absolute_url()]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert alternates == {
        "en": base + article.get_absolute_url(),
        "as": base + "/as" + article.get_absolute_url(),
        "x-default": base + article.get_absolute_url(),
    }
    lastmod = entry.findtext(f"{SM}lastmod")
    assert lastmod[:10] == timezone.localtime(article.updated_at).date().isoformat(), lastmod
    assert urls[base + "/section/assam/"].findtext(f"{SM}lastmod")


def test_news_sitemap_holds_the_last_two_days_with_publication_and_language(client, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "name": "Test Gazette"}
    now = timezone.now()
    fresh = make_article(headline="Fresh & new", headline_as="নতুন খবৰ", published_at=now - timedelta(hours=3))
    make_article(headline="Last week", published_at=now - timedelta(days=3))
    make_article(headline="Draft", published=False)

    response = client.get("/news-sitemap.xml")
    assert response.headers["Content-Type"].startswith("application/xml")
    urls = urls_of(response)
    english = urls["http://testserver" + fresh.get_absolute_url()]
    news = english.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Test Gazette"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    assert news.findtext(f"{NEWS}publication_date").startswith(
        timezone.localtime(fresh.published_at).date().isoformat()
    )
    assamese = urls["http://testserver/as" + fresh.get_absolute_url()].find(f"{NEWS}news")
    assert assamese.findtext(f"{NEWS}publication/{NEWS}language") == "as"
    assert assamese.findtext(f"{NEWS}title") == "নতুন খবৰ"
    assert len(urls) == 2


def test_news_sitemap_stops_at_its_limit(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_SITEMAP_LIMIT", 3)
    for _ in range(5):
        make_article()
    assert len(urls_of(client.get("/news-sitemap.xml"))) == 3


def test_a_large_archive_is_split_into_sitemap_pages_the_index_names(client, monkeypatch):
    monkeypatch.setattr(sitemaps.TranslatedSitemap, "limit", 3)
    section = make_section(slug="assam")
    stories = [
        make_article(section=section, headline=f"Story {n}", headline_as=f"খবৰ {n}", body_as="<p>খবৰ</p>")
        for n in range(4)
    ]
    english_only = make_article(section=section, headline="Only in English")
    listed = sitemaps_in_index(client)
    assert "http://testserver/sitemap-stories.xml?p=3" in listed  # 9 addresses, 3 a page
    assert "http://testserver/sitemap-stories.xml?p=4" not in listed
    urls = all_sitemap_urls(client)
    base = "http://testserver"
    for story in stories:
        assert base + story.get_absolute_url() in urls and base + "/as" + story.get_absolute_url() in urls
    assert base + english_only.get_absolute_url() in urls
    assert base + "/as" + english_only.get_absolute_url() not in urls
    assert client.get("/sitemap-stories.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_sitemaps_are_outside_the_language_prefix(client):
    assert client.get("/as/sitemap.xml").status_code == 404
    assert client.get("/as/robots.txt").status_code == 404


def test_sitemaps_are_cached_and_refreshed_when_a_story_is_published(client):
    make_article(headline="First story")
    assert client.get("/sitemap.xml").headers["X-Page-Cache"] == "miss"
    assert client.get("/sitemap.xml").headers["X-Page-Cache"] == "hit"
    assert client.get("/news-sitemap.xml").headers["X-Page-Cache"] == "miss"
    second = make_article(headline="Second story")
    assert "http://testserver" + second.get_absolute_url() in all_sitemap_urls(client)
    assert "http://testserver" + second.get_absolute_url() in urls_of(client.get("/news-sitemap.xml"))
