import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from articles.caching import CONTENT_VERSION_KEY, bump_content_version, content_version, page_timeout
from articles.models import Article
from articles.tests.factories import make_article, make_section, make_tag, make_user

pytestmark = pytest.mark.django_db


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    make_article(headline="Cached story")
    first = client.get("/")
    assert first.headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_anonymous_pages_are_public_with_short_max_age_etag_and_last_modified(client):
    make_article()
    response = client.get("/")
    assert "public" in response.headers["Cache-Control"] and "max-age=60" in response.headers["Cache-Control"]
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Last-Modified"]
    assert "Cookie" in response.headers["Vary"]


def test_conditional_requests_get_304_not_modified(client):
    article = make_article()
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url()]:
        first = client.get(url)
        etag = first.headers["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        later = http_date(time.time() + 60)
        assert client.get(url, headers={"if-modified-since": later}).status_code == 304
        assert client.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_a_changed_page_answers_the_old_etag_with_the_new_page(client):
    article = make_article(headline="Before")
    etag = client.get(article.get_absolute_url()).headers["ETag"]
    article.headline = "After"
    article.save()
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200 and "After" in response.content.decode()


def test_publishing_a_story_refreshes_the_cached_pages_at_once(client):
    section = make_section(slug="assam")
    make_article(section=section, headline="Old news")
    assert "Old news" in client.get("/").content.decode()
    assert client.get("/section/assam/").headers["X-Page-Cache"] == "miss"
    draft = make_article(section=section, headline="Breaking: bridge opens", published=False)
    assert "Breaking" not in client.get("/").content.decode()

    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()

    assert "Breaking: bridge opens" in client.get("/").content.decode()
    assert "Breaking: bridge opens" in client.get("/section/assam/").content.decode()


def test_editing_and_unpublishing_a_story_refresh_its_page_and_the_lists(client):
    article = make_article(headline="First headline")
    client.get(article.get_absolute_url())
    article.headline = "Corrected headline"
    article.save()
    assert "Corrected headline" in client.get(article.get_absolute_url()).content.decode()

    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Corrected headline" not in client.get("/").content.decode()


def test_tagging_a_story_and_renaming_a_section_refresh_the_pages(client):
    article = make_article()
    tag = make_tag(name="Floods", slug="floods")
    assert article.headline not in client.get("/tag/floods/").content.decode()
    article.tags.add(tag)
    assert article.headline in client.get("/tag/floods/").content.decode()

    client.get("/")
    article.section.name = "Renamed section"
    article.section.save()
    assert "Renamed section" in client.get("/").content.decode()


def test_counting_views_does_not_empty_the_cache(client):
    article = make_article()
    client.get("/")
    version = content_version()
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    assert content_version() == version
    assert client.get("/").headers["X-Page-Cache"] == "hit"


def test_bump_content_version_makes_every_cached_page_stale(client):
    make_article()
    client.get("/")
    bump_content_version()
    assert client.get("/").headers["X-Page-Cache"] == "miss"


def test_logged_in_readers_always_get_a_fresh_private_page(client):
    article = make_article(headline="Original")
    client.get(article.get_absolute_url())  # now cached for anonymous readers
    Article.objects.filter(pk=article.pk).update(headline_en="Changed quietly", headline="Changed quietly")
    client.force_login(make_user())
    response = client.get(article.get_absolute_url())
    assert "Changed quietly" in response.content.decode()
    assert "X-Page-Cache" not in response.headers
    assert "private" in response.headers["Cache-Control"] and "no-cache" in response.headers["Cache-Control"]


def test_requests_with_a_session_cookie_or_other_parameters_are_not_served_from_the_cache(client, settings):
    make_article()
    client.get("/")
    assert client.get("/").headers["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/?colour=red").headers
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    assert "X-Page-Cache" not in client.get("/").headers


def test_a_story_followed_from_a_shared_link_with_tracking_tags_comes_from_the_cache(client):
    story = make_article(headline="Bridge opens at Tezpur")
    url = story.get_absolute_url()
    first = client.get(f"{url}?fbclid=IwAR-first-reader")
    assert first.headers["X-Page-Cache"] == "miss"
    assert client.get(url).headers["X-Page-Cache"] == "hit"
    # The page kept for everybody passes no reader's tag on, not even in the language switcher.
    assert "IwAR-first-reader" not in first.content.decode()
    for tagged in (f"{url}?fbclid=IwAR0abc", f"{url}?utm_source=whatsapp&utm_medium=share", f"{url}?gclid=xyz"):
        response = client.get(tagged)
        assert response.headers["X-Page-Cache"] == "hit"
        assert "Bridge opens at Tezpur" in response.content.decode()
    # The tags never mix up pages that do differ: page 2 of a list stays page 2.
    client.get("/?page=1")
    assert client.get("/?page=1&fbclid=abc").headers["X-Page-Cache"] == "hit"


def test_page_numbers_are_cached_separately(client):
    section = make_section(slug="assam")
    for n in range(25):
        make_article(section=section, headline=f"Story {n:02d}")
    first = client.get("/section/assam/")
    second = client.get("/section/assam/?page=2")
    assert first.headers["X-Page-Cache"] == second.headers["X-Page-Cache"] == "miss"
    assert client.get("/section/assam/?page=2").content == second.content != first.content


def test_cache_lifetime_ends_when_the_next_scheduled_story_goes_out(settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    assert page_timeout(content_version()) == 300
    make_article(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(seconds=90))
    assert 85 <= page_timeout(content_version()) <= 90


def test_a_scheduled_story_appears_on_time_without_anybody_touching_anything(client):
    make_article(headline="Already out")
    make_article(
        headline="Goes out in two seconds",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(seconds=2),
    )
    version = content_version()
    assert "Goes out" not in client.get("/").content.decode()
    assert client.get("/").headers["X-Page-Cache"] == "hit"
    time.sleep(2.5)
    html = client.get("/").content.decode()
    assert "Goes out in two seconds" in html
    assert content_version() == version  # nobody bumped it: the cached page simply expired


def test_content_version_survives_being_evicted():
    from django.core.cache import cache

    first = content_version()
    cache.delete(CONTENT_VERSION_KEY)
    assert content_version() != first


def test_a_page_cached_while_a_publication_was_being_committed_is_dropped_at_commit(
    client, django_capture_on_commit_callbacks
):
    article = make_article(headline="Before the edit")
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "After the edit"
        article.save()
        # Another reader's request, served before the commit, caches what it saw.
        client.get(article.get_absolute_url())
        assert client.get(article.get_absolute_url()).headers["X-Page-Cache"] == "hit"
    assert client.get(article.get_absolute_url()).headers["X-Page-Cache"] == "miss"


def test_a_page_from_the_cache_carries_the_same_headers_as_when_it_was_rendered(client):
    story = make_article(headline="Headers story")
    for url in ("/", story.get_absolute_url(), "/as" + story.get_absolute_url()):
        first = client.get(url)
        second = client.get(url)
        assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit")
        for header in (
            "Content-Type",
            "Content-Language",
            "Content-Security-Policy",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Vary",
            "ETag",
            "Last-Modified",
        ):
            assert second.headers.get(header) == first.headers.get(header), (url, header)


def test_a_logged_in_reader_is_never_answered_from_the_cache(client):
    story = make_article()
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url()).headers["X-Page-Cache"] == "hit"
    client.force_login(make_user())
    response = client.get(story.get_absolute_url())
    assert "X-Page-Cache" not in response.headers
    assert "private" in response.headers["Cache-Control"]


def test_later_pages_of_a_long_comment_thread_come_from_the_cache_too(client, settings):
    from articles.comments.models import Comment

    settings.COMMENTS_PER_PAGE = 2
    story = make_article()
    for n in range(5):
        Comment.objects.create(
            article=story,
            name=f"Reader {n}",
            email="r@example.com",
            body=f"Comment {n}",
            status=Comment.Status.APPROVED,
        )
    url = story.get_absolute_url() + "?comments=2"
    assert client.get(url).headers["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second.headers["X-Page-Cache"] == "hit"
    assert "Comment 2" in second.content.decode() or "Comment 1" in second.content.decode()


# --- Cache-Control for a shared cache in front (deploy/'s nginx) -------------------------------------


def _directives(response):
    return {part.strip() for part in response.headers["Cache-Control"].split(",")}


def test_public_pages_let_a_shared_cache_keep_them_only_edge_cache_seconds_and_browsers_a_minute(client, settings):
    settings.EDGE_CACHE_SECONDS = 3
    story = make_article()
    for url in ["/", story.get_absolute_url(), story.section.get_absolute_url(), "/feeds/rss/", "/sitemap.xml"]:
        miss, hit = client.get(url), client.get(url)
        assert (miss.headers["X-Page-Cache"], hit.headers["X-Page-Cache"]) == ("miss", "hit"), url
        for response in (miss, hit):
            assert {"public", "s-maxage=3"} <= _directives(response), url
            assert {"max-age=60", "max-age=59"} & _directives(response), url


def test_a_shared_cache_keeps_no_page_past_the_moment_the_next_scheduled_story_goes_out(client, settings):
    settings.EDGE_CACHE_SECONDS = 30
    make_article()
    make_article(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(seconds=10))
    response = client.get("/")
    s_maxage = next(int(part.split("=")[1]) for part in _directives(response) if part.startswith("s-maxage="))
    assert 0 < s_maxage <= 10


def test_forms_personal_pages_and_everything_not_cached_are_private_so_no_shared_cache_keeps_them(client):
    story = make_article()
    anonymous = [
        "/contact/",
        "/accounts/login/",
        "/accounts/register/",
        "/accounts/password/reset/",
        "/accounts/confirm-again/",
        "/admin/login/",
        "/search/?q=flood",
        "/?colour=red",
        "/news/no-such-story/",
    ]
    for url in anonymous:
        response = client.get(url)
        assert {"private", "no-store"} & _directives(response), url
        assert not {"public", "s-maxage"} & {part.split("=")[0] for part in _directives(response)}, url
    client.force_login(make_user())
    for url in [story.get_absolute_url(), "/", "/desk/", "/accounts/profile/"]:
        response = client.get(url)
        assert "private" in _directives(response), url
        assert not any(part.startswith("s-maxage") for part in _directives(response)), url
