"""A reader writes to the newsroom through Contact Us; a member of staff answers it in the admin."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from enquiries.models import Enquiry

PASSWORD = "a-long-test-password-42"


@pytest.mark.django_db(transaction=True)
def test_a_reader_sends_an_enquiry_and_staff_mark_it_answered(live_server, page, settings):
    settings.SPAM_FORM_MIN_SECONDS = 0
    settings.STAFF_REQUIRE_2FA = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    User.objects.create_user(
        email="desk.editor@example.com", full_name="Desk Editor", password=PASSWORD, is_staff=True, is_superuser=True
    )

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
    expect(page.get_by_text("Please enter a valid phone number")).to_be_visible()
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
    page.goto(live_server.url + "/admin/")
    page.get_by_label("E-mail address").fill("desk.editor@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/admin/enquiries/enquiry/?status__exact=new")
    row = page.locator("#result_list tbody tr", has_text=enquiry.reference)
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("mark_answered")
    page.get_by_role("button", name=re.compile("Go|Run")).click()
    expect(page.locator(".messagelist")).to_contain_text("1 enquiry marked “Answered”.")

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
