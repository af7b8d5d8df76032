"""Readers report abusive comments; reported comments reach the moderators."""

import pytest
from django.test import Client

from articles.comments.models import Comment, CommentReport
from articles.comments.tests.comment_helpers import make_comment, report_data, report_url
from articles.tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment():
    return make_comment(make_article(headline="Tea prices firm at auction"), name="Troll", body="Nasty words")


def test_every_published_comment_links_to_its_report_form(client, comment):
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert f'href="{report_url(comment)}"' in page
    form_page = client.get(report_url(comment))
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert f'action="{report_url(comment)}"' in html and "Send report" in html and "Nasty words" in html


def test_a_reader_reports_a_comment_and_is_thanked_on_the_story(client, comment):
    response = client.post(report_url(comment), report_data(reason="abuse"))
    assert response.status_code == 302
    assert response.url.startswith(comment.article.get_absolute_url() + "?reported=")

    comment.refresh_from_db()
    assert comment.report_count == 1
    assert comment.reported_at is not None
    assert comment.status == Comment.Status.APPROVED  # still shown until a moderator decides
    assert CommentReport.objects.get().reason == "abuse"
    assert "Thank you for your report" in client.get(response.url).content.decode()


def test_the_same_reader_reporting_twice_counts_once(client, comment):
    client.post(report_url(comment), report_data())
    client.post(report_url(comment), report_data(reason="spam"))
    Client(REMOTE_ADDR="203.0.113.9").post(report_url(comment), report_data())
    comment.refresh_from_db()
    assert comment.report_count == 2
    assert CommentReport.objects.count() == 2


def test_reporting_is_rate_limited_per_ip_address_with_a_clear_message(client, settings):
    settings.COMMENTS_REPORTS_PER_MINUTE = 2
    article = make_article()
    comments = [make_comment(article) for _ in range(3)]
    assert client.post(report_url(comments[0]), report_data()).status_code == 302
    assert client.post(report_url(comments[1]), report_data()).status_code == 302
    response = client.post(report_url(comments[2]), report_data())
    assert response.status_code == 429
    assert "Please wait a minute" in response.content.decode()
    assert CommentReport.objects.count() == 2


def test_a_robot_filling_the_honeypot_cannot_report(client, comment):
    response = client.post(report_url(comment), report_data(website="x"))
    assert response.status_code == 400
    assert not CommentReport.objects.exists()


def test_an_unknown_reason_is_refused_with_a_message(client, comment):
    response = client.post(report_url(comment), report_data(reason="because"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_held_or_removed_comments_cannot_be_reported(client):
    article = make_article()
    for status in (Comment.Status.HELD, Comment.Status.REMOVED, Comment.Status.SPAM):
        hidden = make_comment(article, status=status)
        assert client.post(report_url(hidden), report_data()).status_code == 404
    assert not CommentReport.objects.exists()


def test_opening_the_report_page_reports_nothing_only_sending_the_form_does(client, comment):
    assert client.get(report_url(comment)).status_code == 200
    comment.refresh_from_db()
    assert comment.report_count == 0
    assert client.put(report_url(comment)).status_code == 405


def test_moderators_are_emailed_when_a_comment_is_first_reported(
    client, comment, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFY_EMAILS = ["desk@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(report_url(comment), report_data(reason="personal"))
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["desk@example.com"]
    assert "Tea prices firm at auction" in mailoutbox[0].subject
    assert "Shares someone's personal details" in mailoutbox[0].body
    assert "Nasty words" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        Client(REMOTE_ADDR="203.0.113.10").post(report_url(comment), report_data())
    assert len(mailoutbox) == 1  # one mail per reported comment, not per report


def test_a_failing_mail_server_never_loses_a_report(client, comment, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "articles.tests.test_comments_posting.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(report_url(comment), report_data()).status_code == 302
    assert CommentReport.objects.count() == 1


def test_a_logged_in_report_needs_its_csrf_token_an_anonymous_one_does_not(comment):
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post(report_url(comment), report_data()).status_code == 302

    logged_in = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.11")
    logged_in.force_login(make_user())
    assert logged_in.post(report_url(comment), report_data()).status_code == 403
    assert CommentReport.objects.count() == 1


def test_reported_comments_are_in_the_moderators_reported_queue(comment):
    other = make_comment(comment.article)
    Client().post(report_url(comment), report_data())
    assert list(Comment.objects.reported()) == [comment]
    assert other not in Comment.objects.reported()
