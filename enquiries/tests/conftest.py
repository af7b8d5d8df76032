"""Shared pieces of the enquiries tests: a form as a person fills it, a mail server that fails, staff."""

import smtplib
import time

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from articles.tests.factories import make_user
from enquiries.models import Enquiry
from newsroom.shared.antispam import make_form_stamp

FAILING_BACKEND = "enquiries.tests.conftest.FailingSMTPBackend"


class FailingSMTPBackend(LocmemBackend):
    """The only thing we mock: an SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 Service not available, closing transmission channel")


def enquiry_form_data(**overrides):
    """What a person sends from Contact Us, having taken their time over it."""
    data = {
        "name": "Ritu Baruah",
        "email": "ritu@example.com",
        "phone": "98640 12345",
        "kind": "general",
        "subject": "Print edition in Jorhat",
        "message": "Where can I buy the print edition in Jorhat town?",
        "story_url": "",
        "consent": "on",
        "website": "",
        "form_stamp": make_form_stamp(time.time() - 30),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_enquiry(**fields):
    defaults = {
        "name": "Ritu Baruah",
        "email": "ritu@example.com",
        "subject": "A question",
        "message": "Hello",
        "consent": True,
    }
    return Enquiry.objects.create(**{**defaults, **fields})


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND


@pytest.fixture
def staff_user(db):
    return make_user(email="desk.editor@example.com", full_name="Desk Editor", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff_user, settings):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(staff_user)
    return client
