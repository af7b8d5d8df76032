"""Whose address a request is (newsroom/shared/clients.py): with no proxy in front, forwarded headers change
nothing; behind PROXY_COUNT proxies, every limit, lock-out, block list and record sees the real client."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.tests.factories import PASSWORD, make_approved_reporter
from articles.comments.models import BlockedTerm, Comment
from articles.comments.tests.comment_helpers import comment_data, post_url
from articles.models import Article
from articles.tests.factories import make_article
from enquiries.models import Enquiry
from enquiries.tests.conftest import enquiry_form_data
from newsroom.shared.clients import client_ip, rate_limit_key
from newsroom.tests.helpers import PRODUCTION_ENV, run_django

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # nginx, as the app servers see it
LOGIN = reverse("accounts:login")


def behind_proxy(forwarded_for, **extra):
    """A browser whose requests reach the app through the proxy, which says it came from `forwarded_for`."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for, **extra)


def comment(client, article, n):
    return client.post(post_url(article), comment_data(email=f"reader{n}@example.com", body=f"Comment number {n}"))


def log_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


@pytest.fixture
def article():
    return make_article(headline="Flood waters recede in Dhemaji")


@pytest.fixture
def one_comment_a_minute(settings):
    settings.COMMENTS_RATE_PER_MINUTE = 1


@pytest.fixture
def two_failures_lock(settings):
    # Two failures lock an account at an address (django-axes) and an address (accounts/slowdown.py).
    settings.AXES_FAILURE_LIMIT = settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    settings.LOGIN_SLOWDOWN_AFTER = settings.LOGIN_SLOWDOWN_ADDRESS_AFTER = 100  # the lock-outs alone


@pytest.fixture
def one_proxy(settings):
    settings.PROXY_COUNT = 1


# --- No proxy in front (PROXY_COUNT=0, the default) ---------------------------------------------------


