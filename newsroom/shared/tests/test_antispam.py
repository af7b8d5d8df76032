import time

from django import forms

from newsroom.shared.antispam import SpamProtectedForm, make_form_stamp


class MessageForm(SpamProtectedForm):
    message = forms.CharField()


def _data(**overrides):
    return {"message": "Hello", "website": "", "form_stamp": make_form_stamp(time.time() - 10), **overrides}


def test_a_person_filling_the_form_normally_gets_through():
    form = MessageForm(data=_data())
    assert form.is_valid(), form.errors
    assert not form.is_spam


def test_a_filled_honeypot_is_refused_as_spam():
    form = MessageForm(data=_data(website="http://spam.example"))
    assert not form.is_valid()
    assert form.is_spam and form.spam_reason == "honeypot"


def test_a_form_sent_faster_than_a_person_could_is_refused_with_a_message():
    form = MessageForm(data=_data(form_stamp=make_form_stamp()))
    assert not form.is_valid()
    assert form.spam_reason == "too_fast"
    assert "faster than we expected" in str(form.errors["form_stamp"])
    assert form.data["message"] == "Hello"


def test_an_expired_or_forged_stamp_is_refused(settings):
    settings.SPAM_FORM_MAX_SECONDS = 60
    expired = MessageForm(data=_data(form_stamp=make_form_stamp(time.time() - 3600)))
    assert not expired.is_valid() and expired.spam_reason == "expired"
    forged = MessageForm(data=_data(form_stamp="12345:forged"))
    assert not forged.is_valid() and forged.is_spam


def test_a_refused_form_is_shown_again_with_a_fresh_stamp():
    form = MessageForm(data=_data(form_stamp=make_form_stamp(time.time() - 2)))
    assert not form.is_valid()
    assert form.data["form_stamp"] != form.submitted_stamp
