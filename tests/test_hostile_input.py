"""Every form of the site, walked with hostile and malformed values (hypothesis).

Whatever is sent, the site answers with a page (never a 500), stores no script, and a
refused form says why.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.comments.models import Comment
from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_section
from enquiries.models import Enquiry
from newsroom.shared.antispam import make_form_stamp

HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs"]), max_size=50),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '<img src=x onerror="alert(1)">',
            "javascript:alert(document.cookie)",
            "'; DROP TABLE articles_article; --",
            '" OR 1=1 --',
            "ব্ৰহ্মপুত্ৰ 🌊🚣 <b>বানপানী</b> &amp; &lt;script&gt;",
            "\x00\x01\x02 null bytes",
            "%s %(name)s {{ request }} {% csrf_token %}",
            "a" * 20_000,
            "",
            "   ",
        ]
    ),
)
OK_STATUSES = {200, 302, 400, 403, 404, 405, 413, 429}
SETTINGS = hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


class _LiveScript(HTMLParser):
    """Finds what would run in a browser: a <script>, an on* handler, a javascript: address.
    The words themselves ("javascript:" in a sentence) are harmless text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            address = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or (
                name in ("href", "src", "cite", "action") and address.startswith(("javascript:", "vbscript:", "data:"))
            ):
                self.found.append(f"{tag} {name}={value!r}")


def live_script(html):
    parser = _LiveScript()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(autouse=True)
def _forms_accept_at_once(settings):
    settings.SPAM_FORM_MIN_SECONDS = 0


def _assert_answered(response):
    assert response.status_code in OK_STATUSES, response.status_code
    assert response.status_code != 500


def _assert_refusal_explains(response):
    """A form shown again after a POST is a refusal: it must say what is wrong."""
    if response.status_code in (200, 400, 429) and 'method="post"' in response.content.decode().lower():
        html = response.content.decode()
        assert any(marker in html for marker in ("invalid-feedback", "alert-", "errorlist", 'role="alert"')), html[
            :2000
        ]


@pytest.fixture
def story(db):
    return make_article(headline="Flood relief reaches Majuli", section=make_section())


@pytest.mark.django_db
@SETTINGS
@given(name=HOSTILE_TEXT, email=HOSTILE_TEXT, body=HOSTILE_TEXT)
def test_the_comment_form_survives_hostile_input_and_stores_no_script(story, name, email, body):
    cache.clear()
    client = Client()
    response = client.post(
        reverse("comments:post", kwargs={"slug": story.slug}),
        {"name": name, "email": email, "body": body, "website": "", "form_stamp": make_form_stamp()},
    )
    _assert_answered(response)
    _assert_refusal_explains(response)
    for comment in Comment.objects.filter(article=story):
        comment.status = Comment.Status.APPROVED
        comment.save(update_fields=["status"])
    cache.clear()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert '<img src=x onerror="alert(1)">' not in page


@pytest.mark.django_db
@SETTINGS
@given(
    name=HOSTILE_TEXT,
    email=HOSTILE_TEXT,
    phone=HOSTILE_TEXT,
    subject=HOSTILE_TEXT,
    message=HOSTILE_TEXT,
    kind=st.one_of(st.sampled_from(["general", "news_tip", "advertising"]), HOSTILE_TEXT),
)
def test_the_enquiry_form_survives_hostile_input(name, email, phone, subject, message, kind):
    cache.clear()
    response = Client().post(
        reverse("enquiries:contact"),
        {
            "name": name,
            "email": email,
            "phone": phone,
            "kind": kind,
            "subject": subject,
            "message": message,
            "consent": "on",
            "website": "",
            "form_stamp": make_form_stamp(),
        },
    )
    _assert_answered(response)
    _assert_refusal_explains(response)
    assert Enquiry.objects.filter(message__exact="").count() == 0


@pytest.mark.django_db
@SETTINGS
@given(
    full_name=HOSTILE_TEXT,
    email=HOSTILE_TEXT,
    phone=HOSTILE_TEXT,
    district=HOSTILE_TEXT,
    bio=HOSTILE_TEXT,
    password=HOSTILE_TEXT,
)
def test_registration_survives_hostile_input(full_name, email, phone, district, bio, password):
    cache.clear()
    response = Client().post(
        reverse("accounts:register"),
        {
            "full_name": full_name,
            "email": email,
            "phone": phone,
            "district": district,
            "bio": bio,
            "password1": password,
            "password2": password,
            "consent": "on",
        },
    )
    _assert_answered(response)
    _assert_refusal_explains(response)