def test_with_no_proxy_a_forged_forwarded_address_does_not_escape_the_comment_rate_limit(article, one_comment_a_minute):
    assert (
        comment(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1"), article, 1).status_code == 302
    )
    again = comment(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.2"), article, 2)
    assert again.status_code == 429
    assert Comment.objects.get().ip_address == "203.0.113.5"


def test_with_no_proxy_a_forged_forwarded_address_does_not_escape_the_form_rate_limit(settings):
    settings.ACCOUNTS_FORM_RATE = "1/h"
    url = reverse("accounts:password-reset")
    first = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first.post(url, {"email": "someone@example.com"}).status_code == 302
    assert second.post(url, {"email": "someone@example.com"}).status_code == 429


def test_with_no_proxy_a_forged_forwarded_address_does_not_escape_a_login_lockout(two_failures_lock):
    reporter = make_approved_reporter()
    for n in range(2):
        log_in(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"), "nobody@example.com", "x")
    forged = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert log_in(forged, reporter.user.email).status_code == 429


def test_with_no_proxy_a_forged_forwarded_address_cannot_pin_a_comment_on_somebody_else(article):
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.IP, value="198.51.100.66")
    comment(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.66"), article, 1)
    posted = Comment.objects.get()
    assert posted.ip_address == "203.0.113.5"
    assert posted.hold_reason != Comment.HoldReason.BLOCKED_ADDRESS


def test_with_no_proxy_x_forwarded_proto_https_does_not_make_a_request_secure():
    code = (
        "from django.test import RequestFactory\n"
        "request = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(request.is_secure())\n"
    )
    alone = run_django(code, env={**PRODUCTION_ENV, "PROXY_COUNT": None})
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.strip() == "False"
    behind_nginx = run_django(code, env={**PRODUCTION_ENV, "PROXY_COUNT": "1"})
    assert behind_nginx.returncode == 0, behind_nginx.stderr
    assert behind_nginx.stdout.strip() == "True"


# --- Behind one proxy (PROXY_COUNT=1) -----------------------------------------------------------------


def test_behind_a_proxy_two_readers_have_comment_rate_limits_of_their_own(article, one_proxy, one_comment_a_minute):
    first, second = behind_proxy("198.51.100.1"), behind_proxy("198.51.100.2")
    assert comment(first, article, 1).status_code == 302
    assert comment(first, article, 2).status_code == 429
    assert comment(second, article, 3).status_code == 302
    assert sorted(Comment.objects.values_list("ip_address", flat=True)) == ["198.51.100.1", "198.51.100.2"]


def test_behind_a_proxy_what_a_reader_adds_to_x_forwarded_for_is_ignored(article, one_proxy, one_comment_a_minute):
    assert comment(behind_proxy("198.51.100.1"), article, 1).status_code == 302
    # The proxy appends the address it saw; whatever the reader sent stands to its left.
    assert comment(behind_proxy("203.0.113.200, 198.51.100.1"), article, 2).status_code == 429


def test_behind_a_proxy_two_people_have_login_lockouts_of_their_own(one_proxy, two_failures_lock):
    reporter = make_approved_reporter()
    guesser, owner = behind_proxy("198.51.100.1"), behind_proxy("198.51.100.2")
    for _attempt in range(2):
        log_in(guesser, "nobody@example.com", "wrong")
    assert log_in(guesser, reporter.user.email).status_code == 429
    assert log_in(behind_proxy("203.0.113.9, 198.51.100.1"), reporter.user.email).status_code == 429
    assert log_in(owner, reporter.user.email).status_code == 302


def test_behind_a_proxy_the_block_list_holds_the_real_clients_comment(article, one_proxy, settings):
    settings.COMMENTS_AUTO_APPROVE_AFTER = 1
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.IP, value="198.51.100.66")
    comment(behind_proxy("198.51.100.66"), article, 1)
    comment(behind_proxy("198.51.100.66, 203.0.113.5"), article, 2)  # the blocked address, forged
    blocked, forged = Comment.objects.order_by("pk")
    assert (blocked.ip_address, blocked.hold_reason) == ("198.51.100.66", Comment.HoldReason.BLOCKED_ADDRESS)
    assert (forged.ip_address, forged.hold_reason) == ("203.0.113.5", Comment.HoldReason.MODERATION)


def test_behind_a_proxy_an_enquiry_records_the_real_clients_address(one_proxy, settings):
    settings.ENQUIRY_RATE_LIMIT = "1/10m"
    assert behind_proxy("203.0.113.1, 198.51.100.8").post("/contact/", enquiry_form_data()).status_code == 302
    assert Enquiry.objects.get().ip_address == "198.51.100.8"
    assert behind_proxy("198.51.100.9").post("/contact/", enquiry_form_data()).status_code == 302
    assert behind_proxy("198.51.100.9").post("/contact/", enquiry_form_data()).status_code == 429


def test_behind_a_proxy_two_readers_on_the_same_phone_model_count_as_two_views(one_proxy, settings):
    settings.VIEW_COUNT_BATCH = 1
    story = make_article()
    beacon = reverse("articles:view-beacon", kwargs={"slug": story.slug})  # what the story page carries
    for reader in ("198.51.100.1", "198.51.100.2", "198.51.100.2"):
        behind_proxy(reader, HTTP_USER_AGENT="Phone A").get(beacon)
    assert Article.objects.get(pk=story.pk).view_count == 2


# --- The address itself -----------------------------------------------------------------------------


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_behind_two_proxies_the_client_is_the_second_address_from_the_right(settings):
    settings.PROXY_COUNT = 2  # a CDN, then nginx
    forwarded = "203.0.113.66, 198.51.100.4, 192.0.2.10"  # forged, the client, the CDN
    assert client_ip(request(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)) == "198.51.100.4"


def test_a_request_that_did_not_come_through_the_proxy_is_the_connections(one_proxy):
    assert client_ip(request(REMOTE_ADDR="198.51.100.4")) == "198.51.100.4"
    assert client_ip(request(REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="not an address")) == "198.51.100.4"


def test_an_ipv4_client_on_an_ipv6_socket_is_its_ipv4_address():
    assert client_ip(request(REMOTE_ADDR="::ffff:198.51.100.4")) == "198.51.100.4"


def test_rate_limits_count_an_ipv6_subscriber_by_its_network(one_proxy):
    one = request(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8:1:2::10")
    same_home = request(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8:1:2:ffff::1")
    neighbour = request(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8:1:3::10")
    assert rate_limit_key(None, one) == rate_limit_key(None, same_home) != rate_limit_key(None, neighbour)
    assert client_ip(one) == "2001:db8:1:2::10"
