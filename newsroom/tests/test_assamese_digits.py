"""Assamese digits for readers of the Assamese site; Latin digits for machines, and on the English site."""

import json
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from articles.comments.models import Comment
from articles.tests.factories import make_article, make_reporter, make_section
from newsroom.shared.numerals import in_local_digits

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
PUBLISHED = datetime(2026, 12, 1, 12, 10, tzinfo=IST)
LATIN = re.compile(r"[0-9]")
ASSAMESE_DIGIT = re.compile(r"[০-৯]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ReaderText(HTMLParser):
    """The words a reader reads on a page: not attributes, scripts or styles, nor phone numbers
    (dialled as written, and their tel: links need Latin digits anyway)."""

    def __init__(self):
        super().__init__()
        self.open, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        hidden = any(
            tag in ("script", "style") or (tag == "a" and (attrs.get("href") or "").startswith("tel:"))
            for tag, attrs in self.open
        )
        if not hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def reader_text(response):
    assert response.status_code == 200
    parser = ReaderText()
    parser.feed(response.content.decode())
    return parser.texts


def with_latin_digits(texts):
    return [text for text in texts if LATIN.search(text)]


@pytest.fixture
def site():
    """21 stories in a section (two pages of it), translated, by a reporter; one with comments."""
    section = make_section(name="Assam", name_as="অসম", slug="assam")
    reporter = make_reporter(full_name="Anjali Baruah", name_as="অঞ্জলি বৰুৱা")
    stories = [
        make_article(
            headline=f"Ferry service resumes at ghat {chr(65 + n)}",
            headline_as="নিমাতি ঘাটত পুনৰ ফেৰী সেৱা",
            summary="Boats run again.",
            summary_as="নাও পুনৰ চলিছে।",
            body="<p>" + "water " * 450 + "</p>",
            body_as="<p>" + "পানী " * 450 + "</p>",
            section=section,
            authors=[reporter],
            published_at=PUBLISHED - timedelta(hours=n),
        )
        for n in range(21)
    ]
    for n in range(12):
        Comment.objects.create(
            article=stories[0],
            name="Reader",
            email="reader@example.com",
            body=f"Good {'!' * n}",
            status=Comment.Status.APPROVED,
        )
    return {"section": section, "reporter": reporter, "story": stories[0]}


def test_a_number_keeps_its_value_and_prints_in_assamese_digits():
    number = in_local_digits(2026, "as")
    assert number == 2026 and number + 1 == 2027
    assert str(number) == "২০২৬"
    assert in_local_digits("1 December 2026, 12:10 PM", "as") == "১ December ২০২৬, ১২:১০ PM"
    assert str(in_local_digits(2026, "en")) == "2026"


def test_blocktranslate_still_chooses_the_plural_from_a_number_in_assamese_digits():
    template = Template(
        "{% load i18n site_tags %}{% blocktranslate count counter=n|local_digits %}"
        "{{ counter }} comment{% plural %}{{ counter }} comments{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert [template.render(Context({"n": n})) for n in (1, 12)] == ["1 comment", "12 comments"]
    with translation.override("as"):
        shown = [template.render(Context({"n": n})) for n in (1, 12)]
    assert "১" in shown[0] and "১২" in shown[1]
    assert not LATIN.search("".join(shown))


@pytest.mark.parametrize(
    "path",
    [
        "/as/",
        "STORY",
        "/as/section/assam/",
        "/as/section/assam/?page=2",
        "/as/archive/2026/12/01/",
        "/as/archive/2026/12/",
        "/as/archive/2026/",
        "/as/search/?q=ঘাট",
        "REPORTER",
    ],
)
def test_assamese_pages_show_readers_no_latin_digit(client, site, path):
    path = {
        "STORY": f"/as{site['story'].get_absolute_url()}",
        "REPORTER": f"/as{site['reporter'].get_absolute_url()}",
    }.get(path, path)
    texts = reader_text(client.get(path))
    assert with_latin_digits(texts) == []
    assert any(ASSAMESE_DIGIT.search(text) for text in texts)


def pagination_text(html):
    """The words of the page's first pagination (stories; comments have their own)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.split('<ul class="pagination')[1].split("</ul>")[0]).split()[1:])


def test_an_assamese_story_writes_its_date_comments_and_reading_time_in_assamese_and_its_data_in_latin(client, site):
    story = site["story"]
    html = client.get(f"/as{story.get_absolute_url()}").content.decode()
    with translation.override("as"):
        shown = in_local_digits(date_format(PUBLISHED, "DATETIME_FORMAT"))
    assert f'<time datetime="2026-12-01T12:10:00+0530">{shown} ' in html
    assert "১২" in html.split('id="comments-heading"')[1].split("</h2>")[0]  # 12 comments
    assert "৩" in html.split('class="story-dates')[1].split("</p>")[0]  # 3 min read
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert datetime.fromisoformat(data["datePublished"]) == PUBLISHED
    assert re.search(r'property="article:published_time" content="2026-12-01T\d\d:\d\d:00[+:\d]+"', html)


def test_assamese_page_numbers_are_in_assamese_digits_and_their_links_in_latin(client, site):
    html = client.get("/as/section/assam/").content.decode()
    pages = pagination_text(html)
    assert "১" in pages and "২" in pages and not LATIN.search(pages)
    assert 'href="?page=2"' in html
    second = client.get("/as/section/assam/?page=2").content.decode()
    assert 'href="?page=1"' in second
    assert re.search(r'<link rel="canonical" href="[^"]+\?page=2">', second)


def test_assamese_feeds_keep_machine_dates(client, site):
    feed = client.get("/as/feeds/rss/").content.decode()
    assert "<pubDate>Tue, 01 Dec 2026 06:40:00 +0000</pubDate>" in feed
    atom = client.get("/as/feeds/atom/").content.decode()
    assert "<published>2026-12-01T06:40:00+00:00</published>" in atom
    assert not ASSAMESE_DIGIT.search(feed + atom)


@pytest.mark.parametrize("path", ["/", "STORY", "/section/assam/", "/archive/2026/12/01/"])
def test_english_pages_keep_latin_digits(client, site, path):
    path = {"STORY": site["story"].get_absolute_url()}.get(path, path)
    html = client.get(path).content.decode()
    assert not ASSAMESE_DIGIT.search(html.split("<footer")[0])  # the footer's Assamese address aside: none shown
    assert "1 December 2026" in html


def test_english_page_numbers_stay_as_they_were(client, site):
    assert pagination_text(client.get("/section/assam/").content.decode()) == "Page 1 of 2 Older"


def test_the_assamese_error_page_writes_its_code_in_assamese_digits(client):
    assert (
        '<p class="display-4 fw-bold text-secondary mb-2">৪০৪</p>' in client.get("/as/no-such-page/").content.decode()
    )
    assert '<p class="display-4 fw-bold text-secondary mb-2">404</p>' in client.get("/no-such-page/").content.decode()
