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


# --- The reader's side: tags and sections, snippets, filters, suggestions ------------------------


def result_links(response):
    """The story addresses the results list links to, in order (parsed, not string-matched)."""
    from html.parser import HTMLParser

    class Results(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.links = 0, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "article" and "search-result" in (attrs.get("class") or ""):
                self.depth = 1
            elif self.depth and tag == "h2":
                self.depth = 2
            elif self.depth == 2 and tag == "a":
                self.links.append(attrs["href"])
                self.depth = 1

    parser = Results()
    parser.feed(response.content.decode())
    return parser.links


def test_a_search_finds_a_story_by_its_tag(client):
    from articles.tests.factories import make_tag

    floods = make_tag(name="Floods", slug="floods")
    tagged = make_article(headline="Majuli cut off again", body="<p>The island waits for boats.</p>", tags=[floods])
    make_article(headline="Tea prices rise")
    response = search(client, "floods")
    assert found(response) == ["Majuli cut off again"]
    assert result_links(response) == [tagged.get_absolute_url()]


def test_a_search_finds_a_story_by_its_section_in_either_language(client):
    from articles.tests.factories import make_section

    sports = make_section(name="Sports", slug="sports")
    sports.name_as = "খেল"
    sports.save()
    make_article(headline="Guwahati wins the final", section=sports)
    make_article(headline="Tea prices rise")
    assert found(search(client, "sports")) == ["Guwahati wins the final"]
    assert found(search(client, "খেল")) == ["Guwahati wins the final"]


def test_a_result_shows_its_photo_with_alt_text_its_section_and_date(client, photo_bytes):
    story = make_article(headline="Rhinos of Pobitora", photo=photo_bytes(640, 360), photo_alt="Two rhinos at dawn")
    html = search(client, "rhinos").content.decode()
    result = html.split('class="story-card search-result')[1].split("</article>")[0]
    assert 'alt="Two rhinos at dawn"' in result and "<picture>" in result
    assert f'href="{story.section.get_absolute_url()}">{story.section.name}</a>' in result
    assert "<time datetime=" in result


def test_the_snippet_shows_where_the_words_matched_highlighted_and_escaped(client):
    make_article(
        headline="Council meeting",
        summary="A long evening.",
        body="<p>" + "Opening remarks were made. " * 20 + "</p>"
        "<p>A member read out &lt;script&gt;alert(1)&lt;/script&gt; beside the rhinos &amp; the river.</p>"
        + "<p>"
        + "Closing remarks followed. " * 20
        + "</p>",
    )
    html = search(client, "rhinos").content.decode()
    snippet = html.split('class="search-snippet')[1].split("</p>")[0]
    assert "beside the <mark>rhinos</mark> &amp; the river" in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<script>" not in html.split("</head>")[1]
    assert snippet.count("Opening remarks") < 20 and "…" in snippet  # a piece around the match, not the body


def test_a_snippet_falls_back_to_the_summary_when_the_words_matched_elsewhere(client):
    from articles.tests.factories import make_tag

    make_article(headline="Island news", summary="Boats <b>carry</b> supplies.", tags=[make_tag(name="Floods")])
    snippet = search(client, "floods").content.decode().split('class="search-snippet')[1].split("</p>")[0]
    assert "Boats &lt;b&gt;carry&lt;/b&gt; supplies." in snippet


def test_results_can_be_narrowed_to_a_section_and_a_date_range(client):
    from datetime import timedelta

    from django.utils import timezone

    from articles.tests.factories import make_section

    now = timezone.now()
    assam, sports = make_section(name="Assam", slug="assam"), make_section(name="Sports", slug="sports")
    make_article(headline="Rhino census in Assam", section=assam, published_at=now - timedelta(days=40))
    make_article(headline="Rhino mascot for the games", section=sports, published_at=now - timedelta(days=2))
    make_article(headline="Rhino rescue in Assam", section=assam, published_at=now - timedelta(days=1))
    assert found(search(client, "rhino", section="assam")) == ["Rhino rescue in Assam", "Rhino census in Assam"]
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    assert found(search(client, "rhino", since=since)) == ["Rhino rescue in Assam", "Rhino mascot for the games"]
    until = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert found(search(client, "rhino", section="assam", until=until)) == ["Rhino census in Assam"]
    html = search(client, "rhino", section="assam", since=since).content.decode()
    assert '<option value="assam" selected>' in html and f'value="{since}"' in html


def test_a_wrong_filter_is_reported_and_left_out(client):
    make_article(headline="Rhino rescue")
    response = search(client, "rhino", section="no-such-section", since="yesterday")
    assert found(response) == ["Rhino rescue"]
    assert response.context["form"].errors.keys() == {"section", "since"}
    response = search(client, "rhino", since="2026-05-10", until="2026-05-01")
    assert "until" in response.context["form"].errors


def test_later_pages_of_a_filtered_search_keep_the_filters(client):
    from articles.tests.factories import make_section

    assam = make_section(name="Assam", slug="assam")
    for n in range(22):
        make_article(headline=f"Rhino story {n}", section=assam)
    make_article(headline="Rhino elsewhere")
    first = search(client, "rhino", section="assam", since="2020-01-01")
    assert 'href="?q=rhino&amp;section=assam&amp;since=2020-01-01&amp;page=2"' in first.content.decode()
    second = search(client, "rhino", section="assam", since="2020-01-01", page="2")
    assert len(found(second)) == 2 and "Rhino elsewhere" not in found(second)


def test_the_filters_work_without_javascript_as_a_plain_get_form(client):
    from articles.tests.factories import make_section

    make_section(name="Assam", slug="assam")
    html = search(client, "rhino").content.decode()
    form = html.split('<form role="search" method="get" action="/search/"')[1].split("</form>")[0]
    for control in ['name="q"', 'name="section"', 'name="since"', 'type="date"', 'name="until"', 'type="submit"']:
        assert control in form
    assert "<script" not in form


def test_an_empty_result_suggests_close_spellings_and_the_latest_stories(client):
    from articles.tests.factories import make_tag

    make_article(headline="Majuli cut off", tags=[make_tag(name="Floods", slug="floods")])
    make_article(headline="Brahmaputra rises at Dibrugarh")
    response = search(client, "flods")
    html = response.content.decode()
    assert found(response) == []
    assert "Floods" in response.context["suggestions"]
    assert 'href="/search/?q=Floods"' in html
    assert [a.headline for a in response.context["latest"]] == ["Brahmaputra rises at Dibrugarh", "Majuli cut off"]
    assert response.context["latest"][0].get_absolute_url() in html
    assert "Brahmaputra" in search(client, "brahmaptra").context["suggestions"]


def test_nothing_close_is_suggested_as_nothing(client):
    make_article(headline="Majuli cut off")
    response = search(client, "zzzqqq")
    assert response.context["suggestions"] == []
    assert "Did you mean" not in response.content.decode()


def test_search_pages_take_the_same_number_of_queries_for_few_and_many_results(
    client, django_assert_num_queries, newsroom
):
    from django.test.utils import CaptureQueriesContext

    built = newsroom(articles=2)
    for article in built["articles"]:
        Article.objects.filter(pk=article.pk).update(headline=f"Rhino {article.headline}")
    search(client, "rhino")  # the section navigation is cached from now on
    with CaptureQueriesContext(connection) as few:
        assert len(found(search(client, "rhino"))) == 2
    few_queries = len(few)  # now: the connection's query log is a ring that the set-up below overwrites
    more = newsroom(articles=15)
    for article in more["articles"]:
        Article.objects.filter(pk=article.pk).update(headline=f"Rhino {article.headline}")
    search(client, "rhino")  # new sections emptied the cached navigation
    with django_assert_num_queries(few_queries):
        assert len(found(search(client, "rhino"))) == 17
    with CaptureQueriesContext(connection) as empty_few:
        search(client, "rhinno")
    empty_queries = len(empty_few)
    newsroom(articles=10)
    search(client, "rhino")
    with django_assert_num_queries(empty_queries):
        assert search(client, "rhinno").context["suggestions"] == ["Rhino"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="candidate limit of PostgreSQL ranking")
def test_postgres_filters_choose_the_candidates_so_old_matches_are_found_by_date(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from articles.tests.factories import make_tag

    settings.SEARCH_MAX_RESULTS = 2
    now = timezone.now()
    floods = make_tag(name="Floods", slug="floods")
    for days, headline in [(1, "Floods news one"), (2, "Floods news two"), (300, "Floods news of last year")]:
        make_article(headline=headline, published_at=now - timedelta(days=days))
    make_article(headline="Tagged only, last year", tags=[floods], published_at=now - timedelta(days=301))
    until = (timezone.localdate() - timedelta(days=100)).isoformat()
    assert sorted(found(search(client, "floods", until=until))) == [
        "Floods news of last year",
        "Tagged only, last year",
    ]
