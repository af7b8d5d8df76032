"""Registering an address that has an account takes as long as registering a new one, so the
time an answer takes does not tell an attacker who is registered."""

import statistics
import time

import pytest
from django.urls import reverse

from accounts.models import Reporter
from accounts.tests.factories import make_approved_reporter
from articles.tests.factories import make_user

pytestmark = pytest.mark.django_db


def timed_registration(client, email):
    data = {
        "full_name": "Anjali Baruah",
        "email": email,
        "phone": "+91 98765-43210",
        "district": Reporter._meta.get_field("district").choices[0][0],
        "password1": "brahmaputra-flows-east-42",
        "password2": "brahmaputra-flows-east-42",
        "consent": "on",
    }
    started = time.perf_counter()
    response = client.post(reverse("accounts:register"), data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    return elapsed


def test_an_existing_address_is_answered_after_the_same_work_as_a_new_one(client, settings):
    # Real password hashing (the suite uses a fast one): it is what made the two paths differ.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    settings.ACCOUNTS_FORM_RATE = "1000/h"
    make_approved_reporter(user=make_user(email="taken@example.com"))

    new = [timed_registration(client, f"new{n}@example.com") for n in range(3)]
    taken = [timed_registration(client, "taken@example.com") for _ in range(3)]

    assert statistics.median(taken) > 0.6 * statistics.median(new), (new, taken)


@pytest.fixture
def worker_queue(settings):
    """Tasks wait for the worker (as in production) instead of running in the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend


@pytest.mark.parametrize(
    "address, field",
    [("accounts:password-reset", "email"), ("accounts:resend-confirmation", "email")],
    ids=["password reset", "new confirmation link"],
)
def test_known_and_unknown_addresses_are_answered_alike_even_with_a_slow_mail_server(
    client, settings, worker_queue, django_capture_on_commit_callbacks, address, field
):
    settings.EMAIL_BACKEND = "newsroom.shared.tests.test_outbox.SlowSMTPBackend"  # two seconds a message
    settings.ACCOUNTS_FORM_RATE = "1000/h"
    known = make_approved_reporter(user=make_user(email="known@example.com"), confirmed=False)
    assert known.email_confirmed_at is None

    def timed(email):
        started = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse(address), {field: email})
        assert response.status_code == 302
        return time.perf_counter() - started

    for_known = [timed("known@example.com") for _ in range(3)]
    for_unknown = [timed(f"nobody{n}@example.com") for n in range(3)]

    assert max(for_known) < 1.0, for_known  # the mail waits for the worker, not the reader
    assert abs(statistics.median(for_known) - statistics.median(for_unknown)) < 0.2, (for_known, for_unknown)
    assert worker_queue.results  # the known address's mail is queued for the worker


@pytest.mark.parametrize("address", ["accounts:password-reset", "accounts:resend-confirmation"])
def test_the_page_does_the_same_work_for_a_known_and_an_unknown_address(client, settings, worker_queue, address):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ACCOUNTS_FORM_RATE = "1000/h"
    make_approved_reporter(user=make_user(email="known@example.com"), confirmed=False)

    def work(email):
        worker_queue.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.post(reverse(address), {"email": email}).status_code == 302
        return [query["sql"] for query in queries], len(worker_queue.results)

    known, unknown = work("known@example.com"), work("nobody@example.com")
    assert len(known[0]) == len(unknown[0])  # no look-up of the address while the reader waits
    assert known[1] == unknown[1] == 1  # one task for the worker either way
