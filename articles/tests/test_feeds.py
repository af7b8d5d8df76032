import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response, content_type):
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)  # noqa: S314 - our own output; raises on invalid XML


def test_site_rss_feed_lists_published_stories_newest_first_with_photo_enclosures(client, photo_bytes):
    now = timezone.now()
    reporter = make_reporter(full_name="Chandana Saikia")
    older = make_article(headline="Older story", published_at=now - timedelta(hours=5), authors=[reporter])
    newer = make_article(headline="Newer & better", published_at=now - timedelta(hours=1), photo=photo_bytes(800, 450))
    make_article(headline="Draft story", published=False)
    make_article(headline="Tomorrow", status=Article.Status.SCHEDULED, published_at=now + timedelta(days=1))

    channel = parse(client.get("/feeds/rss/"), "application/rss+xml").find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer & better", "Older story"]
    assert items[0].findtext("link") == "http://testserver" + newer.get_absolute_url()
    enclosure = items[0].find("enclosure")
    assert enclosure.get("type") == "image/jpeg"
    assert enclosure.get("url").startswith("http://testserver/media/articles/")
    assert int(enclosure.get("length")) == newer.lead_photo.size
    assert items[1].find("enclosure") is None
    assert "Chandana Saikia" in ET.tostring(items[1], encoding="unicode")
    assert older.section.name in [c.text for c in items[1].findall("category")]


def test_site_atom_feed_is_valid_atom_with_enclosures(client, photo_bytes):
    make_article(headline="Atom story", photo=photo_bytes(640, 360))
    feed = parse(client.get("/feeds/atom/"), "application/atom+xml")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Atom story"]
    enclosure = [link for link in entries[0].findall(f"{ATOM}link") if link.get("rel") == "enclosure"]
    assert enclosure and enclosure[0].get("type") == "image/jpeg"


def test_section_feeds_hold_only_that_sections_stories(client):
    sports = make_section(name="Sports", slug="sports")
    make_article(headline="Goal!", section=sports)
    make_article(headline="Budget passed")
    rss = parse(client.get(reverse("articles:section-feed-rss", kwargs={"slug": "sports"})), "application/rss+xml")
    assert [i.findtext("title") for i in rss.find("channel").findall("item")] == ["Goal!"]
    assert "Sports" in rss.find("channel").findtext("title")
    atom = parse(client.get("/section/sports/atom/"), "application/atom+xml")
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["Goal!"]


def test_feed_of_an_unknown_section_is_404(client):
    assert client.get("/section/nowhere/rss/").status_code == 404


def test_each_language_has_its_own_feed_address():
    with translation.override("as"):
        assert reverse("articles:feed-rss") == "/as/feeds/rss/"
        assert reverse("articles:section-feed-atom", kwargs={"slug": "sports"}) == "/as/section/sports/atom/"
    assert reverse("articles:feed-rss") == "/feeds/rss/"


def test_pages_advertise_their_feeds(client):
    section = make_section(slug="sports")
    html = client.get("/section/sports/").content.decode()
    head = html.split("</head>")[0]
    assert 'type="application/rss+xml"' in head and 'href="/feeds/rss/"' in head
    assert f'href="/section/{section.slug}/atom/"' in head


def test_feeds_are_cached_and_refreshed_when_a_story_is_published(client):
    make_article(headline="First")
    assert client.get("/feeds/rss/").headers["X-Page-Cache"] == "miss"
    assert client.get("/feeds/rss/").headers["X-Page-Cache"] == "hit"
    make_article(headline="Second")
    titles = [i.findtext("title") for i in parse(client.get("/feeds/rss/"), "application/rss+xml").iter("item")]
    assert titles == ["Second", "First"]
    assert client.get("/feeds/rss/").headers["Content-Type"].startswith("application/rss+xml")
