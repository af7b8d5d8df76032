from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Reporter
from articles.models import Article
from articles.tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db


def test_only_published_stories_whose_time_has_come_are_public():
    now = timezone.now()
    out = make_article(headline="Out now", published_at=now - timedelta(minutes=1))
    due = make_article(
        headline="Scheduled, due", status=Article.Status.SCHEDULED, published_at=now - timedelta(seconds=5)
    )
    make_article(
        headline="Scheduled for tonight", status=Article.Status.SCHEDULED, published_at=now + timedelta(hours=6)
    )
    make_article(headline="Future-dated", status=Article.Status.PUBLISHED, published_at=now + timedelta(hours=1))
    for status in (Article.Status.DRAFT, Article.Status.SUBMITTED, Article.Status.RETURNED, Article.Status.REJECTED):
        make_article(headline=f"A {status} story", status=status, published_at=now - timedelta(days=1))

    assert set(Article.objects.published()) == {out, due}
    assert [a.headline for a in Article.objects.upcoming()] == ["Future-dated", "Scheduled for tonight"]


def test_a_published_story_needs_a_publication_date():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(headline="No date", section=make_section(), status=Article.Status.PUBLISHED)


def test_hostile_story_bodies_are_sanitised_in_every_language():
    hostile = (
        '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:alert(2)">click</a>'
        '<img src="x.jpg" onerror="alert(3)" alt="x"></p><iframe src="https://evil.example"></iframe>'
        '<h2 style="color:red">Heading</h2><blockquote>Quote</blockquote><ul><li><strong>ok</strong></li></ul>'
    )
    article = make_article(body_en=hostile, body_as=hostile.replace("Hello", "নমস্কাৰ"))
    article.refresh_from_db()
    for body in (article.body_en, article.body_as):
        assert "<script" not in body and "alert(1)" not in body
        assert "onclick" not in body and "onerror" not in body
        assert "javascript:" not in body
        assert "<iframe" not in body and "style=" not in body
        assert "<h2>Heading</h2>" in body and "<blockquote>Quote</blockquote>" in body
        assert "<strong>ok</strong>" in body
    assert "নমস্কাৰ" in article.body_as


@pytest.mark.parametrize(
    "hostile",
    [
        '<blockquote cite="javascript:alert(1)">Quote</blockquote>',
        '<blockquote cite="java&#9;script:alert(1)">Quote</blockquote>',
        '<blockquote cite=" JavaScript:alert(1)">Quote</blockquote>',
        '<p><a href="data:text/html;base64,PHNjcmlwdD4=">link</a><img src="data:image/svg+xml,x" alt="x"></p>',
        '<p><a href="vbscript:msgbox(1)">link</a></p>',
    ],
)
def test_every_address_in_a_story_body_is_http_https_or_mailto(hostile):
    body = make_article(body_en=hostile).body_en
    for scheme in ("javascript", "script:", "data:", "vbscript"):
        assert scheme not in body.lower()
    assert "Quote" in body or "link" in body


def test_plain_text_typed_without_the_editor_keeps_its_paragraphs():
    # Without JavaScript the body is a plain box: a reporter types paragraphs, not HTML.
    body = make_article(body_en="The ferry left at nine.\r\n\r\nIt came back at ten & <b>late</b>").body_en
    assert body.startswith("<p>The ferry left at nine.</p>")
    assert "<p>It came back at ten &amp; <b>late</b></p>" in body


def test_plain_text_with_angle_brackets_is_kept_as_text():
    assert make_article(body_en="Prices: 3 < 5 and 7 > 2").body_en == "<p>Prices: 3 &lt; 5 and 7 &gt; 2</p>"


def test_ordinary_links_and_quotes_with_sources_are_kept():
    body = make_article(
        body_en='<blockquote cite="https://assam.gov.in/notice">Quote</blockquote>'
        '<p><a href="/news/floods/">earlier</a> <a href="mailto:desk@example.com">write</a></p>'
    ).body_en
    assert 'cite="https://assam.gov.in/notice"' in body
    assert 'href="/news/floods/"' in body and 'href="mailto:desk@example.com"' in body


