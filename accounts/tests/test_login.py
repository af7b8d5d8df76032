"""Reporter Login by e-mail, lock-out after repeated failures, logging, logout, password reset and change."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import (
    PASSWORD,
    make_approved_reporter,
    make_pending_reporter,
    make_unconfirmed_reporter,
)
from accounts.tests.failing_mail import PATH as FAILING_MAIL
from articles.tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR="10.0.0.5")


def test_the_login_form_asks_for_an_email_address(client):
    html = client.get(LOGIN).content.decode()
    assert "Reporter Login" in html
    assert 'type="email" name="username"' in html
    assert re.search(r'for="id_username"[^>]*>\s*E-mail', html)


def test_a_reporter_logs_in_with_their_email_in_any_case_and_lands_on_their_desk(client, caplog):
    reporter = make_approved_reporter()
    with caplog.at_level(logging.INFO, logger="accounts"):
        response = login(client, reporter.user.email.upper())
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:desk")
    assert client.get(reverse("articles:desk")).context["user"] == reporter.user
    assert any(r.name == "accounts" and getattr(r, "event", "") == "login" for r in caplog.records)


def test_a_wrong_password_is_refused_and_logged_without_the_password(client, caplog):
    reporter = make_approved_reporter()
    with caplog.at_level(logging.INFO, logger="accounts"):
        response = login(client, reporter.user.email, "not-the-password-1")
    assert response.status_code == 200
    assert "The e-mail address or the password is not right." in response.content.decode()
    failed = [r for r in caplog.records if getattr(r, "event", "") == "login_failed"]
    assert failed and reporter.user.email in failed[0].getMessage()
    assert "not-the-password-1" not in caplog.text


def test_an_unconfirmed_reporter_is_asked_to_confirm_first(client):
    reporter = make_unconfirmed_reporter()
    response = login(client, reporter.user.email)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Confirm your e-mail address first" in html
    assert "_auth_user_id" not in client.session


def test_a_pending_reporter_can_log_in_and_sees_they_await_approval(client):
    reporter = make_pending_reporter()
    login(client, reporter.user.email)
    html = client.get(reverse("articles:desk")).content.decode()
    assert "Your account is awaiting approval" in html
    assert reverse("articles:story-create") not in html


def test_repeated_failures_lock_the_account_out_with_a_clear_page(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_SLOWDOWN_AFTER = 100  # django-axes' lock-out alone
    reporter = make_approved_reporter()
    for _attempt in range(3):
        login(client, reporter.user.email, "wrong-password-0")
    response = login(client, reporter.user.email)  # even the right password is refused for a while
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed log-ins" in html
    assert "Try again in 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client):
    reporter = make_approved_reporter()
    client.force_login(reporter.user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, django_capture_on_commit_callbacks):
    reporter = make_approved_reporter()
    url = reverse("accounts:password-reset")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": reporter.user.email})
        unknown = client.post(url, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reporter.user.email]


def test_a_reporter_chooses_a_new_password_through_the_emailed_link_once(client, django_capture_on_commit_callbacks):
    reporter = make_approved_reporter()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": reporter.user.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "kaziranga-rhino-2026", "new_password2": "kaziranga-rhino-2026"})
    assert done["Location"] == reverse("accounts:password-reset-complete")
    reporter.user.refresh_from_db()
    assert reporter.user.check_password("kaziranga-rhino-2026")
    again = client.get(link, follow=True)
    assert "This link does not work" in again.content.decode()
    assert reverse("accounts:password-reset") in again.content.decode()


def test_password_reset_survives_a_failing_mail_server(client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_MAIL
    reporter = make_approved_reporter()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": reporter.user.email})
    assert response.status_code == 302


def test_password_reset_requests_are_throttled(client, settings):
    settings.ACCOUNTS_FORM_RATE = "1/h"
    url = reverse("accounts:password-reset")
    client.post(url, {"email": "a@example.com"})
    response = client.post(url, {"email": "b@example.com"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert 'value="b@example.com"' in response.content.decode()


def test_a_reporter_changes_their_password(client):
    reporter = make_approved_reporter()
    client.force_login(reporter.user)
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": "manas-tiger-reserve-9", "new_password2": "manas-tiger-reserve-9"},
    )
    assert response["Location"] == reverse("accounts:password-change-done")
    reporter.user.refresh_from_db()
    assert reporter.user.check_password("manas-tiger-reserve-9")


def test_failures_against_many_accounts_from_one_address_lock_that_address(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    settings.LOGIN_SLOWDOWN_AFTER = settings.LOGIN_SLOWDOWN_ADDRESS_AFTER = 100  # the lock-out alone
    reporters = [make_approved_reporter() for _ in range(4)]
    for reporter in reporters[:3]:
        login(client, reporter.user.email, "wrong-password-0")
    response = login(client, reporters[3].user.email)
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode() and "Try again in 15 minutes" in response.text
    credentials = {"username": reporters[3].user.email, "password": PASSWORD}
    desk = client.post("/admin/login/", credentials, REMOTE_ADDR="10.0.0.5")
    assert desk.status_code == 429


def test_one_colleagues_typos_never_lock_out_the_rest_of_the_office(client, settings):
    settings.LOGIN_SLOWDOWN_AFTER = 100  # django-axes' lock-out alone
    careless, colleague = make_approved_reporter(), make_approved_reporter()
    for _attempt in range(8):
        login(client, careless.user.email, "wrong-password-0")
    assert login(client, careless.user.email).status_code == 429  # that account, from that address
    assert login(client, colleague.user.email).status_code == 302  # everybody else in the office


def test_a_password_reset_ends_the_lock_out_of_the_account(client, settings, django_capture_on_commit_callbacks):
    settings.LOGIN_SLOWDOWN_AFTER = 100
    reporter = make_approved_reporter()
    for _attempt in range(5):
        login(client, reporter.user.email, "wrong-password-0")
    assert login(client, reporter.user.email).status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": reporter.user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = {"new_password1": "a-brand-new-pass-77", "new_password2": "a-brand-new-pass-77"}
    client.post(form_page.redirect_chain[-1][0], new_password)

    assert login(client, reporter.user.email, "a-brand-new-pass-77").status_code == 302


def test_failures_against_an_account_from_elsewhere_never_lock_its_owner_out(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_SLOWDOWN_AFTER = 100  # django-axes' lock-out alone
    reporter = make_approved_reporter()
    for n in range(6):
        client.post(LOGIN, {"username": reporter.user.email, "password": "wrong-0"}, REMOTE_ADDR=f"10.0.1.{n % 2}")
    # The guesser's addresses are refused, even with the right password...
    assert (
        client.post(LOGIN, {"username": reporter.user.email, "password": PASSWORD}, REMOTE_ADDR="10.0.1.0").status_code
        == 429
    )
    # ...and the owner, from their own address, logs in.
    response = client.post(LOGIN, {"username": reporter.user.email, "password": PASSWORD}, REMOTE_ADDR="10.0.2.9")
    assert response.status_code == 302


def test_the_admin_log_in_is_not_locked_for_an_editor_by_a_strangers_failures(client, settings):
    from accounts.tests.factories import make_editor

    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_SLOWDOWN_AFTER = 100
    editor = make_editor(email="editor@example.com", password=PASSWORD)
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "editor@example.com", "password": "x"}, REMOTE_ADDR="198.51.100.7")
    response = client.post(
        "/admin/login/", {"username": editor.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.50"
    )
    assert response.status_code == 302


def test_changing_the_letter_case_of_an_address_does_not_escape_the_count(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_SLOWDOWN_AFTER = 100
    make_approved_reporter(user=make_user(email="chandana@example.com"))
    for typed in ("Chandana@example.com", "cHandana@example.com", " CHANDANA@EXAMPLE.COM "):
        login(client, typed, "wrong-password-0")
    response = login(client, "chandaNA@example.com")
    assert response.status_code == 429
    assert "Choose a new one" in response.content.decode()  # the way out: a password reset


def test_failed_logins_are_slowed_before_they_are_refused(client, settings):
    from django.core.cache import cache

    settings.AXES_FAILURE_LIMIT = 5
    reporter = make_approved_reporter()
    for _attempt in range(2):
        assert login(client, reporter.user.email, "wrong-password-0").status_code == 200
    # The third attempt right away is not even checked, even with the right password.
    response = login(client, reporter.user.email)
    assert response.status_code == 429
    assert "wait 2 seconds before trying again" in response.content.decode()
    assert response["Retry-After"] == "2"
    assert reporter.user.email in response.content.decode()  # what was typed is kept
    assert "_auth_user_id" not in client.session
    # Once the wait is over (the last failure moved 3 s into the past), the right password works.
    from django.test import RequestFactory

    from accounts import slowdown

    for key, _after, _longest in slowdown._keys(
        RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.5"), reporter.user.email
    ):
        failures, last = cache.get(key)
        cache.set(key, (failures, last - 3), 60)
    assert login(client, reporter.user.email).status_code == 302


def test_wrong_passwords_from_many_addresses_never_keep_the_owner_out_for_long(client, settings):
    from django.test import RequestFactory

    from accounts import slowdown

    editor = make_approved_reporter()
    for n in range(40):  # a guesser changing address every time, one wrong password each
        client.post(LOGIN, {"username": editor.user.email.upper(), "password": "wrong"}, REMOTE_ADDR=f"10.9.{n}.1")

    owner = RequestFactory().post(LOGIN, REMOTE_ADDR="203.0.113.50")
    assert slowdown.seconds_to_wait(owner, editor.user.email) <= settings.LOGIN_SLOWDOWN_ACCOUNT_MAX_SECONDS
    from django.core.cache import cache

    for key, _after, _longest in slowdown._keys(owner, editor.user.email):  # those few seconds pass
        if (entry := cache.get(key)) is not None:
            cache.set(key, (entry[0], entry[1] - settings.LOGIN_SLOWDOWN_ACCOUNT_MAX_SECONDS - 1), 60)
    response = client.post(LOGIN, {"username": editor.user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 302


def test_the_desk_says_how_many_seconds_a_slowed_log_in_must_wait(client, settings):
    reporter = make_approved_reporter()
    for _attempt in range(2):
        client.post("/admin/login/", {"username": reporter.user.email, "password": "x"}, REMOTE_ADDR="10.0.0.5")
    response = client.post("/admin/login/", {"username": reporter.user.email, "password": "x"}, REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 429
    assert "Try again in 2 seconds." in response.content.decode()
