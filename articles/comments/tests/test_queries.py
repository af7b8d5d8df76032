"""Comments never make a page's query count grow with their number, and lists show counts for free."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.caching import bump_content_version
from articles.comments.models import Comment
from articles.models import Article
from articles.tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def add_comments(article, count, *, replies_each=0, status=Comment.Status.APPROVED):
    """`count` conversations on `article`, each with `replies_each` replies, in two bulk inserts."""
    now = timezone.now()
    tops = Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Reader {n}",
            email=f"r{n}@example.com",
            body=f"Conversation {n} on {article.pk}",
            body_html=f"<p>Conversation {n} on {article.pk}</p>",
            status=status,
            created_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=top,
            name=f"Replier {n}-{r}",
            email=f"rep{n}.{r}@example.com",
            body=f"Reply {r} to {n}",
            status=status,
            created_at=now - timedelta(minutes=n) + timedelta(seconds=r + 1),
        )
        for n, top in enumerate(tops)
        for r in range(replies_each)
    )
    Comment.objects.recount_stories([article.pk])  # bulk_create sends no signals, as a bulk import would


def queries_for(client, url):
    cache.clear()  # the view and every fragment are measured, rendered anew (the cache holds nothing)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_story_with_500_comments_runs_as_many_queries_as_one_with_a_page_and_a_bit():
    section = make_section()
    small = make_article(section=section)
    large = make_article(section=section)
    add_comments(small, 21)
    add_comments(large, 500, replies_each=2)
    reader = Client()
    reader.get(small.get_absolute_url() + "?comments=1")  # warm the navigation cache

    small_count, small_page = queries_for(reader, small.get_absolute_url() + "?comments=1")
    large_count, large_page = queries_for(reader, large.get_absolute_url() + "?comments=1")

    assert small_count == large_count
    assert "1500 comments" in large_page
    assert large_page.count('class="comment border-start') == 20 * 3  # a page of 20 conversations with replies
    assert "Page 1 of 25" in large_page


def test_every_page_of_a_long_thread_runs_the_same_queries_and_the_last_is_reachable():
    article = make_article()
    add_comments(article, 45)
    reader = Client()
    reader.get(article.get_absolute_url() + "?comments=1")
    first, page_one = queries_for(reader, article.get_absolute_url() + "?comments=1")
    third, page_three = queries_for(reader, article.get_absolute_url() + "?comments=3")
    assert first == third
    assert "Conversation 0 on" in page_one  # newest first
    assert "Conversation 44 on" in page_three
    assert "Page 3 of 3" in page_three
    assert "Older comments" not in page_three
    # Nonsense page numbers fall back to a real page, never a 500.
    assert reader.get(article.get_absolute_url() + "?comments=abc").status_code == 200
    assert reader.get(article.get_absolute_url() + "?comments=999").status_code == 200


def test_a_list_of_50_stories_with_comment_counts_runs_a_fixed_number_of_queries(django_assert_num_queries):
    section = make_section()
    stories = [make_article(section=section) for _ in range(50)]
    for n, story in enumerate(stories):
        add_comments(story, n % 4, replies_each=1)
        add_comments(story, 2, status=Comment.Status.HELD)

    with django_assert_num_queries(2):  # the stories (with counts), their authors
        listed = list(Article.objects.published().for_listing()[:50])
        counts = {article.pk: article.comment_count for article in listed}
        for article in listed:
            list(article.authors.all())

    assert len(listed) == 50
    for n, story in enumerate(stories):
        assert counts[story.pk] == (n % 4) * 2  # approved comments and replies; held ones never counted


def test_a_section_page_shows_comment_counts_in_the_same_queries_with_few_or_many_comments():
    quiet, busy = make_section(), make_section()
    for _ in range(20):
        make_article(section=quiet)
        add_comments(make_article(section=busy), 30, replies_each=2)
    reader = Client()
    reader.get(quiet.get_absolute_url() + "?x=1")
    quiet_count, _quiet_page = queries_for(reader, quiet.get_absolute_url() + "?x=1")
    busy_count, busy_page = queries_for(reader, busy.get_absolute_url() + "?x=1")
    assert quiet_count == busy_count
    assert busy_page.count("90 comments") == 20


def test_a_storys_card_counts_a_comment_once_approved_and_no_longer_once_removed(django_capture_on_commit_callbacks):
    from articles.comments.services import APPROVE, REMOVE, moderate_comments
    from articles.comments.tests.comment_helpers import make_comment
    from articles.tests.factories import make_user

    section = make_section()
    story = make_article(section=section)
    held = make_comment(story, status=Comment.Status.HELD)
    make_comment(story)
    moderator = make_user(is_staff=True, is_superuser=True)
    reader = Client()

    def card_says():
        return re.findall(r"(\d+) comments?</a>", reader.get(section.get_absolute_url()).content.decode())

    assert card_says() == ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comments(comments=[held], action=APPROVE, moderator=moderator)
    assert card_says() == ["2"]  # the section page was cached; the approval refreshed it
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comments(comments=[held], action=REMOVE, moderator=moderator)
    assert card_says() == ["1"]
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.approved().get().delete()
    assert card_says() == []


def test_a_story_whose_page_fell_out_of_the_cache_takes_its_comments_from_their_fragment():
    article = make_article()
    add_comments(article, 30, replies_each=1)
    reader = Client()
    cold, cold_page = queries_for(reader, article.get_absolute_url())
    bump_content_version()  # the page cache misses; the comment fragment stays
    with CaptureQueriesContext(connection) as warm:
        warm_page = reader.get(article.get_absolute_url()).content.decode()
    assert len(warm) <= cold - 3  # no count, no page of comments, no replies
    assert not any("comments_comment" in query["sql"] for query in warm.captured_queries)
    assert warm_page.count('class="comment border-start') == cold_page.count('class="comment border-start') == 40


def test_a_thread_that_fits_on_one_page_is_read_in_one_query_in_the_same_order(settings):
    settings.COMMENTS_PER_PAGE = 20
    short, long = make_article(), make_article()
    add_comments(short, 6, replies_each=2)  # 18 comments: the whole thread on one page
    add_comments(long, 6, replies_each=3)  # 24: paged
    reader = Client()
    short_count, short_page = queries_for(reader, short.get_absolute_url())
    long_count, long_page = queries_for(reader, long.get_absolute_url())
    assert short_count == long_count - 2  # no count, no second query for the replies

    def order(page):
        return re.findall(r"(Conversation \d+|Reply \d+ to \d+)", page)

    assert order(short_page) == [
        item for n in range(6) for item in (f"Conversation {n}", f"Reply 0 to {n}", f"Reply 1 to {n}")
    ]
    assert order(long_page) == [
        item for n in range(6) for item in (f"Conversation {n}", *(f"Reply {r} to {n}" for r in range(3)))
    ]


def test_a_reply_hidden_with_its_removed_conversation_is_not_counted(django_capture_on_commit_callbacks):
    from articles.comments.services import APPROVE, REMOVE, moderate_comments
    from articles.comments.tests.comment_helpers import make_comment
    from articles.tests.factories import make_user

    story = make_article()
    conversation = make_comment(story)
    make_comment(story, parent=conversation)
    make_comment(story)
    moderator = make_user(is_staff=True, is_superuser=True)
    story.refresh_from_db()
    assert story.comment_count == 3
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comments(comments=[conversation], action=REMOVE, moderator=moderator)
    story.refresh_from_db()
    page = Client().get(story.get_absolute_url()).content.decode()
    assert story.comment_count == 1 and "1 comment</h2>" in page
    assert page.count('class="comment border-start') == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comments(comments=[conversation], action=APPROVE, moderator=moderator)
    story.refresh_from_db()
    assert story.comment_count == 3
