import gzip
import io
import itertools
import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Reporter
from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_section, make_tag

pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


# --- Home ------------------------------------------------------------------------------------


def test_home_shows_lead_top_latest_section_blocks_and_most_read(client):
    now = timezone.now()
    assam = make_section(name="Assam", slug="assam")
    sports = make_section(name="Sports", slug="sports")
    lead = make_article(
        headline="Lead: bridge opens", section=assam, is_featured=True, published_at=now - timedelta(hours=5)
    )
    stories = [
        make_article(headline=f"Sports story {n}", section=sports, published_at=now - timedelta(hours=n), view_count=n)
        for n in range(1, 7)
    ]
    popular = make_article(
        headline="Everybody read this", section=assam, view_count=999, published_at=now - timedelta(days=2)
    )

    html = html_of(client.get("/"))
    lead_block = html.split('aria-labelledby="lead-heading"')[1].split("</section>")[0]
    assert "Lead: bridge opens" in lead_block
    top_block = html.split('aria-labelledby="top-heading"')[1].split("</section>")[0]
    assert "Sports story 1" in top_block and "Sports story 4" in top_block and "Sports story 5" not in top_block
    latest_block = html.split('aria-labelledby="latest-heading"')[1].split("</section>")[0]
    assert "Sports story 5" in latest_block and "Lead: bridge opens" not in latest_block
    sports_block = html.split(f'aria-labelledby="section-{sports.pk}-heading"')[1].split("</section>")[0]
    assert [s.headline in sports_block for s in stories] == [True] * 4 + [False] * 2
    assert 'href="/section/sports/"' in sports_block
    most_read = html.split('aria-labelledby="most-read-heading"')[1].split("</section>")[0]
    assert most_read.index("Everybody read this") < most_read.index("Sports story 6")
    assert popular.get_absolute_url() in most_read and lead.get_absolute_url() in html
    assert (
        f'href="/archive/{now.year}/"' in latest_block
        or f'href="/archive/{timezone.localtime(now).year}/"' in latest_block
    )


def test_home_without_stories_says_so(client):
    assert "No stories have been published yet." in html_of(client.get("/"))


def test_home_never_shows_drafts_or_future_stories(client):
    make_article(headline="Secret draft", published=False)
    make_article(
        headline="Tonight at six", status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=3)
    )
    html = html_of(client.get("/"))
    assert "Secret draft" not in html and "Tonight at six" not in html


# --- Section and tag pages -----------------------------------------------------------------------


def test_section_page_lists_its_stories_newest_first_and_paginates(client):
    section = make_section(name="Business", slug="business", description="Tea and trade.")
    other = make_article(headline="Elsewhere")
    now = timezone.now()
    for n in range(25):
        make_article(headline=f"Business story {n:02d}", section=section, published_at=now - timedelta(hours=n + 1))

    html = html_of(client.get("/section/business/"))
    assert "Tea and trade." in html
    headlines = re.findall(r"Business story (\d\d)", html)
    assert headlines == [f"{n:02d}" for n in range(20)]
    assert other.headline not in html
    assert "Page 1 of 2" in html and 'href="?page=2"' in html
    page_two = html_of(client.get("/section/business/?page=2"))
    assert re.findall(r"Business story (\d\d)", page_two) == [f"{n:02d}" for n in range(20, 25)]
    assert 'href="/section/business/rss/"' in html


@pytest.mark.parametrize("url", ["/section/business/", "/tag/floods/"])
def test_bad_page_numbers_give_a_page_or_a_404_never_a_500(client, url):
    section = make_section(slug="business")
    floods = make_tag(slug="floods")
    make_article(section=section, tags=[floods], headline="Only story")
    assert "Only story" in html_of(client.get(url + "?page=abc"))
    assert client.get(url + "?page=999999").status_code == 404
    assert client.get(url + "?page=-1").status_code in (200, 404)
    assert client.get(url + "?page=" + "9" * 400).status_code == 404


@pytest.mark.parametrize("url", ["/section/nowhere/", "/tag/nothing/", "/news/no-such-story/", "/reporters/nobody/"])
def test_unknown_addresses_are_404(client, url):
    assert client.get(url).status_code == 404


