import time
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse

from articles.tests.factories import make_article
from enquiries.models import ContactDetails, Enquiry
from enquiries.tests.conftest import enquiry_form_data
from newsroom.shared.antispam import make_form_stamp
from newsroom.shared.models import OutgoingMail

pytestmark = pytest.mark.django_db

CONTACT = "/contact/"
THANKS = "/contact/thanks/"


def send(client, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            CONTACT, enquiry_form_data(**overrides), REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox"
        )


# --- The page -----------------------------------------------------------------------------


def test_the_contact_page_shows_the_publisher_details_and_the_form(client, settings):
    response = client.get(reverse("enquiries:contact"))
    assert response.status_code == 200
    page = response.content.decode()
    assert settings.PUBLISHER["address"] in page
    assert settings.PUBLISHER["phone"] in page
    assert 'name="csrfmiddlewaretoken"' in page
    for field in ["name", "email", "phone", "kind", "subject", "message", "consent", "website", "form_stamp"]:
        assert f'name="{field}"' in page
    assert 'for="id_message"' in page


def test_the_contact_page_is_never_cached(client):
    response = client.get(CONTACT)
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_contact_page_shows_the_details_staff_edited_with_directions(client):
    ContactDetails.objects.create(
        address="Dighalipukhuri Road",
        email="office@example.com",
        phones="+91 361 111\n+91 361 222 (advertising)",
        directions="Opposite the museum gate.",
    )
    page = client.get(CONTACT).content.decode()
    assert "Dighalipukhuri Road" in page
    assert '<a href="tel:+91361222">+91 361 222</a> (advertising)' in page
    assert "Opposite the museum gate." in page


def test_a_link_can_choose_the_type_of_enquiry(client):
    page = client.get(CONTACT + "?type=advertising").content.decode()
    assert '<option value="advertising" selected>' in page


def test_the_contact_page_opens_in_assamese(client):
    assert client.get("/as/contact/").status_code == 200


