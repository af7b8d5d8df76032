import pytest
from django.db import connection

from articles.models import Article
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def found(response):
    return [a.headline for a in response.context["object_list"]]


def test_search_finds_words_in_headline_summary_and_body(client):
    make_article(headline="Kaziranga rhinos counted")
    make_article(headline="Census results", summary="Rhinos are thriving in the park.")
    make_article(headline="Wildlife report", body="<p>The rhinos of Pobitora are doing well.</p>")
    make_article(headline="Tea prices rise")
    assert sorted(found(search(client, "rhinos"))) == ["Census results", "Kaziranga rhinos counted", "Wildlife report"]


def test_search_finds_assamese_words_in_the_assamese_text(client):
    make_article(headline="Flood in Majuli", headline_as="মাজুলীত বানপানী", body_as="<p>ব্ৰহ্মপুত্ৰৰ পানী বাঢ়িছে।</p>")
    make_article(headline="Cricket", headline_as="ক্ৰিকেট")
    assert found(search(client, "বানপানী")) == ["Flood in Majuli"]
    assert found(search(client, "ব্ৰহ্মপুত্ৰৰ")) == ["Flood in Majuli"]


def test_search_never_shows_drafts_or_scheduled_stories(client):
    from datetime import timedelta

    from django.utils import timezone

    make_article(headline="Secret budget draft", published=False)
    make_article(
        headline="Secret budget tonight",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=1),
    )
    make_article(headline="Public budget story")
    assert found(search(client, "budget")) == ["Public budget story"]


def test_search_highlights_the_words_found_and_escapes_everything_else(client):
    make_article(headline="<b>Bold</b> claims about rhinos", summary="Rhinos & elephants <script>x</script>")
    html = search(client, "rhinos").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; claims about <mark>rhinos</mark>" in html
    assert "<mark>Rhinos</mark> &amp; elephants" in html
    assert "<script>x</script>" not in html


def test_a_hostile_query_is_escaped_in_the_page(client):
    make_article(headline="Nothing to see")
    html = search(client, '"><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_5000_character_query_is_a_proper_page(client):
    make_article(headline="Rhinos everywhere")
    response = search(client, "rhinos " + "x" * 5000)
    html = response.content.decode()
    assert "only its first 200 characters were used" in html
    assert len(response.context["query"]) <= 200


def test_an_empty_search_shows_the_form_only(client):
    make_article()
    response = search(client, "   ")
    assert found(response) == []
    assert 'name="q"' in response.content.decode()


def test_search_results_are_paginated_and_bad_pages_are_handled(client):
    for n in range(25):
        make_article(headline=f"Rhino story {n}")
    first = search(client, "rhino")
    assert len(found(first)) == 20 and "25 stories found" in first.content.decode()
    assert 'href="?q=rhino&amp;page=2"' in first.content.decode()
    assert len(found(search(client, "rhino", page="2"))) == 5
    assert len(found(search(client, "rhino", page="abc"))) == 20
    assert client.get("/search/", {"q": "rhino", "page": "999999"}).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search")
def test_postgres_ranks_headline_matches_above_body_matches(client):
    make_article(headline="Budget speech", body="<p>The rhino census was mentioned once.</p>")
    make_article(headline="Rhino census finds more rhinos", summary="The rhino count rises.")
    assert found(search(client, "rhino census")) == ["Rhino census finds more rhinos", "Budget speech"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL websearch syntax")
def test_postgres_search_syntax_never_breaks_the_page(client):
    make_article(headline="Rhinos")
    for query in ["rhinos & | ! (", "-", '"unbalanced', "OR OR", "a:b*"]:
        search(client, query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search document is PostgreSQL's")
def test_postgres_search_document_follows_every_change_even_bulk_ones(client):
    story = make_article(headline="Quiet day")
    assert found(search(client, "চাহ")) == []
    Article.objects.filter(pk=story.pk).update(body_as="<p>চাহ বাগিচাৰ খবৰ</p>")  # no save(), no signal
    assert found(search(client, "চাহ")) == ["Quiet day"]
    Article.objects.bulk_create(
        [
            Article(
                headline="Bulk rhino story",
                slug="bulk-rhino",
                section=story.section,
                status="published",
                published_at=story.published_at,
            )
        ]
    )
    assert found(search(client, "rhino")) == ["Bulk rhino story"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="candidate limit of PostgreSQL ranking")
def test_postgres_search_ranks_only_the_newest_matches_so_common_words_stay_fast(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.SEARCH_MAX_RESULTS = 2
    now = timezone.now()
    for days, headline in [(1, "Flood news one"), (2, "Flood news two"), (30, "Flood news old")]:
        make_article(headline=headline, published_at=now - timedelta(days=days))
    html = client.get("/search/?q=flood").content.decode()
    assert "news one" in html and "news two" in html
    assert "news old" not in html