def test_tag_page_lists_tagged_stories(client):
    floods = make_tag(name="Floods", slug="floods")
    tagged = make_article(headline="Water rises in Majuli", tags=[floods])
    make_article(headline="Untagged story")
    html = html_of(client.get("/tag/floods/"))
    assert "Stories about Floods" in html and tagged.headline in html and "Untagged story" not in html


# --- Story page ------------------------------------------------------------------------------------


@pytest.fixture
def story(photo_bytes):
    reporter = make_reporter(full_name="Anjali Baruah", photo=photo_bytes(300, 300))
    suspended = make_reporter(full_name="Farhan Ahmed", status=Reporter.Status.SUSPENDED)
    section = make_section(name="Assam", slug="assam")
    floods = make_tag(name="Floods", slug="floods")
    published_at = timezone.now() - timedelta(hours=3)
    article = make_article(
        headline="Flood waters recede in Majuli",
        summary="Relief camps begin to close.",
        body="<p>" + "water " * 450 + "</p><h2>Next</h2><p>More.</p>",
        section=section,
        authors=[reporter, suspended],
        tags=[floods],
        published_at=published_at,
        photo=photo_bytes(1600, 900),
        photo_caption="Boats on the river.",
        photo_credit="Newsroom photo desk",
        photo_alt="Boats tied up on the Brahmaputra",
        correction="An earlier version misspelt the island's name.",
    )
    Article.objects.filter(pk=article.pk).update(updated_at=published_at + timedelta(hours=1))
    article.refresh_from_db()
    return article


def test_story_page_shows_everything_a_reader_needs(client, story):
    related = make_article(headline="Embankment repaired", section=story.section)
    html = html_of(client.get(story.get_absolute_url()))
    # breadcrumbs
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/"' in crumbs and 'href="/section/assam/"' in crumbs
    assert "<h1" in html and "Flood waters recede in Majuli" in html and "Relief camps begin to close." in html
    # byline: the approved reporter links to their page with their photo; a suspended one does not link
    byline = html.split('class="byline d-flex')[1].split("</div>")[0]
    assert 'href="/reporters/anjali-baruah/"' in byline and "<picture>" in byline
    assert 'loading="lazy"' not in byline  # at the top of the page: no lazy loading
    assert "Farhan Ahmed" in byline and "/reporters/farhan-ahmed/" not in byline
    # dates in Asia/Kolkata
    published = timezone.localtime(story.published_at)
    updated = timezone.localtime(story.updated_at)
    shown = "%-d %B %Y, %-I:%M %p"
    assert f'Published: <time datetime="{published:%Y-%m-%dT%H:%M:%S+0530}">{published:{shown}} IST' in html
    assert f'Updated On: <time datetime="{updated:%Y-%m-%dT%H:%M:%S+0530}">{updated:{shown}} IST' in html
    assert "An earlier version misspelt the island&#x27;s name." in html
    assert "Boats on the river." in html and "Photo: Newsroom photo desk" in html
    assert 'alt="Boats tied up on the Brahmaputra"' in html
    assert "<h2>Next</h2>" in html
    assert "3 min read" in html
    assert 'href="/tag/floods/"' in html
    assert related.headline in html.split('aria-labelledby="related-heading"')[1]
    share = html.split('aria-labelledby="share-heading"')[1].split("</section>")[0]
    url = "http%3A%2F%2Ftestserver%2Fnews%2Fflood-waters-recede-in-majuli%2F"
    assert f"https://wa.me/?text=Flood%20waters%20recede%20in%20Majuli%20{url}" in share
    assert f"https://www.facebook.com/sharer/sharer.php?u={url}" in share
    assert f"https://x.com/intent/post?url={url}" in share
    assert f"mailto:?subject=Flood%20waters%20recede%20in%20Majuli&amp;body={url}" in share
    assert 'class="share-button copy-link" href="http://testserver/news/flood-waters-recede-in-majuli/"' in share
    assert "<script src=" not in share and "onclick" not in html


def test_story_page_has_the_slots_for_translations_and_comments(client, story):
    response = client.get(story.get_absolute_url())
    used = [t.name for t in response.templates]
    assert "articles/includes/translation_toggle.html" in used
    assert "comments/section.html" in used
    assert response.context["article"] == story


