"""A reader writes to the newsroom through Contact Us; a member of staff answers it in the admin."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from enquiries.models import Enquiry
from tests.e2e.conftest import DESKTOP

PASSWORD = "a-long-test-password-42"


@pytest.fixture
def desk_editor(settings):
    """A member of staff who answers enquiries, and mail that lands in django.core.mail.outbox."""
    settings.SPAM_FORM_MIN_SECONDS = 0
    settings.STAFF_REQUIRE_2FA = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return User.objects.create_user(
        email="desk.editor@example.com", full_name="Desk Editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in_to_the_desk(page, live_server):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("E-mail address").fill("desk.editor@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.django_db(transaction=True)
def test_a_reader_sends_an_enquiry_and_staff_mark_it_answered(live_server, page, desk_editor):
    # The reader finds Contact Us from any page.
    page.goto(live_server.url + "/")
    page.locator("header").get_by_role("link", name="Contact Us").click()
    expect(page.get_by_role("heading", name="Contact Us", level=1)).to_be_visible()

    # A wrong phone number is pointed out and nothing typed is lost.
    page.get_by_label("Your name").fill("Ritu Baruah")
    page.get_by_label("Your e-mail address").fill("ritu@example.com")
    page.get_by_label("Phone (optional)").fill("12345")
    page.get_by_label("What is it about?").select_option("advertising")
    page.get_by_label("Subject").fill("Bihu advertisement rates")
    page.get_by_label("Your message").fill("We would like a half-page advertisement in the Bihu week.")
    page.get_by_label(re.compile("I agree that the newsroom keeps these details")).check()
    page.get_by_role("button", name="Send message").click()
    # The summary at the top names the mistake and links to the field; the field says it again.
    expect(page.get_by_role("link", name=re.compile("Phone .*Please enter a valid phone number"))).to_be_visible()
    expect(page.locator("#id_phone ~ .invalid-feedback, .invalid-feedback").first).to_contain_text(
        "Please enter a valid phone number"
    )
    expect(page.get_by_label("Subject")).to_have_value("Bihu advertisement rates")
    expect(page.get_by_label("Your message")).to_have_value("We would like a half-page advertisement in the Bihu week.")

    page.get_by_label("Phone (optional)").fill("98640 12345")
    page.get_by_label(re.compile("I agree that the newsroom keeps these details")).check()
    page.get_by_role("button", name="Send message").click()

    expect(page.get_by_role("heading", name="Thank you for your message")).to_be_visible()
    enquiry = Enquiry.objects.get()
    expect(page.locator("#enquiry-reference")).to_have_text(enquiry.reference)
    assert re.fullmatch(r"ENQ-\d{4}-\d{6}", enquiry.reference)
    assert enquiry.phone == "+919864012345"

    # Staff log into the admin, find it among the new enquiries and mark it answered.
    log_in_to_the_desk(page, live_server)
    page.goto(live_server.url + "/admin/enquiries/enquiry/?status__exact=new")
    row = page.locator("#result_list tbody tr", has_text=enquiry.reference)
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("mark_answered")
    page.get_by_role("button", name=re.compile("Go|Run")).click()
    expect(page.locator(".messagelist")).to_contain_text("1 enquiry marked “Answered”.")

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED


# The desk is one page on any screen: one viewport is enough for the reply.
@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
@pytest.mark.django_db(transaction=True)
def test_staff_reply_to_an_enquiry_and_the_reader_receives_it_by_e_mail(live_server, page, desk_editor):
    now = timezone.now()
    enquiry = Enquiry.objects.create(
        name="Ritu Baruah",
        email="ritu@example.com",
        subject="Print edition in Jorhat",
        message="Where can I buy the print edition in Jorhat town?",
        consent=True,
        ack_sent_at=now,
        staff_notified_at=now,
    )

    log_in_to_the_desk(page, live_server)
    page.goto(live_server.url + enquiry.get_admin_url())
    reply_box = page.get_by_role("textbox", name="Your reply")
    # Said next to the box, and read out with it.
    where = re.compile("This text is e-mailed to the reader at ritu@example.com in English")
    expect(page.locator(".form-row", has=reply_box).get_by_text(where)).to_be_visible()
    expect(reply_box).to_have_accessible_description(where)
    reply_box.fill("The print edition is sold at the Chowk Bazar stand.")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("Your reply was e-mailed to ritu@example.com in English.")
    thread = page.locator(".inline-related.has_original", has_text="Chowk Bazar stand")
    expect(thread).to_contain_text("Desk Editor")
    expect(thread).to_contain_text("E-mailed to the reader on")
    expect(reply_box).to_have_value("")

    [message] = [m for m in mail.outbox if m.to == ["ritu@example.com"]]
    assert enquiry.reference in message.subject
    assert enquiry.reference in message.body
    assert "The print edition is sold at the Chowk Bazar stand." in message.body
