import time

import pytest

from articles.tests.factories import make_article
from enquiries.forms import EnquiryForm
from enquiries.tests.conftest import enquiry_form_data
from newsroom.shared.antispam import make_form_stamp

pytestmark = pytest.mark.django_db

HOSTS = {"testserver"}


def form_for(**overrides):
    return EnquiryForm(data=enquiry_form_data(**overrides), hosts=HOSTS)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("98640 12345", "+919864012345"),
        ("+91 98640-12345", "+919864012345"),
        ("098640 12345", "+919864012345"),
        ("0361 254 0000", "+913612540000"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_indian_and_international_phone_numbers_are_stored_in_one_form(typed, stored):
    form = form_for(phone=typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize("typed", ["12345", "call me", "98640 1234567890", "+1 555"])
def test_a_wrong_phone_number_is_refused_with_an_example_of_a_right_one(typed):
    form = form_for(phone=typed)
    assert not form.is_valid()
    assert "valid phone number, for example 98640 12345" in form.errors["phone"][0]


def test_the_phone_number_is_optional():
    form = form_for(phone="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == ""


def test_a_20000_character_message_is_refused_with_the_limit_and_its_length():
    form = form_for(message="x" * 20_000)
    assert not form.is_valid()
    assert form.errors["message"] == [
        "Your message is too long: please shorten it to 5000 characters or fewer (it has 20000)."
    ]


def test_a_message_of_exactly_5000_characters_is_accepted():
    assert form_for(message="x" * 5000).is_valid()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Please tell us your name."),
        ("email", "Please give an e-mail address, so that we can answer you."),
        ("subject", "Please give your message a subject."),
        ("message", "Please write your message."),
        ("consent", "Please agree, so that we may keep your details and answer you."),
    ],
)
def test_each_missing_field_says_what_is_missing(field, message):
    form = form_for(**{field: None})
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_bad_email_address_is_refused():
    form = form_for(email="ritu@")
    assert not form.is_valid()
    assert form.errors["email"] == ["Please enter a valid e-mail address, like name@example.com."]


def test_the_subject_is_kept_on_one_line():
    form = form_for(subject="Hello\r\nBcc: victim@example.com")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["subject"] == "Hello Bcc: victim@example.com"


def test_an_unknown_type_is_refused():
    form = form_for(kind="lottery")
    assert not form.is_valid()
    assert "kind" in form.errors


def test_a_story_address_on_our_site_finds_the_story():
    story = make_article(headline="Flood in Majuli")
    form = form_for(kind="correction", story_url=f"http://testserver{story.get_absolute_url()}")
    assert form.is_valid(), form.errors
    assert form.story == story


def test_a_story_address_that_is_not_one_of_ours_is_refused_with_advice():
    make_article(headline="Flood in Majuli")
    form = form_for(kind="correction", story_url="https://elsewhere.example/news/flood-in-majuli/")
    assert not form.is_valid()
    assert "could not find one of our stories" in form.errors["story_url"][0]


def test_a_draft_story_address_is_not_found():
    draft = make_article(published=False)
    form = form_for(story_url=draft.get_absolute_url())
    assert not form.is_valid()


def test_a_filled_honeypot_marks_the_form_as_spam():
    form = form_for(website="http://cheap-pills.example")
    assert not form.is_valid()
    assert form.is_spam


def test_a_form_sent_too_fast_is_not_spam_but_must_be_sent_again():
    form = form_for(form_stamp=make_form_stamp(time.time()))
    assert not form.is_valid()
    assert not form.is_spam
    assert form.spam_reason == "too_fast"


def test_submitted_data_keeps_what_was_typed_even_where_invalid():
    form = form_for(website="spam", email="not-an-address", phone="12")
    form.is_valid()
    data = form.submitted_data()
    assert data["email"] == "not-an-address"
    assert data["phone"] == "12"
    assert data["subject"] == "Print edition in Jorhat"
    assert data["consent"] is True
