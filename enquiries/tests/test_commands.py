from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from articles.tests.factories import make_user
from enquiries import services
from enquiries.models import Enquiry, EnquiryReply
from enquiries.tests.conftest import FAILING_BACKEND, enquiry_form_data, make_enquiry

pytestmark = pytest.mark.django_db


def test_mail_that_failed_is_sent_later_by_the_retry_command(client, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", enquiry_form_data())
    enquiry = Enquiry.objects.get()
    assert enquiry.mail_pending and mail.outbox == []

    # Still down: nothing sent, the attempt counted, the enquiry still waiting.
    call_command("send_pending_enquiry_mail", stdout=StringIO(), stderr=StringIO())
    enquiry.refresh_from_db()
    assert enquiry.mail_attempts == 2 and enquiry.mail_pending

    # The mail server is back.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("send_pending_enquiry_mail", stdout=out)
    enquiry.refresh_from_db()
    assert not enquiry.mail_pending
    assert enquiry.mail_last_error == ""
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["ritu@example.com", *settings.STAFF_NOTIFY_EMAILS])
    assert enquiry.reference in next(m for m in mail.outbox if m.to == ["ritu@example.com"]).body
    assert "1 of 1" in out.getvalue()

    # Run again: nothing is sent twice.
    call_command("send_pending_enquiry_mail", stdout=StringIO())
    assert len(mail.outbox) == 2


def test_the_retry_sends_only_what_is_missing():
    enquiry = make_enquiry(ack_sent_at=timezone.now())
    call_command("send_pending_enquiry_mail", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to != [enquiry.email]


def test_the_retry_never_mails_spam_or_gives_up_after_the_limit(settings):
    settings.ENQUIRY_MAIL_MAX_ATTEMPTS = 3
    make_enquiry(status=Enquiry.Status.SPAM)
    make_enquiry(mail_attempts=3)
    call_command("send_pending_enquiry_mail", stdout=StringIO())
    assert mail.outbox == []


def _acknowledged(**fields):
    now = timezone.now()
    return make_enquiry(ack_sent_at=now, staff_notified_at=now, mail_attempts=1, **fields)


def test_a_reply_that_could_not_be_sent_is_sent_later_by_the_retry_command(
    django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    enquiry = _acknowledged(language="as")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.send_reply(enquiry=enquiry, body="চক বজাৰত পাব।", user=make_user(is_staff=True))
    reply.refresh_from_db()
    assert reply.delivery == EnquiryReply.Delivery.QUEUED and mail.outbox == []

    # Still down: the attempt is counted on the reply, the enquiry's own mail is left alone.
    call_command("send_pending_enquiry_mail", stdout=StringIO(), stderr=StringIO())
    reply.refresh_from_db()
    assert reply.mail_attempts == 2 and reply.delivery == EnquiryReply.Delivery.QUEUED
    enquiry.refresh_from_db()
    assert enquiry.mail_attempts == 1 and enquiry.mail_last_error == ""

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("send_pending_enquiry_mail", stdout=out)
    reply.refresh_from_db()
    assert reply.delivery == EnquiryReply.Delivery.SENT and reply.mail_last_error == ""
    [message] = mail.outbox
    assert message.to == [enquiry.email]
    assert enquiry.reference in message.subject and "চক বজাৰত পাব।" in message.body
    assert message.body.startswith("মৰমৰ ")
    assert "1 of 1" in out.getvalue()

    call_command("send_pending_enquiry_mail", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_retry_never_mails_replies_recorded_before_the_desk_e_mailed_them():
    EnquiryReply.objects.create(enquiry=_acknowledged(), body="Told her by phone.")
    call_command("send_pending_enquiry_mail", stdout=StringIO())
    assert mail.outbox == []


def test_the_retry_gives_up_on_a_reply_after_the_limit(settings):
    settings.ENQUIRY_MAIL_MAX_ATTEMPTS = 3
    enquiry = _acknowledged()
    EnquiryReply.objects.create(enquiry=enquiry, body="Answer", delivery=EnquiryReply.Delivery.QUEUED, mail_attempts=3)
    call_command("send_pending_enquiry_mail", stdout=StringIO())
    assert mail.outbox == []


def _aged(days, **fields):
    enquiry = make_enquiry(**fields)
    Enquiry.objects.filter(pk=enquiry.pk).update(updated_at=timezone.now() - timedelta(days=days))
    return enquiry


def test_purge_deletes_closed_and_spam_enquiries_past_the_retention_period(settings):
    settings.ENQUIRY_RETENTION_DAYS = 365
    closed_old = _aged(400, status=Enquiry.Status.CLOSED)
    spam_old = _aged(400, status=Enquiry.Status.SPAM)
    kept = [
        _aged(400, status=Enquiry.Status.NEW),
        _aged(400, status=Enquiry.Status.ANSWERED),
        _aged(300, status=Enquiry.Status.CLOSED),
        make_enquiry(status=Enquiry.Status.SPAM),
    ]
    out = StringIO()
    call_command("purge_old_enquiries", stdout=out)
    assert "Deleted 2" in out.getvalue()
    remaining = set(Enquiry.objects.all())
    assert remaining == set(kept)
    assert closed_old not in remaining and spam_old not in remaining


def test_purge_dry_run_only_counts():
    _aged(400, status=Enquiry.Status.CLOSED)
    out = StringIO()
    call_command("purge_old_enquiries", "--dry-run", stdout=out)
    assert "1 closed or spam enquiries older than 365 days would be deleted" in out.getvalue()
    assert Enquiry.objects.count() == 1


def test_purge_takes_a_shorter_period_from_the_command_line():
    _aged(40, status=Enquiry.Status.CLOSED)
    call_command("purge_old_enquiries", "--days", "30", stdout=StringIO())
    assert Enquiry.objects.count() == 0