def test_slug_is_made_from_an_assamese_headline_and_kept_unique():
    first = make_article(headline="গুৱাহাটীত বানপানী")
    second = make_article(headline="গুৱাহাটীত বানপানী")
    assert first.slug.startswith("গুৱাহাটীত")
    assert second.slug == f"{first.slug}-2"
    assert first.slug == "গুৱাহাটীত-বানপানী"  # vowel signs kept: the slug still reads as the words
    assert first.get_absolute_url() == "/news/" + quote(first.slug) + "/"


def test_a_story_with_an_assamese_slug_opens_at_its_address(client):
    article = make_article(headline="মাজুলীত ৰাস উৎসৱ")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "মাজুলীত ৰাস উৎসৱ" in response.content.decode()


def test_reading_time_counts_words_by_whitespace_in_any_language():
    article = make_article(body_en="<p>" + "word " * 401 + "</p>")
    assert article.reading_time() == 3
    assert article.reading_time("<p>" + "অসমীয়া " * 150 + "</p>") == 1
    assert article.reading_time("অসমীয়া " * 650) == 4
    assert article.reading_time("") == 1


def test_updated_is_shown_only_when_the_story_changed_well_after_publication():
    article = make_article()
    Article.objects.filter(pk=article.pk).update(updated_at=article.published_at + timedelta(minutes=3))
    article.refresh_from_db()
    assert not article.was_updated
    Article.objects.filter(pk=article.pk).update(updated_at=article.published_at + timedelta(hours=2))
    article.refresh_from_db()
    assert article.was_updated


def test_latest_per_section_gives_each_section_its_newest_stories():
    now = timezone.now()
    a, b = make_section(), make_section()
    a_stories = [make_article(section=a, published_at=now - timedelta(hours=h)) for h in range(1, 7)]
    b_stories = [make_article(section=b, published_at=now - timedelta(hours=h)) for h in range(1, 3)]
    rows = list(Article.objects.published().latest_per_section([a, b], per_section=4))
    assert [r for r in rows if r.section_id == a.pk] == a_stories[:4]
    assert [r for r in rows if r.section_id == b.pk] == b_stories


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_home_section_blocks_read_a_few_rows_per_section_not_every_recent_story():
    sections = [make_section(), make_section()]
    for section in sections:
        for _ in range(6):
            make_article(section=section)
    plan = Article.objects.published().latest_per_section(sections, per_section=4).explain()
    assert "WindowAgg" not in plan
    assert plan.count("Limit") >= len(sections)
    assert len(Article.objects.published().latest_per_section(sections, per_section=4)) == 8


def test_most_read_ranks_by_views_within_the_last_days():
    now = timezone.now()
    popular = make_article(view_count=500, published_at=now - timedelta(days=1))
    quiet = make_article(view_count=5, published_at=now - timedelta(days=2))
    make_article(view_count=9000, published_at=now - timedelta(days=30))
    assert list(Article.objects.published().most_read(days=7)) == [popular, quiet]


def test_related_stories_share_a_section_or_a_tag():
    floods = make_tag(name="Floods")
    story = make_article(tags=[floods])
    same_section = make_article(section=story.section)
    same_tag = make_article(tags=[floods])
    make_article()  # unrelated
    related = set(Article.objects.published().related_to(story))
    assert related == {same_section, same_tag}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_related_stories_check_tags_story_by_story_not_by_hashing_every_tagged_story():
    """The newest stories are read in order and each is checked for a shared tag by index; a hash of
    every story with a common tag (thousands in a real archive) is never built."""
    floods = make_tag(name="Floods")
    story = make_article(tags=[floods])
    for _ in range(3):
        make_article(tags=[floods])
    plan = Article.objects.published().related_to(story).explain()
    assert "SubPlan" in plan
    assert "hashed SubPlan" not in plan
    assert len(Article.objects.published().related_to(story)) == 3


def test_public_story_queries_leave_the_search_document_in_the_database():
    story = make_article()
    fetched = Article.objects.published().get(pk=story.pk)
    assert "search_document" in fetched.get_deferred_fields()


def test_reporter_public_page_url():
    from articles.tests.factories import make_reporter

    reporter = make_reporter(full_name="Anjali Baruah")
    assert reporter.get_absolute_url() == "/reporters/anjali-baruah/"
    assert reporter.status == Reporter.Status.APPROVED