def test_a_story_page_stands_without_comments_when_the_project_puts_none_under_it(client, story, settings):
    settings.STORY_PAGE_SECTIONS = []
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "comments/section.html" not in [t.name for t in response.templates]
    assert 'id="comments"' not in response.content.decode() and story.headline in response.content.decode()


def test_updated_is_not_shown_for_a_story_untouched_since_publication(client, story):
    Article.objects.filter(pk=story.pk).update(updated_at=story.published_at + timedelta(minutes=2))
    html = html_of(client.get(story.get_absolute_url()))
    assert "Published:" in html and "Updated On" not in html


def test_story_page_head_has_canonical_hreflang_description_social_cards_and_json_ld(client, story):
    # hreflang="as" is listed only for a story written in Assamese (articles/tests/test_translations.py).
    Article.objects.filter(pk=story.pk).update(headline_as="মাজুলীত বানপানী হ্ৰাস", body_as="<p>পানী কমিছে।</p>")
    html = html_of(client.get(story.get_absolute_url()))
    head = html.split("</head>")[0]
    url = "http://testserver/news/flood-waters-recede-in-majuli/"
    assert f'<link rel="canonical" href="{url}">' in head
    assert f'<link rel="alternate" hreflang="en" href="{url}">' in head
    assert (
        '<link rel="alternate" hreflang="as" href="http://testserver/as/news/flood-waters-recede-in-majuli/">' in head
    )
    assert f'<link rel="alternate" hreflang="x-default" href="{url}">' in head
    assert '<meta name="description" content="Relief camps begin to close.">' in head
    assert '<meta property="og:title" content="Flood waters recede in Majuli">' in head
    assert '<meta property="og:image" content="http://testserver/media/' in head
    assert '<meta property="og:image:width" content="1600">' in head
    assert '<meta name="twitter:card" content="summary_large_image">' in head
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Flood waters recede in Majuli"
    assert data["image"][0].startswith("http://testserver/media/articles/")
    assert data["datePublished"] == story.published_at.isoformat()
    assert data["dateModified"] == story.updated_at.isoformat()
    assert data["author"][0] == {
        "@type": "Person",
        "name": "Anjali Baruah",
        "url": "http://testserver/reporters/anjali-baruah/",
    }
    assert data["author"][1] == {"@type": "Person", "name": "Farhan Ahmed"}


def test_json_ld_cannot_be_broken_out_of_by_a_headline(client):
    article = make_article(headline="</script><script>alert(1)</script>", summary="x & y")
    html = html_of(client.get(article.get_absolute_url()))
    assert "<script>alert(1)" not in html
    blob = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(blob)["headline"] == "</script><script>alert(1)</script>"


