"""The outbox every e-mail waits in (newsroom/shared/mail.py, newsroom.OutgoingMail): stored with the change that
caused it, sent by a task after the commit, tried again with a growing pause, given up after a limit,
shown to the desk with "retry now". Only SMTP is mocked (a backend that refuses, or one that is slow)."""

import re
import smtplib
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import make_approved_reporter
from newsroom.shared.mail import deliver, send_after_commit, send_due, send_queued_mail
from newsroom.shared.models import OutgoingMail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

FAILING = "newsroom.shared.tests.test_outbox.RefusingSMTPBackend"
SLOW = "newsroom.shared.tests.test_outbox.SlowSMTPBackend"
QUEUE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
OUTBOX = "/admin/newsroom/outgoingmail/"


class RefusingSMTPBackend(LocmemBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class SlowSMTPBackend(LocmemBackend):
    """A mail server that takes two seconds a message."""

    def send_messages(self, email_messages):
        time.sleep(2)
        return super().send_messages(email_messages)


def queue_one(capture, **overrides):
    message = {
        "subject": "Confirm your e-mail address",
        "template": "accounts/email/already_registered.txt",
        "context": {"user": None, "login_url": "http://testserver/login/", "reset_url": "http://testserver/reset/"},
        "to": ["anjali@example.com"],
    }
    with capture(execute=True), transaction.atomic():
        queued = send_after_commit(**{**message, **overrides})
    queued.refresh_from_db()
    return queued


@pytest.fixture
def queue(settings):
    """A real task queue (kept in memory): tasks wait for the worker instead of running at once."""
    settings.TASKS = QUEUE
    from django_tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend


def run_worker(queue):
    """What `manage.py db_worker` does: run every task that has been queued, in order, once."""
    results, queue.results = list(queue.results), []
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    return len(results)


# --- Stored, then sent after the commit ----------------------------------------------------------


def test_a_message_is_stored_in_the_outbox_and_sent_once_the_change_commits(django_capture_on_commit_callbacks):
    queued = queue_one(django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == ["anjali@example.com"] and message.subject == "Confirm your e-mail address"
    assert "http://testserver/reset/" in message.body
    assert queued.state == OutgoingMail.State.SENT and queued.attempts == 1 and queued.sent_at
    # The link it carried is a key to an account: the outbox keeps no copy once it is sent.
    assert queued.body == ""


def test_a_change_rolled_back_sends_nothing_and_leaves_nothing_waiting(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_after_commit("Welcome", "accounts/email/already_registered.txt", {}, ["anjali@example.com"])
        raise RuntimeError("the registration failed")

    assert mail.outbox == [] and not OutgoingMail.objects.exists()


def test_with_a_worker_the_request_only_stores_the_message_and_the_worker_sends_it(
    queue, django_capture_on_commit_callbacks
):
    queued = queue_one(django_capture_on_commit_callbacks)
    assert queued.state == OutgoingMail.State.WAITING and mail.outbox == []

    assert run_worker(queue) == 1

    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT and len(mail.outbox) == 1


def test_registration_answers_without_waiting_for_a_slow_mail_server(
    client, queue, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = SLOW
    data = {
        "full_name": "Anjali Baruah",
        "email": "anjali@example.com",
        "phone": "+91 98765-43210",
        "district": "Kamrup Metropolitan",
        "password1": "brahmaputra-flows-east-42",
        "password2": "brahmaputra-flows-east-42",
        "consent": "on",
    }
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 302
    assert time.monotonic() - started < 1.5
    waiting = OutgoingMail.objects.get()
    assert waiting.state == OutgoingMail.State.WAITING and waiting.to == ["anjali@example.com"]

    run_worker(queue)
    [message] = mail.outbox
    assert "/accounts/confirm/" in message.body


def test_the_password_reset_mail_goes_through_the_outbox(client, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = FAILING
    reporter = make_approved_reporter()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": reporter.user.email})
    assert response.status_code == 302

    waiting = OutgoingMail.objects.get()
    assert waiting.to == [reporter.user.email] and waiting.state == OutgoingMail.State.WAITING
    assert "/accounts/password/reset/" in waiting.body

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_mail", stdout=StringIO())
    [message] = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", message.body).group(1)
    assert "Choose a new password" in client.get(link, follow=True).content.decode()


# --- A mail server that is down ------------------------------------------------------------------


def test_a_failing_mail_server_leaves_the_message_waiting_with_its_error(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    before = timezone.now()
    queued = queue_one(django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert queued.state == OutgoingMail.State.WAITING and queued.attempts == 1
    assert "Connection unexpectedly closed" in queued.last_error
    assert "http://testserver/reset/" in queued.body  # nothing lost
    assert queued.next_attempt_at - before >= timedelta(seconds=settings.MAIL_RETRY_SECONDS)


def test_each_retry_waits_twice_as_long_as_the_one_before(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    settings.MAIL_RETRY_SECONDS = 60
    queued = queue_one(django_capture_on_commit_callbacks)

    pauses = []
    for _ in range(3):
        tried_at = queued.next_attempt_at
        assert send_due(now=tried_at - timedelta(seconds=1)) == (0, 0)  # not before its time
        deliver(queued.pk, now=tried_at)
        queued.refresh_from_db()
        pauses.append(round((queued.next_attempt_at - timezone.now()).total_seconds() / 60))
    assert pauses == [2, 4, 8]
    assert queued.attempts == 4 and queued.state == OutgoingMail.State.WAITING


def test_a_message_is_given_up_after_the_last_attempt(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    settings.MAIL_MAX_ATTEMPTS = 3
    queued = queue_one(django_capture_on_commit_callbacks)
    later = timezone.now() + timedelta(days=2)
    send_due(now=later)
    send_due(now=later)
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.GIVEN_UP and queued.attempts == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due(now=later + timedelta(days=2)) == (0, 0)
    assert mail.outbox == []


def test_sent_and_given_up_mail_leaves_the_outbox_after_its_retention_and_waiting_mail_never_does(
    settings, django_capture_on_commit_callbacks
):
    settings.OUTGOING_MAIL_RETENTION_DAYS = 30
    old_sent, old_given_up, old_waiting, recent_sent = (
        queue_one(django_capture_on_commit_callbacks, to=[f"reader{n}@example.com"]) for n in range(4)
    )
    OutgoingMail.objects.filter(pk=old_given_up.pk).update(state=OutgoingMail.State.GIVEN_UP, sent_at=None)
    OutgoingMail.objects.filter(pk=old_waiting.pk).update(state=OutgoingMail.State.WAITING, sent_at=None)
    OutgoingMail.objects.exclude(pk=recent_sent.pk).update(created_at=timezone.now() - timedelta(days=31))

    out = StringIO()
    call_command("purge_sent_mail", "--dry-run", stdout=out)
    assert "2 sent or given-up messages older than 30 days would be deleted" in out.getvalue()
    assert OutgoingMail.objects.count() == 4

    call_command("purge_sent_mail", stdout=out)
    assert "Deleted 2 " in out.getvalue()
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {old_waiting.pk, recent_sent.pk}


def test_the_retry_command_sends_what_waited_once_the_mail_server_is_back(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    queued = queue_one(django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    out = StringIO()
    call_command("send_queued_mail", stdout=out)
    assert "0 of 0" in out.getvalue()  # its pause has not passed yet

    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_mail", stdout=out)
    assert "1 of 1" in out.getvalue()
    queued.refresh_from_db()
    assert queued.state == OutgoingMail.State.SENT and len(mail.outbox) == 1


def test_the_worker_tries_a_failed_message_again_when_its_pause_is_over(
    queue, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    queued = queue_one(django_capture_on_commit_callbacks)
    run_worker(queue)
    queued.refresh_from_db()
    assert queued.attempts == 1

    [retry] = queue.results
    assert retry.task.func is send_queued_mail.func and retry.args == [queued.pk]
    assert retry.task.run_after == queued.next_attempt_at


# --- The desk's outbox ----------------------------------------------------------------------------


def test_the_desk_lists_the_outbox_with_what_is_waiting_to_be_sent(client, superuser, settings):
    settings.STAFF_REQUIRE_2FA = False
    now = timezone.now()
    common = {"from_email": "newsroom@localhost", "language": "en", "template": "accounts/email/confirm_email.txt"}
    OutgoingMail.objects.create(subject="Sent one", to=["a@example.com"], state="sent", sent_at=now, **common)
    OutgoingMail.objects.create(
        subject="Waiting one",
        body="Open https://news.example.com/accounts/password/reset/secret-token/ to choose a password.",
        to=["b@example.com"],
        attempts=2,
        last_error="SMTPServerDisconnected",
        **common,
    )
    client.force_login(superuser)

    page = client.get(OUTBOX).content.decode()
    assert "Sent one" in page and "Waiting one" in page and "b@example.com" in page

    waiting = client.get(OUTBOX, {"state__exact": "waiting"}).content.decode()
    assert "Waiting one" in waiting and "Sent one" not in waiting

    mail_page = client.get(f"{OUTBOX}{OutgoingMail.objects.get(subject='Waiting one').pk}/change/").content.decode()
    assert "Waiting to be sent (2 attempts so far); it will be tried again automatically." in mail_page
    assert "secret-token" not in mail_page  # the body (a key to an account) is never shown
    assert 'name="_save"' not in mail_page  # a record to read; its one change is "retry now"


def test_retry_now_sends_a_given_up_message_from_the_desk(
    client, superuser, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_REQUIRE_2FA = False
    given_up = OutgoingMail.objects.create(
        subject="Your reporter account is approved",
        body="Welcome to the desk.",
        from_email="newsroom@localhost",
        to=["c@example.com"],
        language="en",
        template="accounts/email/reporter_approved.txt",
        state="given_up",
        attempts=10,
        next_attempt_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(OUTBOX, {"action": "retry", ACTION_CHECKBOX_NAME: [given_up.pk], "index": 0})

    assert response.status_code == 302
    given_up.refresh_from_db()
    assert given_up.state == OutgoingMail.State.SENT
    assert [message.to for message in mail.outbox] == [["c@example.com"]]


def test_editors_and_moderators_never_see_the_outbox(client, editor, moderator, settings):
    settings.STAFF_REQUIRE_2FA = False
    for member in (editor, moderator):
        client.force_login(member)
        assert client.get(OUTBOX).status_code == 403
