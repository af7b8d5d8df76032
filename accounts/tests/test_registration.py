"""Reporter Registration: the form, the confirmation link, no user enumeration, throttling, mail failures."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from accounts.models import Reporter, User
from accounts.phone import normalise_indian_mobile
from accounts.tests.factories import make_unconfirmed_reporter
from accounts.tests.failing_mail import PATH as FAILING_MAIL

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")


def form_data(**overrides):
    data = {
        "full_name": "Anjali Baruah",
        "email": "anjali@example.com",
        "phone": "+91 98765-43210",
        "district": "Kamrup Metropolitan",
        "bio": "I report on the Brahmaputra and its people.",
        "password1": "brahmaputra-flows-east-42",
        "password2": "brahmaputra-flows-east-42",
        "consent": "on",
    }
    data.update(overrides)
    return data


def register(client, capture, **overrides):
    with capture(execute=True):
        return client.post(REGISTER, form_data(**overrides))


def confirmation_link(message):
    return re.search(r"https?://\S+?(/accounts/confirm/\S+/)", message.body).group(1)


def test_registration_page_has_every_field_with_a_label(client):
    response = client.get(REGISTER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reporter Registration" in html
    for name in ("full_name", "email", "phone", "district", "bio", "photo", "password1", "password2", "consent"):
        assert f'name="{name}"' in html
        assert f'for="id_{name}"' in html


def test_registering_creates_a_pending_unconfirmed_reporter_and_sends_a_link(
    client, django_capture_on_commit_callbacks
):
    response = register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register-done")
    reporter = Reporter.objects.get(user__email="anjali@example.com")
    assert reporter.status == Reporter.Status.PENDING
    assert reporter.email_confirmed_at is None
    assert reporter.terms_accepted_at is not None
    assert reporter.phone == "+919876543210"
    assert reporter.user.check_password("brahmaputra-flows-east-42")
    assert reporter.user.groups.filter(name="Reporter").exists()
    assert not reporter.can_file
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anjali@example.com"]
    assert "/accounts/confirm/" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "anjali@example.com" in page


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("9876543210", "+919876543210"),
        ("+91 98765 43210", "+919876543210"),
        ("+91-98765-43210", "+919876543210"),
        ("09876543210", "+919876543210"),
        ("919876543210", "+919876543210"),
        ("6000012345", "+916000012345"),
    ],
)
def test_indian_mobile_numbers_are_stored_in_one_form(typed, stored):
    assert normalise_indian_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "5876543210", "+44 7911 123456", "98765432100", "abcdefghij"])
def test_numbers_that_are_not_indian_mobiles_are_refused_with_a_message(client, typed):
    response = client.post(REGISTER, form_data(phone=typed))
    assert response.status_code == 200
    assert "10-digit Indian mobile number" in response.content.decode()
    assert not User.objects.exists()


def test_an_address_already_registered_answers_like_a_new_one_and_tells_its_owner(
    client, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks)
    client.get(confirmation_link(mail.outbox[0]))
    mail.outbox.clear()
    other = client.__class__()
    response = register(
        other, django_capture_on_commit_callbacks, email="ANJALI@Example.com", full_name="Somebody Else"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register-done")
    assert User.objects.count() == 1
    assert User.objects.get().full_name == "Anjali Baruah"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anjali@example.com"]
    assert "tried to register" in mail.outbox[0].subject
    assert "/accounts/confirm/" not in mail.outbox[0].body


def test_a_weak_or_mistyped_password_is_refused_and_the_form_kept(client):
    response = client.post(REGISTER, form_data(password1="12345678", password2="12345678"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "too common" in html or "entirely numeric" in html
    assert 'value="Anjali Baruah"' in html
    response = client.post(REGISTER, form_data(password2="something-else-entirely-9"))
    assert "The two passwords are not the same." in response.content.decode()
    assert not User.objects.exists()


def test_consent_to_the_terms_is_required(client):
    data = form_data()
    del data["consent"]
    response = client.post(REGISTER, data)
    assert "You must agree to the terms to register." in response.content.decode()
    assert not User.objects.exists()


def test_a_photo_is_kept_without_its_location_data(client, photo_bytes, django_capture_on_commit_callbacks):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: must not survive
    upload = SimpleUploadedFile("me.jpg", photo_bytes(exif=exif.tobytes()), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER, {**form_data(), "photo": upload})
    assert response.status_code == 302
    reporter = Reporter.objects.get()
    with Image.open(reporter.photo.open("rb")) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()


def test_a_file_that_is_not_a_photo_is_refused_on_the_form(client):
    upload = SimpleUploadedFile("me.jpg", b"this is not a photo at all", content_type="image/jpeg")
    response = client.post(REGISTER, {**form_data(), "photo": upload})
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not User.objects.exists()


def test_a_gif_is_refused_by_the_photo_rules(client):
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), (200, 0, 0)).save(buffer, format="GIF")
    upload = SimpleUploadedFile("me.gif", buffer.getvalue(), content_type="image/gif")
    response = client.post(REGISTER, {**form_data(), "photo": upload})
    assert "Only JPEG, PNG and WebP photos are accepted." in response.content.decode()
    assert not User.objects.exists()


def test_the_confirmation_link_confirms_the_address_once(client, django_capture_on_commit_callbacks, settings):
    settings.STAFF_NOTIFY_EMAILS = ["desk@example.com"]
    register(client, django_capture_on_commit_callbacks)
    link = confirmation_link(mail.outbox[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)
    assert response.status_code == 200
    assert "your e-mail address is confirmed" in response.content.decode()
    reporter = Reporter.objects.get()
    assert reporter.email_confirmed_at is not None
    assert reporter.status == Reporter.Status.PENDING
    assert mail.outbox[0].to == ["desk@example.com"]  # staff hear of a reporter awaiting approval
    again = client.get(link)
    assert again.status_code == 200
    assert "This link has already been used" in again.content.decode()


def test_an_expired_link_says_so_and_offers_a_new_one(client, django_capture_on_commit_callbacks, settings):
    register(client, django_capture_on_commit_callbacks)
    link = confirmation_link(mail.outbox[0])
    settings.ACCOUNTS_CONFIRMATION_MAX_AGE = -1
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in html
    assert reverse("accounts:resend-confirmation") in html
    assert Reporter.objects.get().email_confirmed_at is None


def test_a_tampered_link_is_refused_with_a_clear_page(client, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks)
    link = confirmation_link(mail.outbox[0])
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Reporter.objects.get().email_confirmed_at is None


def test_a_new_link_is_sent_to_an_unconfirmed_reporter_only(client, django_capture_on_commit_callbacks):
    reporter = make_unconfirmed_reporter()
    url = reverse("accounts:resend-confirmation")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": reporter.user.email.upper()})
        unknown = client.post(url, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reporter.user.email]
    assert client.get(confirmation_link(mail.outbox[0])).status_code == 200
    reporter.refresh_from_db()
    assert reporter.email_confirmed_at is not None


def test_a_failing_mail_server_never_loses_a_registration(client, settings, django_capture_on_commit_callbacks, caplog):
    settings.EMAIL_BACKEND = FAILING_MAIL
    response = register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Reporter.objects.filter(user__email="anjali@example.com").exists()
    assert any("Could not send" in record.getMessage() for record in caplog.records)


def test_registrations_from_one_address_are_throttled_with_a_message_and_the_form_kept(client, settings):
    settings.ACCOUNTS_FORM_RATE = "2/h"
    for n in range(2):
        client.post(REGISTER, form_data(email=f"r{n}@example.com"))
    response = client.post(REGISTER, form_data(email="third@example.com", full_name="Third Person"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many attempts" in html
    assert 'value="Third Person"' in html
    assert not User.objects.filter(email="third@example.com").exists()
    assert Group.objects.filter(name="Reporter").exists()


def test_a_logged_in_user_is_sent_to_their_desk_instead_of_registering(client):
    from accounts.tests.factories import make_approved_reporter

    client.force_login(make_approved_reporter().user)
    assert client.get(REGISTER)["Location"] == reverse("articles:desk")


def test_each_form_has_its_own_throttle(client, settings):
    settings.ACCOUNTS_FORM_RATE = "1/h"
    client.post(REGISTER, form_data())
    assert client.post(reverse("accounts:password-reset"), {"email": "a@example.com"}).status_code == 302
    assert client.post(reverse("accounts:resend-confirmation"), {"email": "a@example.com"}).status_code == 302
    assert client.post(REGISTER, form_data(email="again@example.com")).status_code == 429


def test_registering_again_before_confirming_sends_a_fresh_link_and_keeps_the_first_details(
    client, django_capture_on_commit_callbacks
):
    register(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    response = register(client.__class__(), django_capture_on_commit_callbacks, full_name="Changed Name")
    assert response["Location"] == reverse("accounts:register-done")
    assert User.objects.get().full_name == "Anjali Baruah"
    assert "/accounts/confirm/" in mail.outbox[0].body


@given(
    first=st.sampled_from("6789"),
    rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
    prefix=st.sampled_from(["", "+91", "+91 ", "0", "91", "+91-"]),
    separator=st.sampled_from(["", " ", "-"]),
)
def test_any_indian_mobile_however_typed_is_stored_as_plus91_and_ten_digits(first, rest, prefix, separator):
    digits = first + rest
    typed = prefix + digits[:5] + separator + digits[5:]
    assert normalise_indian_mobile(typed) == "+91" + digits