def test_drafts_and_scheduled_stories_are_not_found_until_their_time(client):
    draft = make_article(published=False)
    scheduled = make_article(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def beacon_of(client, story, **meta):
    """The view-count beacon the story page carries: its src, as a reader's browser finds it."""
    html = html_of(client.get(story.get_absolute_url(), **meta))
    return re.search(r'<img src="(/v/[^"]+\.gif)" alt="" width="1" height="1">', html).group(1)


def test_the_story_page_carries_a_beacon_that_counts_each_reader_also_when_the_page_comes_from_the_cache(
    client, story, settings
):
    settings.VIEW_COUNT_BATCH = 1
    beacon = beacon_of(client, story)
    assert beacon == f"/v/{story.slug}.gif"
    for n in range(3):
        page = client.get(story.get_absolute_url(), REMOTE_ADDR=f"203.0.113.{n}")
        assert page.headers["X-Page-Cache"] == "hit"
        assert beacon in page.content.decode()
        client.get(beacon, REMOTE_ADDR=f"203.0.113.{n}")
    story.refresh_from_db()
    assert story.view_count == 3


def test_the_page_itself_counts_nothing_so_a_reader_behind_a_cache_is_counted_once(client, story, settings):
    settings.VIEW_COUNT_BATCH = 1
    for n in range(3):
        client.get(story.get_absolute_url(), REMOTE_ADDR=f"203.0.113.{n}")
    story.refresh_from_db()
    assert story.view_count == 0


def test_the_beacon_is_a_gif_no_cache_keeps_and_the_same_in_every_language(client, story):
    from PIL import Image

    response = client.get(f"/v/{story.slug}.gif")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (1, 1)
    assert not response.cookies
    # The Assamese page counts through the same address, which nginx answers (deploy/nginx/).
    assert beacon_of(client, story) == beacon_of(client, story, HTTP_ACCEPT_LANGUAGE="as") == f"/v/{story.slug}.gif"
    assert f'src="/v/{story.slug}.gif"' in html_of(client.get(f"/as{story.get_absolute_url()}"))


def test_the_beacon_of_an_unpublished_or_unknown_story_counts_nothing(client, settings):
    settings.VIEW_COUNT_BATCH = 1
    draft = make_article(published=False)
    for path in (f"/v/{draft.slug}.gif", "/v/no-such-story.gif"):
        response = client.get(path)
        assert (response.status_code, response["Content-Type"]) == (200, "image/gif")
    draft.refresh_from_db()
    assert draft.view_count == 0
    assert cache.get("articles:views:no-such-story") is None


def test_a_head_request_of_the_beacon_is_nobody_reading(client, story, settings):
    settings.VIEW_COUNT_BATCH = 1
    assert client.head(f"/v/{story.slug}.gif").status_code == 200
    story.refresh_from_db()
    assert story.view_count == 0


def test_one_reader_counts_once_an_hour_however_often_they_load_the_story(client, story, settings):
    settings.VIEW_COUNT_BATCH = 1
    beacon = beacon_of(client, story)
    for _ in range(100):
        client.get(beacon, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Phone A")
    client.get(beacon, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Phone B")  # same carrier
    story.refresh_from_db()
    assert story.view_count == 2

    # An hour later the same reader counts again: the marker of their last view has expired.
    from django.test import RequestFactory

    from articles.caching import reader_key

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Phone A")
    cache.delete(f"articles:viewed:{story.slug}:{reader_key(request)}")
    client.get(beacon, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Phone A")
    story.refresh_from_db()
    assert story.view_count == 3


def test_views_are_written_to_the_database_in_batches_so_cached_pages_and_beacons_cost_no_write(
    client, story, settings, django_assert_num_queries
):
    settings.VIEW_COUNT_BATCH = 5
    beacon = beacon_of(client, story)
    client.get(beacon, REMOTE_ADDR="203.0.113.1")
    with django_assert_num_queries(0):
        for n in range(3):
            page = client.get(story.get_absolute_url(), REMOTE_ADDR=f"203.0.113.{n + 2}")
            assert page.headers["X-Page-Cache"] == "hit"
    with CaptureQueriesContext(connection) as queries:
        for n in range(3):
            client.get(beacon, REMOTE_ADDR=f"203.0.113.{n + 2}")
    assert len(queries) == 3
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)  # is it published?
    story.refresh_from_db()
    assert story.view_count == 0
    client.get(beacon, REMOTE_ADDR="203.0.113.5")
    story.refresh_from_db()
    assert story.view_count == 5


# --- Reporter page ----------------------------------------------------------------------------------


def test_reporter_page_shows_photo_name_bio_and_their_published_stories(client, photo_bytes):
    reporter = make_reporter(full_name="Bikash Gogoi", photo=photo_bytes(200, 200), bio="Reports from Dibrugarh.")
    theirs = make_article(headline="Tea auction prices climb", authors=[reporter])
    make_article(headline="Their draft", authors=[reporter], published=False)
    make_article(headline="Someone else's story")
    html = html_of(client.get(reporter.get_absolute_url()))
    assert "<h1" in html and "Bikash Gogoi" in html and "Reports from Dibrugarh." in html
    assert "<picture>" in html and 'width="96" height="96"' in html
    assert theirs.headline in html and "Their draft" not in html and "Someone else" not in html


def test_reporter_page_names_the_district_in_the_readers_language_and_not_other(client):
    from accounts.districts import District

    dibrugarh = make_reporter(full_name="Bikash Gogoi", district=District.DIBRUGARH)
    abroad = make_reporter(full_name="Farhan Ahmed", district=District.OTHER)

    assert "Dibrugarh" in client.get(dibrugarh.get_absolute_url()).content.decode()
    assert "ডিব্ৰুগড়" in client.get("/as" + dibrugarh.get_absolute_url()).content.decode()
    assert "Other" not in client.get(abroad.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", [Reporter.Status.PENDING, Reporter.Status.REJECTED, Reporter.Status.SUSPENDED])
def test_reporters_not_approved_have_no_public_page(client, status):
    reporter = make_reporter(status=status)
    assert client.get(reporter.get_absolute_url()).status_code == 404


def test_reporter_page_paginates(client):
    reporter = make_reporter()
    for _ in range(21):
        make_article(authors=[reporter])
    assert "Page 1 of 2" in html_of(client.get(reporter.get_absolute_url()))
    assert client.get(reporter.get_absolute_url() + "?page=3").status_code == 404


# --- Archive -----------------------------------------------------------------------------------------


def test_archive_by_year_month_and_day(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    kolkata = ZoneInfo("Asia/Kolkata")
    early = make_article(headline="Bihu begins", published_at=datetime(2025, 4, 14, 0, 30, tzinfo=kolkata))
    later = make_article(headline="Monsoon arrives", published_at=datetime(2025, 6, 2, 9, 0, tzinfo=kolkata))
    make_article(headline="Last year", published_at=datetime(2024, 12, 31, 23, 0, tzinfo=kolkata))

    year = html_of(client.get(reverse("articles:archive-year", kwargs={"year": 2025})))
    assert early.headline in year and later.headline in year and "Last year" not in year
    assert 'href="/archive/2025/4/"' in year and 'href="/archive/2025/6/"' in year
    month = html_of(client.get("/archive/2025/04/"))
    assert early.headline in month and later.headline not in month
    # 00:30 in Guwahati on 14 April is still 13 April in UTC: the archive uses Indian days.
    day = html_of(client.get("/archive/2025/04/14/"))
    assert early.headline in day
    assert "Bihu begins" not in html_of(client.get("/archive/2025/04/13/"))


@pytest.mark.parametrize("url", ["/archive/2025/13/", "/archive/2025/02/30/", "/archive/99999/", "/archive/2025/00/"])
def test_impossible_archive_dates_are_404(client, url):
    assert client.get(url).status_code == 404


# --- Query counts: fixed, whatever the amount of content ------------------------------------------


def _pages(data):
    article = data["articles"][1]
    reporter = data["reporters"][0]
    year = timezone.localtime(article.published_at).year
    return {
        "home": "/",
        "section": data["sections"][0].get_absolute_url(),
        "tag": data["tags"][0].get_absolute_url(),
        "story": article.get_absolute_url(),
        "reporter": reporter.get_absolute_url(),
        "search": "/search/?q=story",
        "archive": f"/archive/{year}/",
        "rss": "/feeds/rss/",
        "section-atom": data["sections"][0].get_absolute_url() + "atom/",
        "sitemap": "/sitemap.xml",
        "sitemap-stories": "/sitemap-stories.xml",
        "sitemap-reporters": "/sitemap-reporters.xml",
        "news-sitemap": "/news-sitemap.xml",
    }


SITE_WIDE = {"sitemap", "sitemap-stories", "sitemap-reporters", "news-sitemap"}


def _count_queries(client, url):
    cache.clear()  # cold cache: measure the real work
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("prefix", ["", "/as"], ids=["english", "assamese"])
def test_every_public_page_runs_a_fixed_number_of_queries(client, newsroom, prefix, django_assert_num_queries):
    def pages(data):
        return {name: (url if name in SITE_WIDE else prefix + url) for name, url in _pages(data).items()}

    small = pages(newsroom(articles=3, sections=2))
    small_counts = {name: _count_queries(client, url) for name, url in small.items()}
    assert max(small_counts.values()) <= 12, small_counts
    large = pages(newsroom(articles=40, sections=6, authors_per_story=3, tags_per_story=3))
    for name, url in large.items():
        cache.clear()
        with django_assert_num_queries(small_counts[name]):
            assert client.get(url).status_code == 200, url


def test_story_page_query_count_with_django_assert_num_queries(client, newsroom, django_assert_num_queries):
    small = newsroom(articles=3)
    cache.clear()
    with CaptureQueriesContext(connection) as baseline:
        client.get(small["articles"][0].get_absolute_url())
    large = newsroom(articles=40, authors_per_story=4, tags_per_story=4)
    cache.clear()
    with django_assert_num_queries(len(baseline)):
        client.get(large["articles"][5].get_absolute_url())


# --- Page weight -------------------------------------------------------------------------------------


class _AssetLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in {"stylesheet", "preload"}:
            self.assets.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])


def _gzip_size(data):
    return len(gzip.compress(data, compresslevel=6))


def test_no_page_ships_more_than_100_kb_of_html_css_js_and_fonts_compressed(client, newsroom):
    data = newsroom(articles=30, sections=8)
    pages = _pages(data)
    for name, prefix in itertools.product(
        ("home", "section", "tag", "story", "reporter", "search", "archive"), ("", "/as")
    ):
        response = client.get(prefix + pages[name])
        html = response.content
        parser = _AssetLinks()
        parser.feed(html.decode())
        assert any("newsroom.css" in href for href in parser.assets)
        assert any(".woff2" in href for href in parser.assets)
        total = _gzip_size(html)
        for href in parser.assets:
            path = Path(settings.BASE_DIR) / "static" / href.removeprefix(settings.STATIC_URL).removeprefix("/static/")
            assert path.exists(), href
            total += _gzip_size(path.read_bytes())
        assert total <= 100 * 1024, f"{prefix}{name}: {total} bytes"


def test_pages_load_no_bootstrap_javascript_and_no_inline_script_or_style(client, story):
    for url in ["/", story.get_absolute_url(), story.section.get_absolute_url()]:
        html = html_of(client.get(url))
        assert "bootstrap.bundle" not in html and "bootstrap.min.js" not in html
        assert ' style="' not in html
        for script in re.findall(r"<script([^>]*)>", html):
            assert 'src="' in script or 'type="application/ld+json"' in script


def test_paginated_pages_name_themselves_as_canonical(client):
    section = make_section(slug="sports")
    for _ in range(21):
        make_article(section=section)
    first = html_of(client.get("/section/sports/?page=abc"))
    assert '<link rel="canonical" href="http://testserver/section/sports/">' in first
    second = html_of(client.get("/section/sports/?page=2"))
    assert '<link rel="canonical" href="http://testserver/section/sports/?page=2">' in second


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
OPTIONAL_END = {"p", "li", "option", "dt", "dd", "tr", "td", "th", "thead", "tbody"}


class _Structure(HTMLParser):
    """Balanced elements, unique ids, alt text on every image, a label for every input."""

    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.problems, self.labels, self.inputs = [], set(), [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.problems.append(f"duplicate id {attrs['id']}")
            self.ids.add(attrs["id"])
        if tag == "img" and "alt" not in attrs:
            self.problems.append(f"img without alt: {attrs.get('src')}")
        if tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])
        if tag == "input" and attrs.get("type") not in ("hidden", "submit"):
            self.inputs.append(attrs.get("id"))
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> with {self.stack[-3:]} open")
            return
        self.stack.pop()


def test_reading_pages_are_well_formed_and_accessible(client, story, photo_bytes):
    make_article(section=story.section, tags=list(story.tags.all()), photo=photo_bytes(800, 450))
    year = timezone.localtime(story.published_at).year
    reporter = story.authors.filter(status=Reporter.Status.APPROVED).first()
    urls = ["/", "/section/assam/", "/tag/floods/", story.get_absolute_url(), reporter.get_absolute_url()]
    urls += ["/search/?q=water", f"/archive/{year}/", "/search/"]
    for url in urls:
        parser = _Structure()
        parser.feed(html_of(client.get(url)))
        leftover = [tag for tag in parser.stack if tag not in OPTIONAL_END]
        assert not parser.problems and not leftover, (url, parser.problems, leftover)
        assert all(input_id in parser.labels for input_id in parser.inputs), (url, parser.inputs)
