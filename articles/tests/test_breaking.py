"""The breaking-news strip: on every page, in the reader's language, through the real page cache."""

import re
import time
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles import services
from articles.caching import content_version, page_timeout
from articles.models import Article
from articles.tests.factories import make_article, make_section, make_user
from tests.browser_forms import submission

pytestmark = pytest.mark.django_db


class _Strip(HTMLParser):
    """The links of the page's breaking-news region: [(href, lang, text)], or None without a strip."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = None
        self.label = None
        self._depth = 0
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._depth:
            self._depth += tag not in {"br", "img"}
            if tag == "a":
                self._link = [attrs.get("href"), attrs.get("lang"), ""]
        elif tag == "section" and "breaking-strip" in (attrs.get("class") or ""):
            self._depth = 1
            self.links = []
            self.label = attrs.get("aria-labelledby")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if tag == "a" and self._link:
                self.links.append(tuple(self._link))
                self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[2] += data


def strip_of(response):
    assert response.status_code == 200
    reader = _Strip()
    reader.feed(response.content.decode())
    return reader.links


def headlines_in_strip(response):
    return [text.strip() for _href, _lang, text in strip_of(response) or []]


@pytest.fixture
def breaking(db):
    section = make_section(slug="assam")
    make_article(section=section, headline="An ordinary story")
    story = make_article(
        section=section,
        headline="Embankment breached near Majuli",
        breaking_until=timezone.now() + timedelta(hours=2),
    )
    story.headline_as = "মাজুলীৰ ওচৰত মথাউৰি ভাঙিল"
    story.body_as = "<p>মথাউৰি ভাঙিছে।</p>"
    story.save()
    return story


def pages_of(story):
    """The story, home and section pages, at their English addresses (prefix "/as" for Assamese)."""
    with translation.override("en"):
        return [story.get_absolute_url(), reverse("articles:home"), story.section.get_absolute_url()]


def test_a_breaking_story_is_in_the_strip_of_every_page_in_the_readers_language(client, breaking):
    story_url = breaking.get_absolute_url()
    for url in pages_of(breaking):
        [(href, lang, text)] = strip_of(client.get(url))
        assert (href, lang, text) == (story_url, "en", "Embankment breached near Majuli"), url
        assert "An ordinary story" not in text
        # The same page again is the page cache's copy, strip and all.
        again = client.get(url)
        assert again.headers["X-Page-Cache"] == "hit" and headlines_in_strip(again) == [text]
    for url in pages_of(breaking):
        [(href, lang, text)] = strip_of(client.get(f"/as{url}"))
        assert (href, lang, text) == (f"/as{story_url}", "as", "মাজুলীৰ ওচৰত মথাউৰি ভাঙিল"), url


def test_the_strip_is_a_labelled_region_and_plain_html(client, breaking):
    html = client.get("/").content.decode()
    reader = _Strip()
    reader.feed(html)
    assert reader.label == "breaking-label"
    assert 'id="breaking-label"' in html and ">Breaking news<" in html
    strip = html[html.index('<section class="breaking-strip') :]
    assert "<script" not in strip[: strip.index("</section>")]


def test_an_untranslated_breaking_story_shows_its_english_headline_on_the_assamese_site(client):
    make_article(headline="Only in English", breaking_until=timezone.now() + timedelta(hours=1))
    [(_href, lang, text)] = strip_of(client.get("/as/"))
    assert (lang, text) == ("en", "Only in English")


def test_no_strip_without_a_breaking_story(client):
    make_article(headline="Quiet day")
    make_article(headline="Was breaking yesterday", breaking_until=timezone.now() - timedelta(hours=20))
    assert strip_of(client.get("/")) is None


def test_an_unpublished_story_is_never_in_the_strip(client):
    soon = timezone.now() + timedelta(hours=1)
    make_article(headline="A draft marked breaking", published=False, breaking_until=soon)
    make_article(
        headline="Scheduled and marked",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(minutes=30),
        breaking_until=soon,
    )
    make_article(headline="Withdrawn and marked", status=Article.Status.WITHDRAWN, breaking_until=soon)
    for url in ("/", "/as/"):
        assert strip_of(client.get(url)) is None


def test_the_strip_leaves_the_cached_pages_when_the_mark_is_removed(client, breaking):
    for url in pages_of(breaking):
        client.get(url)
        assert client.get(url).headers["X-Page-Cache"] == "hit"
    breaking.breaking_until = None
    breaking.save()
    for url in pages_of(breaking):
        assert strip_of(client.get(url)) is None, url
        assert strip_of(client.get(f"/as{url}")) is None, url


def test_the_strip_leaves_every_page_when_the_story_is_withdrawn(client, breaking):
    editor = make_user(is_staff=True, is_superuser=True)
    for url in pages_of(breaking):
        assert headlines_in_strip(client.get(url)) == ["Embankment breached near Majuli"]
    services.withdraw_article(article=breaking, actor=editor, note="Legal demand.", notify=False)
    assert client.get(breaking.get_absolute_url()).status_code == 404
    for url in pages_of(breaking)[1:]:
        assert strip_of(client.get(url)) is None, url


def test_a_cached_page_lives_no_longer_than_the_first_mark_in_its_strip(client, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    make_article(headline="Later", breaking_until=timezone.now() + timedelta(minutes=30))
    make_article(headline="Sooner", breaking_until=timezone.now() + timedelta(seconds=90))
    assert 85 <= page_timeout(content_version()) <= 90
    response = client.get("/")
    assert headlines_in_strip(response) == ["Sooner", "Later"]
    max_age = dict(part.split("=") for part in response.headers["Cache-Control"].split(", ") if "=" in part)
    assert int(max_age["max-age"]) == 60 and int(max_age["s-maxage"]) <= settings.EDGE_CACHE_SECONDS


def test_the_strip_expires_on_time_from_cached_pages_without_anybody_touching_anything(client, breaking):
    # Long enough for three pages to be made and cached on a busy machine before the mark runs out.
    expires = timezone.now() + timedelta(seconds=6)
    Article.objects.filter(pk=breaking.pk).update(breaking_until=expires)
    make_article(headline="Still breaking", breaking_until=timezone.now() + timedelta(hours=1))  # bumps the version
    version = content_version()
    for url in pages_of(breaking):
        assert "Embankment breached near Majuli" in headlines_in_strip(client.get(url))
        cached = client.get(url)
        assert cached.headers["X-Page-Cache"] == "hit"
        assert re.search(r"\bmax-age=[0-6]\b", cached.headers["Cache-Control"]), cached.headers["Cache-Control"]
    time.sleep(max(0, (expires - timezone.now()).total_seconds()) + 0.1)
    for url in pages_of(breaking):
        assert headlines_in_strip(client.get(url)) == ["Still breaking"], url
    assert content_version() == version  # nobody bumped it: the pages and the strip simply expired


def test_the_strip_costs_no_query_on_a_warm_page_and_one_at_most_on_a_cold_one(
    client, breaking, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(url):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    with_strip = queries_for("/")
    Article.objects.filter(pk=breaking.pk).update(breaking_until=None)
    without_strip = queries_for("/")
    assert with_strip == without_strip  # the strip's query runs either way, once per content version
    for n in range(5):
        make_article(headline=f"Also breaking {n}", breaking_until=timezone.now() + timedelta(hours=1))
    assert queries_for("/") == with_strip


# --- The admin ----------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_an_editor_marks_a_story_with_a_photo_as_breaking_and_the_photo_stays(editor_client, photo_bytes):
    story = make_article(headline="Bridge closed after crack found", photo=photo_bytes(64, 48))
    photo_name = story.lead_photo.name
    url = reverse("admin:articles_article_change", args=[story.pk])
    page = editor_client.get(url).content.decode()
    assert 'name="breaking_until_0"' in page and 'name="breaking_until_1"' in page

    untouched = submission(page, form_id="article_form").post_data(button="_continue")
    assert editor_client.post(url, untouched).status_code == 302
    story.refresh_from_db()
    assert story.breaking_until is None and story.lead_photo.name == photo_name

    until = timezone.localtime() + timedelta(hours=3)
    marked = submission(editor_client.get(url).content.decode(), form_id="article_form").post_data(button="_save")
    marked["breaking_until_0"] = [until.strftime("%Y-%m-%d")]
    marked["breaking_until_1"] = [until.strftime("%H:%M:%S")]
    assert editor_client.post(url, marked).status_code == 302
    story.refresh_from_db()
    assert abs((story.breaking_until - until).total_seconds()) < 1
    assert story.lead_photo.name == photo_name and story.lead_photo_width == 64

    editor_client.logout()
    assert headlines_in_strip(editor_client.get("/")) == ["Bridge closed after crack found"]


def test_an_editor_removes_the_mark_and_the_strip_goes(editor_client, breaking):
    url = reverse("admin:articles_article_change", args=[breaking.pk])
    data = submission(editor_client.get(url).content.decode(), form_id="article_form").post_data(button="_save")
    assert data["breaking_until_0"] != [""]
    data["breaking_until_0"] = [""]
    data["breaking_until_1"] = [""]
    assert editor_client.post(url, data).status_code == 302
    breaking.refresh_from_db()
    assert breaking.breaking_until is None
    editor_client.logout()
    assert strip_of(editor_client.get("/")) is None


def test_the_story_list_shows_and_filters_breaking_stories(editor_client, breaking):
    make_article(headline="Was breaking last week", breaking_until=timezone.now() - timedelta(days=7))
    url = reverse("admin:articles_article_changelist")
    html = editor_client.get(url).content.decode()
    assert "column-in_breaking_strip" in html and "By breaking news" in html
    now = editor_client.get(url, {"breaking": "now"}).content.decode()
    assert "Embankment breached near Majuli" in now and "Was breaking last week" not in now
    expired = editor_client.get(url, {"breaking": "expired"}).content.decode()
    assert "Was breaking last week" in expired and "Embankment breached" not in expired
    never = editor_client.get(url, {"breaking": "never"}).content.decode()
    assert "An ordinary story" in never and "Embankment breached" not in never


def test_a_reporter_reads_the_strip_on_the_site_but_not_on_their_work_pages(client, breaking):
    from articles.tests.factories import make_reporter

    client.force_login(make_reporter().user)
    assert headlines_in_strip(client.get("/")) == ["Embankment breached near Majuli"]
    for url in (reverse("articles:desk"), reverse("articles:story-create")):
        assert strip_of(client.get(url)) is None, url