class _PageCheck(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.labels_for, self.fields, self.inline = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "style" in attrs or (tag == "script" and "src" not in attrs):
            self.inline.append(tag)
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.fields.append(attrs.get("id"))


@pytest.mark.parametrize("overrides", [{}, {"phone": "1", "message": ""}])
def test_the_contact_form_is_labelled_and_needs_no_inline_script_or_style(
    client, django_capture_on_commit_callbacks, overrides
):
    response = send(client, django_capture_on_commit_callbacks, **overrides) if overrides else client.get(CONTACT)
    check = _PageCheck()
    check.feed(response.content.decode())
    form_fields = [field for field in check.fields if field and field.startswith("id_")]
    assert len(form_fields) == 9
    assert all(field in check.labels_for for field in form_fields)
    assert len(check.ids) == len(set(check.ids))
    assert check.inline == []


# --- A good enquiry -------------------------------------------------------------------------


def test_a_valid_enquiry_is_saved_acknowledged_and_notified(client, django_capture_on_commit_callbacks, settings):
    settings.STAFF_NOTIFY_EMAILS = ["desk@example.com"]
    response = send(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == THANKS

    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email, enquiry.phone) == ("Ritu Baruah", "ritu@example.com", "+919864012345")
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.consent is True
    assert enquiry.ip_address == "203.0.113.7"
    assert enquiry.user_agent == "Firefox"
    assert enquiry.ack_sent_at is not None and enquiry.staff_notified_at is not None
    assert enquiry.mail_attempts == 1 and enquiry.mail_last_error == ""

    assert len(mail.outbox) == 2
    ack, notification = sorted(mail.outbox, key=lambda m: m.to != ["ritu@example.com"])
    assert ack.to == ["ritu@example.com"]
    assert enquiry.reference in ack.subject
    assert enquiry.reference in ack.body
    assert "two working days" in ack.body
    assert notification.to == ["desk@example.com"]
    assert notification.reply_to == ["ritu@example.com"]
    assert "Where can I buy the print edition in Jorhat town?" in notification.body
    assert f"/admin/enquiries/enquiry/{enquiry.pk}/change/" in notification.body


def test_the_acknowledgement_repeats_nothing_the_sender_typed(client, django_capture_on_commit_callbacks):
    # It goes to whatever address was typed: it must not carry a spammer's words to a victim.
    send(
        client,
        django_capture_on_commit_callbacks,
        name="Claim your prize at http://spam.example/win",
        subject="You won! Visit http://spam.example/win now",
        message="Click http://spam.example/win to collect your prize today, friend.",
    )
    enquiry = Enquiry.objects.get()
    ack = next(message for message in mail.outbox if message.to == [enquiry.email])

    assert "spam.example" not in ack.subject + ack.body
    assert "prize" not in ack.subject + ack.body and "won" not in ack.subject.lower()
    assert enquiry.reference in ack.subject and enquiry.reference in ack.body
    assert ack.body.startswith("Dear reader,")


def test_the_thank_you_page_shows_the_reference_and_what_happens_next(client, django_capture_on_commit_callbacks):
    send(client, django_capture_on_commit_callbacks, kind="correction")
    enquiry = Enquiry.objects.get()
    page = client.get(THANKS).content.decode()
    assert enquiry.reference in page
    assert "An editor will check the story" in page


def test_the_thank_you_page_shows_nobody_else_s_reference(client, django_capture_on_commit_callbacks):
    send(client, django_capture_on_commit_callbacks)
    stranger = client.__class__()
    response = stranger.get(THANKS)
    assert response.status_code == 302
    assert response["Location"] == CONTACT


def test_each_type_is_notified_to_its_own_staff_address(client, django_capture_on_commit_callbacks, settings):
    settings.STAFF_NOTIFY_EMAILS = ["desk@example.com"]
    settings.ENQUIRY_NOTIFY_EMAILS = {"advertising": ["ads@example.com"], "complaint": []}
    send(client, django_capture_on_commit_callbacks, kind="advertising")
    send(client, django_capture_on_commit_callbacks, kind="complaint", email="other@example.com")
    staff_mail = [m.to for m in mail.outbox if m.to[0] not in ("ritu@example.com", "other@example.com")]
    assert staff_mail == [["ads@example.com"], ["desk@example.com"]]


def test_sending_the_same_message_twice_makes_one_enquiry(client, django_capture_on_commit_callbacks):
    send(client, django_capture_on_commit_callbacks)
    send(client, django_capture_on_commit_callbacks)
    assert Enquiry.objects.count() == 1
    assert len(mail.outbox) == 2
    assert Enquiry.objects.get().reference in client.get(THANKS).content.decode()
    send(client, django_capture_on_commit_callbacks, message="And one more thing.")
    assert Enquiry.objects.count() == 2


def test_the_enquiry_is_in_the_database_before_any_mail_is_attempted(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(CONTACT, enquiry_form_data())
    # Saved and committed with its two messages waiting in the outbox; nothing sent until the
    # transaction's callbacks hand them to the worker.
    assert Enquiry.objects.count() == 1
    assert mail.outbox == []
    assert sorted(OutgoingMail.objects.waiting().values_list("template", flat=True)) == [
        "enquiries/email/enquiry_acknowledgement.txt",
        "enquiries/email/enquiry_staff_notification.txt",
    ]
    assert len(callbacks) == 2


# --- The mail server fails -----------------------------------------------------------------


def test_a_failing_mail_server_never_loses_the_enquiry(client, django_capture_on_commit_callbacks, smtp_down):
    response = send(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.mail_pending
    assert enquiry.ack_sent_at is None and enquiry.staff_notified_at is None
    assert enquiry.mail_attempts == 1
    assert "the mail server failed" in enquiry.mail_last_error
    # The person is thanked as usual.
    assert enquiry.reference in client.get(THANKS).content.decode()


# --- Bad input: a clear message, everything typed kept, nothing saved -------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": None}, "Please tell us your name."),
        ({"email": None}, "Please give an e-mail address, so that we can answer you."),
        ({"email": "ritu.example.com"}, "Please enter a valid e-mail address, like name@example.com."),
        ({"subject": ""}, "Please give your message a subject."),
        ({"message": ""}, "Please write your message."),
        ({"consent": None}, "Please agree, so that we may keep your details and answer you."),
        ({"phone": "12345"}, "Please enter a valid phone number"),
        ({"message": "x" * 20_000}, "please shorten it to 5000 characters or fewer (it has 20000)"),
        ({"story_url": "https://elsewhere.example/a/"}, "We could not find one of our stories at this address."),
    ],
)
def test_bad_input_is_shown_with_a_clear_message_and_kept(
    client, django_capture_on_commit_callbacks, overrides, message
):
    response = send(client, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    # What the person typed is still there.
    typed = enquiry_form_data(**overrides)
    for field in ("name", "subject"):
        if typed.get(field):
            assert f'value="{typed[field]}"' in page
    if typed.get("message"):
        assert typed["message"] in page  # all 20,000 characters too: the person can shorten it
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


# --- Spam defence ------------------------------------------------------------------------------------


def test_the_page_says_how_many_fields_need_correcting(client, django_capture_on_commit_callbacks):
    page = send(client, django_capture_on_commit_callbacks, phone="1", email="x").content.decode()
    assert "Please correct the 2 fields marked below." in page
    page = client.get(CONTACT).content.decode()
    assert "Please correct" not in page


def test_a_filled_honeypot_is_kept_as_spam_and_mails_nobody(client, django_capture_on_commit_callbacks):
    response = send(client, django_capture_on_commit_callbacks, website="http://cheap-pills.example")
    # The robot sees the same thank-you page as a person.
    assert response.status_code == 302 and response["Location"] == THANKS
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.SPAM
    assert enquiry.spam_reason == "honeypot"
    assert enquiry.message == "Where can I buy the print edition in Jorhat town?"
    assert mail.outbox == []
    assert enquiry.reference in client.get(THANKS).content.decode()


def test_a_forged_timestamp_is_kept_as_spam(client, django_capture_on_commit_callbacks):
    response = send(client, django_capture_on_commit_callbacks, form_stamp="12345:forged")
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.status, enquiry.spam_reason) == (Enquiry.Status.SPAM, "bad_stamp")
    assert mail.outbox == []


def test_spam_with_invalid_fields_is_still_kept(client, django_capture_on_commit_callbacks):
    send(client, django_capture_on_commit_callbacks, website="x", email="not-an-address", consent=None)
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.SPAM
    assert enquiry.email == "not-an-address"


def test_a_form_sent_too_fast_asks_to_send_again_and_keeps_the_text(client, django_capture_on_commit_callbacks):
    response = send(client, django_capture_on_commit_callbacks, form_stamp=make_form_stamp(time.time()))
    assert response.status_code == 200
    page = response.content.decode()
    assert "That was faster than we expected. Please wait a moment and send it again." in page
    assert "Where can I buy the print edition in Jorhat town?" in page
    assert Enquiry.objects.count() == 0


def test_a_form_left_open_too_long_asks_to_send_again_and_keeps_the_text(client, django_capture_on_commit_callbacks):
    response = send(client, django_capture_on_commit_callbacks, form_stamp=make_form_stamp(time.time() - 3 * 3600))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This form was open for too long." in page
    assert "Where can I buy the print edition in Jorhat town?" in page
    assert Enquiry.objects.count() == 0


def test_the_form_shown_again_carries_a_fresh_stamp_that_works(client, django_capture_on_commit_callbacks, settings):
    response = send(client, django_capture_on_commit_callbacks, form_stamp=make_form_stamp(time.time()))
    fresh = response.context["form"]["form_stamp"].value()
    settings.SPAM_FORM_MIN_SECONDS = 0
    assert send(client, django_capture_on_commit_callbacks, form_stamp=fresh).status_code == 302


def test_too_many_enquiries_from_one_address_are_held_back_with_the_text_kept(
    client, django_capture_on_commit_callbacks, settings
):
    settings.ENQUIRY_RATE_LIMIT = "2/10m"
    for n in range(2):
        assert send(client, django_capture_on_commit_callbacks, subject=f"Message {n}").status_code == 302
    response = send(client, django_capture_on_commit_callbacks, subject="Message three")
    assert response.status_code == 429
    page = response.content.decode()
    assert "You have sent several messages in a short time." in page
    assert 'value="Message three"' in page
    assert "Where can I buy the print edition in Jorhat town?" in page
    assert Enquiry.objects.count() == 2
    # Somebody else, at another address, is not held back.
    other = client.post(CONTACT, enquiry_form_data(), REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


def test_mistakes_corrected_do_not_count_against_the_rate_limit(client, django_capture_on_commit_callbacks, settings):
    settings.ENQUIRY_RATE_LIMIT = "1/10m"
    for bad_phone in ["1", "12", "123"]:
        assert send(client, django_capture_on_commit_callbacks, phone=bad_phone).status_code == 200
    assert send(client, django_capture_on_commit_callbacks).status_code == 302
    assert Enquiry.objects.count() == 1


def test_robots_flooding_the_form_are_held_back_too(client, django_capture_on_commit_callbacks, settings):
    settings.ENQUIRY_RATE_LIMIT = "2/10m"
    for _n in range(3):
        response = send(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 429
    assert Enquiry.objects.filter(status=Enquiry.Status.SPAM).count() == 2


# --- The story concerned --------------------------------------------------------------------------------


def test_a_correction_request_naming_a_story_address_links_the_story(client, django_capture_on_commit_callbacks):
    story = make_article(headline="Flood waters rise in Majuli")
    message = f"Your story http://testserver{story.get_absolute_url()}. has the wrong district."
    send(client, django_capture_on_commit_callbacks, kind="correction", message=message)
    enquiry = Enquiry.objects.get()
    assert enquiry.related_article == story
    notification = next(m for m in mail.outbox if m.to != ["ritu@example.com"])
    assert "Flood waters rise in Majuli" in notification.body


def test_an_assamese_story_address_links_the_story_too(client, django_capture_on_commit_callbacks):
    story = make_article(headline="Bihu", slug="বিহু-উৎসৱ")
    send(
        client,
        django_capture_on_commit_callbacks,
        kind="correction",
        story_url=f"http://testserver/as/news/{quote(story.slug)}/",  # as a browser copies it
    )
    assert Enquiry.objects.get().related_article == story


def test_an_address_on_another_site_links_no_story(client, django_capture_on_commit_callbacks):
    story = make_article()
    send(
        client,
        django_capture_on_commit_callbacks,
        kind="correction",
        message=f"See https://elsewhere.example{story.get_absolute_url()}",
    )
    assert Enquiry.objects.get().related_article is None


def test_an_enquiry_sent_from_the_assamese_page_remembers_its_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/as/contact/", enquiry_form_data())
    assert response.status_code == 302
    assert response["Location"] == "/as" + THANKS
    assert Enquiry.objects.get().language == "as"


def test_the_assamese_page_shows_the_directions_in_assamese(client):
    ContactDetails.objects.create(
        address="Panbazar",
        email="office@example.com",
        phones="+91 361 111",
        directions_en="Opposite the museum gate.",
        directions_as="সংগ্ৰহালয়ৰ গেটৰ বিপৰীতে।",
    )
    assert "সংগ্ৰহালয়ৰ গেটৰ বিপৰীতে।" in client.get("/as/contact/").content.decode()
    assert "Opposite the museum gate." in client.get(CONTACT).content.decode()


def test_the_rate_limit_message_is_announced_above_the_form(client, django_capture_on_commit_callbacks, settings):
    settings.ENQUIRY_RATE_LIMIT = "1/10m"
    send(client, django_capture_on_commit_callbacks)
    page = send(client, django_capture_on_commit_callbacks).content.decode()
    message_at = page.index("You have sent several messages in a short time.")
    assert page.rindex('role="alert"', 0, message_at) > page.index("<h1")
    assert message_at < page.index('<form method="post" action="/contact/"')


@pytest.mark.parametrize("field", ["name", "email", "subject", "message"])
def test_a_nul_in_any_field_gets_a_message_on_the_page_not_a_500(client, django_capture_on_commit_callbacks, field):
    value = enquiry_form_data()[field]
    client.raise_request_exception = False
    response = send(client, django_capture_on_commit_callbacks, **{field: value[:3] + "\x00" + value[3:]})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("field", ["name", "message"])
def test_a_spam_flagged_post_with_a_nul_is_still_kept(client, django_capture_on_commit_callbacks, field):
    value = enquiry_form_data()[field]
    client.raise_request_exception = False
    honeypot = {"website": "http://spam.example"}
    response = send(client, django_capture_on_commit_callbacks, **honeypot, **{field: f"\x00{value}"})

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.SPAM
    assert getattr(enquiry, field) == value