@pytest.mark.django_db
@SETTINGS
@given(username=HOSTILE_TEXT, password=HOSTILE_TEXT)
def test_login_and_password_reset_survive_hostile_input(username, password):
    cache.clear()
    client = Client()
    _assert_answered(client.post(reverse("accounts:login"), {"username": username, "password": password}))
    _assert_answered(client.post(reverse("accounts:password-reset"), {"email": username}))


@pytest.mark.django_db
@SETTINGS
@given(query=HOSTILE_TEXT, page=HOSTILE_TEXT)
def test_search_survives_hostile_queries(query, page):
    response = Client().get(reverse("articles:search"), {"q": query, "page": page})
    _assert_answered(response)


@pytest.mark.django_db
@SETTINGS
@given(headline=HOSTILE_TEXT, summary=HOSTILE_TEXT, body=HOSTILE_TEXT, section=HOSTILE_TEXT)
def test_the_story_form_survives_hostile_input_and_stores_no_script(headline, summary, body, section):
    reporter = make_reporter()
    client = Client()
    client.force_login(reporter.user)
    real_section = make_section()
    data = {
        "headline_en": headline,
        "summary_en": summary,
        "body_en": body + "<script>alert(1)</script>",
        "section": section if section.strip() else real_section.pk,
        "action": "save",
    }
    response = client.post(reverse("articles:story-create"), data)
    _assert_answered(response)
    for article in Article.objects.filter(authors=reporter):
        for language_body in (article.body_en or "", article.body_as or ""):
            assert live_script(language_body) == []


def test_the_live_script_check_tells_harmless_text_from_what_would_run():
    assert live_script("<p>Never type javascript: into an address bar.</p>") == []
    assert live_script('<a href="java\tscript:alert(1)">x</a>') != []
    assert live_script('<p onclick="x()">x</p>') != []
    assert live_script("<script>x()</script>") != []


ADDRESSES = [
    "/news/{}/",
    "/as/news/{}/",
    "/section/{}/",
    "/section/{}/rss/",
    "/tag/{}/",
    "/reporters/{}/",
    "/search/?q={}",
    "/search/?q=flood&page={}",
    "/section/assam/?page={}",
    "/news/flood-relief-reaches-majuli/?comments={}",
    "/archive/{}/",
    "/admin/articles/article/?status__exact={}",
    "/admin/comments/comment/?q={}",
    "/admin/enquiries/enquiry/?o={}",
]


@pytest.mark.django_db
@SETTINGS
@given(address=st.sampled_from(ADDRESSES), value=HOSTILE_TEXT)
@example(address="/news/{}/", value="\x00")
@example(address="/search/?q={}", value="flood\x00")
@example(address="/admin/articles/article/?status__exact={}", value="\x00")
@example(address="/section/{}/rss/", value="\x1b[2J")
def test_every_kind_of_address_survives_hostile_paths_and_query_strings(story, address, value):
    from articles.tests.factories import make_user

    client = Client(raise_request_exception=False)
    if address.startswith("/admin/"):
        client.force_login(make_user(is_staff=True, is_superuser=True))
    encoded = quote(value[:500], safe="")
    response = client.get(address.format(encoded))
    assert response.status_code in OK_STATUSES | {301}, (address, value[:80], response.status_code)


@pytest.mark.django_db
def test_public_forms_without_a_csrf_token_are_refused_with_a_page_not_an_error(story):
    client = Client(enforce_csrf_checks=True)
    reporter = make_reporter()
    for url, data in [
        (reverse("enquiries:contact"), {"name": "A", "email": "a@example.com", "subject": "Hi", "message": "Hello"}),
        (reverse("accounts:register"), {"full_name": "A", "email": "a@example.com"}),
        (reverse("accounts:login"), {"username": "a@example.com", "password": "x"}),
        (reverse("accounts:password-reset"), {"email": "a@example.com"}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "<html" in response.content.decode()
    client.force_login(reporter.user)
    response = client.post(
        reverse("comments:post", kwargs={"slug": story.slug}),
        {"body": "Hello", "form_stamp": make_form_stamp(0)},
    )
    assert response.status_code == 403
    response = client.post(reverse("articles:story-create"), {"headline_en": "x", "action": "save"})
    assert response.status_code == 403
