"""Filters of the desk's lists stay small at newsroom scale: the comment queue's story filter lists
the stories with the most comments waiting, not every story that ever had a comment."""

import pytest

from articles.comments.models import Comment
from articles.tests.factories import make_article, make_reporter

pytestmark = pytest.mark.usefixtures("fast_passwords")


def held(article, count=1, **extra):
    for i in range(count):
        Comment.objects.create(article=article, name="Reader", email="r@example.com", body=f"Comment {i}", **extra)


def story_filter(response):
    return next(spec for spec in response.context["cl"].filter_specs if getattr(spec, "field_path", "") == "article")


def test_the_comment_queue_offers_the_stories_with_the_most_comments_waiting(client, moderator):
    busy = make_article(headline="Flood relief camps overflow")
    held(busy, 3)
    quiet = []
    for _ in range(25):
        story = make_article()
        held(story)
        quiet.append(story)
    done = make_article(headline="Old approved thread")
    held(done, 5, status=Comment.Status.APPROVED)
    client.force_login(moderator)

    response = client.get("/admin/comments/comment/")

    choices = dict(story_filter(response).lookup_choices)
    assert len(choices) == 20
    assert busy.pk in choices
    assert done.pk not in choices  # nothing waits on it


def test_a_story_chosen_by_link_is_offered_and_filters_the_queue(client, moderator):
    story = make_article(headline="Dibrugarh tea auction")
    held(story, 2, status=Comment.Status.APPROVED)
    held(make_article(), 4)
    client.force_login(moderator)

    response = client.get("/admin/comments/comment/", {"article__id__exact": story.pk})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert dict(story_filter(response).lookup_choices)[story.pk] == "Dibrugarh tea auction"


def test_a_nonsense_story_in_the_link_is_a_clear_page_not_an_error(client, moderator):
    client.force_login(moderator)

    response = client.get("/admin/comments/comment/", {"article__id__exact": "abc"})

    assert response.status_code in (200, 302)


def author_filter(response):
    return next(spec for spec in response.context["cl"].filter_specs if getattr(spec, "field_path", "") == "authors")


def test_the_story_lists_author_filter_offers_the_most_prolific_reporters_and_the_one_chosen(client, editor):
    prolific = make_reporter(full_name="Bhaskar Gogoi")
    for _ in range(3):
        make_article(authors=[prolific])
    occasional = [make_reporter() for _ in range(24)]
    for reporter in occasional:
        make_article(authors=[reporter])
    client.force_login(editor)

    response = client.get("/admin/articles/article/")
    chosen = client.get("/admin/articles/article/", {"authors__id__exact": occasional[-1].pk})

    choices = dict(author_filter(response).lookup_choices)
    assert len(choices) == 20
    assert choices[prolific.pk] == "Bhaskar Gogoi"
    assert occasional[-1].pk in dict(author_filter(chosen).lookup_choices)
    assert chosen.context["cl"].result_count == 1
