"""A form sent with mistakes lists them at the top of its page (templates/includes/form_errors.html),
each linked to its field, so a phone user does not scroll to find them: every public form that
reporters and readers fill (the story form's are in articles/tests/test_filing_form.py)."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import PASSWORD, make_approved_reporter
from enquiries.tests.conftest import enquiry_form_data

pytestmark = pytest.mark.django_db


class _Summary(HTMLParser):
    """The error summary's items: (href or None, text)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.items = []
        self.attrs = {}
        self._href = None
        self._text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
        elif "data-error-summary" in attrs:
            self.depth, self.attrs = 1, attrs
        if self.depth and tag == "li":
            self._href, self._text = None, []
        if self.depth and tag == "a":
            self._href = attrs.get("href")

    def handle_endtag(self, tag):
        if self.depth and tag == "li":
            self.items.append((self._href, " ".join("".join(self._text).split())))
            self._text = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self._text is not None:
            self._text.append(data)


def error_summary(html):
    parser = _Summary()
    parser.feed(html)
    return parser


def assert_links_reach_their_fields(html, expected_ids):
    summary = error_summary(html)
    assert summary.attrs.get("role") == "alert"
    assert 'id="error-summary-heading"' in html
    links = [href for href, _text in summary.items if href]
    assert links == [f"#{field_id}" for field_id in expected_ids]
    for href in links:
        assert re.search(rf'\sid="{href[1:]}"', html), f"{href} points at no element"
    return summary


def test_registration_lists_each_mistake_with_a_link_to_its_field(client):
    response = client.post(reverse("accounts:register"), {"email": "not-an-address", "district": "Mars"})

    summary = assert_links_reach_their_fields(
        response.text,
        ["id_full_name", "id_email", "id_phone", "id_district", "id_password1", "id_password2", "id_consent"],
    )
    texts = dict(summary.items)
    assert texts["#id_email"] == "E-mail: Enter a valid email address."
    assert texts["#id_consent"] == "You must agree to the terms to register."  # its label is a whole sentence
    assert response.text.index("<h1") < response.text.index("data-error-summary") < response.text.index("narrow-form")


def test_no_summary_on_a_form_not_yet_sent(client):
    for name in ("accounts:register", "accounts:login", "accounts:password-reset", "accounts:resend-confirmation"):
        assert "data-error-summary" not in client.get(reverse(name)).text


def test_a_wrong_login_is_in_the_summary_once(client):
    reporter = make_approved_reporter()
    response = client.post(reverse("accounts:login"), {"username": reporter.user.email, "password": "wrong-one-42"})

    summary = error_summary(response.text)
    assert summary.items == [(None, "The e-mail address or the password is not right.")]
    assert response.text.count("The e-mail address or the password is not right.") == 1


def test_a_throttled_registration_says_so_in_the_summary(client, settings):
    settings.ACCOUNTS_FORM_RATE = "1/h"
    client.post(reverse("accounts:register"), {})
    response = client.post(reverse("accounts:register"), {"full_name": "Anjali Baruah"})

    assert response.status_code == 429
    first, *_fields = error_summary(response.text).items
    assert first[0] is None and first[1].startswith("Too many attempts from your network.")
    assert response.text.count("Too many attempts from your network.") == 1


def test_the_profile_lists_its_mistakes(client):
    reporter = make_approved_reporter()
    client.force_login(reporter.user)
    response = client.post(reverse("accounts:profile"), {"full_name": "", "phone": "12345", "district": "Mars"})

    assert_links_reach_their_fields(response.text, ["id_full_name", "id_phone", "id_district"])


def test_the_password_forms_list_their_mistakes(client, django_capture_on_commit_callbacks):
    reporter = make_approved_reporter()
    client.force_login(reporter.user)
    change = client.post(
        reverse("accounts:password-change"),
        {"old_password": "not-it", "new_password1": "kaziranga-rhino-2026", "new_password2": "kaziranga-rhino"},
    )
    assert_links_reach_their_fields(change.text, ["id_old_password", "id_new_password2"])

    client.logout()
    reset = client.post(reverse("accounts:password-reset"), {"email": "nope"})
    assert_links_reach_their_fields(reset.text, ["id_email"])
    again = client.post(reverse("accounts:resend-confirmation"), {"email": "nope"})
    assert_links_reach_their_fields(again.text, ["id_email"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": reporter.user.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    confirm = client.post(set_url, {"new_password1": "kaziranga-rhino-2026", "new_password2": PASSWORD})
    assert_links_reach_their_fields(confirm.text, ["id_new_password2"])


def test_contact_us_lists_its_mistakes_under_the_count(client):
    response = client.post(reverse("enquiries:contact"), enquiry_form_data(phone="1", email="x", consent=None))

    summary = assert_links_reach_their_fields(response.text, ["id_email", "id_phone", "id_consent"])
    assert "Please correct the 3 fields marked below." in response.text
    assert 'id="error-summary-heading">Please correct the 3 fields marked below.</h2>' in response.text
    assert len(summary.items) == 3


def test_a_comment_sent_back_lists_its_mistakes_once_at_the_top(client):
    from articles.comments.tests.comment_helpers import comment_data, post_url
    from articles.tests.factories import make_article

    article = make_article()
    response = client.post(post_url(article), comment_data(email="not-an-address", body=""))

    assert_links_reach_their_fields(response.text, ["id_body", "id_email"])
    assert response.text.index("data-error-summary") < response.text.index('id="comment-form"')

    closed = make_article(comments_enabled=False)
    response = client.post(post_url(closed), comment_data(email="not-an-address", body=""))
    summary = assert_links_reach_their_fields(response.text, [])
    assert summary.items == [(None, "Comments are closed on this story.")]
    assert response.text.count("Comments are closed on this story.") == 1


def test_a_report_sent_back_lists_its_mistakes(client):
    from articles.comments.tests.comment_helpers import make_comment, report_data, report_url
    from articles.tests.factories import make_article

    comment = make_comment(make_article())
    response = client.post(report_url(comment), report_data(reason="not-a-reason"))

    assert response.status_code == 400
    assert_links_reach_their_fields(response.text, [f"id_report_{comment.pk}_reason"])
