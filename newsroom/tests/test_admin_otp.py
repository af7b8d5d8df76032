"""Staff's second factor: with STAFF_REQUIRE_2FA on, the desk opens only after a TOTP code.

Issue #16, finding 1: the set-up page used to show a secret to whoever had the password, kept it
in the database and showed the same one on every visit, so a stolen password of a staff member
not yet enrolled gave a working second factor for good. Now only the account's owner, through a
set-up link e-mailed to their own address, sees a secret, made for that one page.
"""

import base64
import re
import shutil
import time
from datetime import datetime, timedelta

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.test import Client, TestCase
from django.utils.http import urlencode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.tests.factories import make_user
from newsroom import otp
from tests.test_page_quality import VNU, nu_errors

PASSWORD = "a-long-test-password-42"
SECRET = re.compile(r'class="desk-otp-secret">([A-Z2-7 ]+)<')
BASE32_KEY = re.compile(r"[A-Z2-7]{4}(?: [A-Z2-7]{4}){7}")
LINK = re.compile(r"https?://\S+/admin/2fa/setup/[^/\s]+/[^/\s]+/")
RECOVERY_CODE = re.compile(r'<code class="desk-otp-secret">([2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4})</code>')


@pytest.fixture
def staff(db):
    return make_user(email="editor@example.com", full_name="Rima Baruah", is_staff=True, is_superuser=True)


@pytest.fixture
def colleague(db):
    return make_user(email="moni@example.com", full_name="Moni Saikia", is_staff=True)


@pytest.fixture
def second_factor_on(settings):
    settings.STAFF_REQUIRE_2FA = True


def code_for(device, *, offset=0):
    """What the staff member's authenticator app shows now (or `offset` steps away)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def key_of(secret):
    """The key an authenticator app reads off the set-up page (base32, in groups of four)."""
    text = secret.replace(" ", "")
    return base64.b32decode(text + "=" * (-len(text) % 8))


def code_from_secret(secret, *, offset=0):
    """What an authenticator app shows for a key read off the set-up page."""
    return f"{totp(key_of(secret), drift=offset):06d}"


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def ask_for_a_link(client, mailoutbox):
    """Press "E-mail me a set-up link"; the link as the mail carries it."""
    before = len(mailoutbox)
    # The link waits in the outbox until the request's transaction commits, then goes out.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/admin/2fa/setup/link/", {"next": "/admin/"})
    assert response.status_code == 302
    assert len(mailoutbox) == before + 1
    return LINK.search(mailoutbox[-1].body).group(0)


def open_link(client, link):
    return client.get(link.split("testserver", 1)[1])


def secret_shown(client):
    page = client.get("/admin/2fa/setup/")
    assert page.status_code == 200
    return SECRET.search(page.text).group(1)


def enrol(client, mailoutbox):
    """The owner's whole set-up: link, secret, first code. Returns (secret, recovery codes page)."""
    open_link(client, ask_for_a_link(client, mailoutbox))
    secret = secret_shown(client)
    done = client.post("/admin/2fa/setup/", {"token": code_from_secret(secret), "next": "/admin/"})
    assert done.status_code == 200
    return secret, done


# --- the desk asks for the second factor --------------------------------------------------------


def test_with_the_setting_off_the_desk_opens_with_the_password_alone(client, settings, staff):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Work waiting" in response.text


def test_staff_without_a_device_cannot_open_the_desk_and_is_sent_to_set_one_up(client, second_factor_on, staff):
    client.force_login(staff)

    for path in ["/admin/", "/admin/articles/article/", "/admin/accounts/user/", "/as/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/admin/2fa/setup/" in response["Location"], path


# --- finding 1: a password alone never sees a secret ------------------------------------------


def test_a_password_alone_sees_no_secret_on_the_setup_page_only_a_button_that_e_mails_a_link(
    client, second_factor_on, staff
):
    client.force_login(staff)

    page = client.get("/admin/2fa/setup/?next=/admin/")

    assert page.status_code == 200
    assert "desk-otp-secret" not in page.text
    assert not BASE32_KEY.search(page.text)
    assert "data:image/svg+xml" not in page.text and "otpauth" not in page.text
    assert not TOTPDevice.objects.exists()
    form = re.search(r'<form method="post" action="/admin/2fa/setup/link/">(.*?)</form>', page.text, re.S).group(1)
    assert 'name="csrfmiddlewaretoken"' in form
    assert "E-mail me a set-up link" in form
    assert "editor@example.com" in page.text
    # The admin's navigation stays hidden until the second factor is given.
    assert "/admin/articles/article/" not in page.text


def test_a_password_alone_cannot_confirm_a_device_with_any_code(client, second_factor_on, staff):
    client.force_login(staff)
    client.get("/admin/2fa/setup/")

    response = client.post("/admin/2fa/setup/", {"token": "123456", "next": "/admin/"})

    assert response.status_code == 403
    assert "E-mail me a set-up link" in response.text
    assert not TOTPDevice.objects.exists()
    assert client.get("/admin/").status_code == 302


def test_a_secret_read_before_the_fix_is_deleted_and_never_opens_the_desk(second_factor_on, staff, mailoutbox):
    # The old page stored the secret it showed as an unconfirmed device; an attacker read it.
    read_by_the_attacker = TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=False)
    attacker = logged_in(staff)
    attacker.get("/admin/2fa/setup/")
    assert not TOTPDevice.objects.filter(pk=read_by_the_attacker.pk).exists()

    owner = logged_in(staff)
    secret, _done = enrol(owner, mailoutbox)

    enrolled = TOTPDevice.objects.get(user=staff)
    assert enrolled.key != read_by_the_attacker.key
    assert otp.readable_secret(read_by_the_attacker) != secret
    response = attacker.post("/admin/2fa/verify/", {"token": code_for(read_by_the_attacker), "next": "/admin/"})
    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert attacker.get("/admin/").status_code == 302


def test_the_owner_enrols_with_a_link_e_mailed_to_their_own_address_and_a_secret_the_attacker_never_saw(
    second_factor_on, staff, mailoutbox
):
    attacker = logged_in(staff)
    seen_by_the_attacker = [attacker.get("/admin/2fa/setup/").text for _ in range(2)]
    with TestCase.captureOnCommitCallbacks(execute=True):
        attacker.post("/admin/2fa/setup/link/")  # the link goes to the owner's mailbox, not to the attacker
    assert [message.to for message in mailoutbox] == [["editor@example.com"]]

    owner = logged_in(staff)
    link = ask_for_a_link(owner, mailoutbox)
    opened = open_link(owner, link)
    assert opened.status_code == 302
    assert opened["Location"] == "/admin/2fa/setup/"  # the token is not kept in the address
    page = owner.get(opened["Location"])
    secret = SECRET.search(page.text).group(1)
    assert 'src="data:image/svg+xml;base64,' in page.text
    done = owner.post("/admin/2fa/setup/", {"token": code_from_secret(secret), "next": "/admin/"})

    assert done.status_code == 200
    assert TOTPDevice.objects.get(user=staff, confirmed=True).key == key_of(secret).hex()
    assert all(secret not in text and "desk-otp-secret" not in text for text in seen_by_the_attacker)
    assert owner.get("/admin/").status_code == 200
    # The attacker's session, password only, is now asked for a code it cannot make.
    assert "/admin/2fa/verify/" in attacker.get("/admin/")["Location"]
    assert attacker.get("/admin/2fa/setup/")["Location"].startswith("/admin/2fa/verify/")


def test_opening_the_setup_page_again_shows_a_new_secret_and_the_old_one_no_longer_confirms(
    second_factor_on, staff, mailoutbox
):
    owner = logged_in(staff)
    open_link(owner, ask_for_a_link(owner, mailoutbox))

    first = secret_shown(owner)
    second = secret_shown(owner)

    assert first != second
    assert not TOTPDevice.objects.exists()  # the secret waits in the session, not in the database
    stale = owner.post("/admin/2fa/setup/", {"token": code_from_secret(first), "next": "/admin/"})
    assert stale.status_code == 200
    assert "That code is not right" in stale.text
    assert second in stale.text  # the page shown again keeps the newest secret
    assert not TOTPDevice.objects.exists()
    done = owner.post("/admin/2fa/setup/", {"token": code_from_secret(second), "next": "/admin/"})
    assert done.status_code == 200
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1


def test_a_wrong_code_keeps_the_desk_closed_with_a_message(second_factor_on, staff, mailoutbox):
    owner = logged_in(staff)
    open_link(owner, ask_for_a_link(owner, mailoutbox))
    secret = secret_shown(owner)

    response = owner.post("/admin/2fa/setup/", {"token": wrong(code_from_secret(secret)), "next": "/admin/"})

    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert not TOTPDevice.objects.exists()
    assert owner.get("/admin/").status_code == 302


def test_letters_instead_of_a_code_get_a_clear_message(second_factor_on, staff, mailoutbox):
    owner = logged_in(staff)
    open_link(owner, ask_for_a_link(owner, mailoutbox))
    owner.get("/admin/2fa/setup/")

    response = owner.post("/admin/2fa/setup/", {"token": "abcdef"})

    assert response.status_code == 200
    assert "Type the digits your authenticator app shows." in response.text


def test_enrolling_with_the_first_code_opens_the_desk(second_factor_on, staff, mailoutbox):
    owner = logged_in(staff)
    _secret, done = enrol(owner, mailoutbox)

    assert 'href="/admin/"' in done.text
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed and device.name == "Authenticator app"
    index = owner.get("/admin/")
    assert index.status_code == 200
    assert "Work waiting" in index.text


# --- the set-up link -----------------------------------------------------------------------------


def test_the_setup_link_works_for_one_enrolment(second_factor_on, staff, mailoutbox):
    owner = logged_in(staff)
    link = ask_for_a_link(owner, mailoutbox)
    assert open_link(owner, link).status_code == 302
    assert open_link(owner, link).status_code == 302  # opened twice before enrolling: still the owner's
    secret = secret_shown(owner)
    assert owner.post("/admin/2fa/setup/", {"token": code_from_secret(secret)}).status_code == 200

    again = open_link(owner, link)
    elsewhere = open_link(logged_in(staff), link)

    for response in (again, elsewhere):
        assert response.status_code == 400
        assert "This set-up link has been used already, has expired" in response.text


def log_in_through_the_form(client, user, *, next_url):
    """The admin's log-in page, as a person types into it (last_login is stamped, as in real life)."""
    response = client.post(
        f"/admin/login/?{urlencode({'next': next_url})}",
        {"username": user.email, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    return response


def enrols_with(client):
    """This session, shown a secret, confirms it with the first code: True when the desk took it."""
    secret = secret_shown(client)
    done = client.post("/admin/2fa/setup/", {"token": code_from_secret(secret), "next": "/admin/"})
    return done.status_code == 200 and len(RECOVERY_CODE.findall(done.text)) == 10


def test_a_mail_scanner_opening_the_link_without_cookies_does_not_use_it_up(second_factor_on, staff, mailoutbox):
    link = ask_for_a_link(logged_in(staff), mailoutbox)
    path = link.split("testserver", 1)[1]

    # A scanner fetches the link, each time with no cookies, and follows where it leads.
    scans = [Client().get(path), Client().head(path), Client().get(path, follow=True)]

    assert [scan.status_code for scan in scans[:2]] == [302, 302]
    assert scans[0]["Location"] == f"/admin/login/?next={path}"
    assert scans[2].status_code == 200  # the log-in page, nothing more
    assert "desk-otp-secret" not in scans[2].text
    # The owner, later, on a phone not yet logged in: the log-in leads back to the link, which still works.
    phone = Client()
    login = log_in_through_the_form(phone, staff, next_url=path)
    assert login["Location"] == path
    opened = phone.get(login["Location"])
    assert opened.status_code == 302
    assert opened["Location"] == "/admin/2fa/setup/"
    assert enrols_with(phone)
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1


def test_a_link_preview_bot_does_not_use_up_the_link(second_factor_on, staff, mailoutbox):
    owner = logged_in(staff)
    link = ask_for_a_link(owner, mailoutbox)
    bot = Client(headers={"user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"})

    preview = open_link(bot, link)
    open_link(bot, link)  # previews are fetched again, in the same cookie jar

    assert preview.status_code == 302
    assert preview["Location"].startswith("/admin/login/")
    assert open_link(owner, link).status_code == 302
    assert enrols_with(owner)


def test_opening_the_link_as_another_account_does_not_use_it_up(second_factor_on, staff, colleague, mailoutbox):
    link = ask_for_a_link(logged_in(staff), mailoutbox)
    path = link.split("testserver", 1)[1]
    other = logged_in(colleague)
    assert open_link(other, link).status_code == 403
    assert open_link(other, link).status_code == 403
    stranger = Client()
    open_link(stranger, link)
    assert stranger.get(log_in_through_the_form(stranger, colleague, next_url=path)["Location"]).status_code == 403

    owner = Client()
    opened = owner.get(log_in_through_the_form(owner, staff, next_url=path)["Location"])

    assert opened.status_code == 302
    assert enrols_with(owner)
    # Enrolled: now the link is spent, for everyone.
    assert open_link(owner, link).status_code == 400
    assert open_link(other, link).status_code == 400


def test_the_setup_link_expires_after_an_hour(second_factor_on, staff, mailoutbox, monkeypatch):
    owner = logged_in(staff)
    link = ask_for_a_link(owner, mailoutbox)
    monkeypatch.setattr(otp.setup_link_tokens, "_now", lambda: datetime.now() + timedelta(minutes=61))

    response = open_link(owner, link)

    assert response.status_code == 400
    assert "has expired" in response.text
    assert "desk-otp-secret" not in owner.get("/admin/2fa/setup/").text


def test_the_setup_link_stops_working_when_the_password_changes(second_factor_on, staff, mailoutbox):
    owner = logged_in(staff)
    link = ask_for_a_link(owner, mailoutbox)
    staff.set_password("another-long-password-43")
    staff.save()

    assert open_link(logged_in(staff), link).status_code == 400


def test_the_setup_link_refuses_another_logged_in_user_and_still_works_for_its_owner(
    second_factor_on, staff, colleague, mailoutbox
):
    owner = logged_in(staff)
    link = ask_for_a_link(owner, mailoutbox)
    other = logged_in(colleague)

    refused = open_link(other, link)

    assert refused.status_code == 403
    assert "This set-up link was sent to another account" in refused.text
    assert "desk-otp-secret" not in other.get("/admin/2fa/setup/").text
    assert open_link(owner, link).status_code == 302
    assert SECRET.search(owner.get("/admin/2fa/setup/").text)


def test_a_setup_link_opened_before_logging_in_sends_to_the_login_and_back(client, second_factor_on, staff, mailoutbox):
    link = ask_for_a_link(logged_in(staff), mailoutbox)

    opened = open_link(client, link)

    assert opened.status_code == 302
    assert opened["Location"].startswith("/admin/login/?next=/admin/2fa/setup/")
    login = client.post(opened["Location"], {"username": staff.email, "password": PASSWORD})
    assert login.status_code == 302
    assert login["Location"] == link.split("testserver", 1)[1]  # back to the link
    back = client.get(login["Location"])
    assert back.status_code == 302
    assert back["Location"] == "/admin/2fa/setup/"
    assert SECRET.search(client.get("/admin/2fa/setup/").text)


def test_a_setup_link_opened_before_logging_in_as_someone_else_is_refused(
    client, second_factor_on, staff, colleague, mailoutbox
):
    link = ask_for_a_link(logged_in(staff), mailoutbox)
    opened = open_link(client, link)

    login = client.post(opened["Location"], {"username": colleague.email, "password": PASSWORD})
    refused = client.get(login["Location"])

    assert refused.status_code == 403
    assert "This set-up link was sent to another account" in refused.text
    assert "desk-otp-secret" not in refused.text
    assert "desk-otp-secret" not in client.get("/admin/2fa/setup/").text
    assert client.post("/admin/2fa/setup/", {"token": "123456"}).status_code == 403


def test_staff_with_a_second_factor_get_no_setup_link_with_the_password_alone(second_factor_on, staff, mailoutbox):
    confirmed_device(staff)
    session = logged_in(staff)

    response = session.post("/admin/2fa/setup/link/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert mailoutbox == []


def test_asking_for_many_setup_links_is_stopped_with_a_message(second_factor_on, staff, mailoutbox):
    session = logged_in(staff)
    for _ in range(5):
        with TestCase.captureOnCommitCallbacks(execute=True):
            session.post("/admin/2fa/setup/link/")

    response = session.post("/admin/2fa/setup/link/", follow=True)

    assert len(mailoutbox) == 5
    assert "Too many set-up links asked for" in response.text


def test_the_setup_link_mail_names_the_link_its_hour_and_the_desk(second_factor_on, staff, mailoutbox):
    ask_for_a_link(logged_in(staff), mailoutbox)

    message = mailoutbox[0]
    assert message.to == ["editor@example.com"]
    assert message.subject == "Set up your second factor for the desk"
    assert "Hello Rima Baruah" in message.body
    assert "works once, within an hour" in message.body
    assert "desk@brahmaputratimes.example" in message.body


# --- verification --------------------------------------------------------------------------------


def test_password_then_code_logs_into_the_desk(client, second_factor_on, staff):
    device = confirmed_device(staff)

    login = client.post("/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD})
    assert login.status_code == 302
    to_second_factor = client.get(login["Location"])
    assert to_second_factor.status_code == 302
    assert "/admin/2fa/verify/" in to_second_factor["Location"]
    # A password alone never sees the secret again once a device is confirmed.
    setup = client.get("/admin/2fa/setup/")
    assert setup.status_code == 302 and "/admin/2fa/verify/" in setup["Location"]

    page = client.get(to_second_factor["Location"])
    assert page.status_code == 200
    assert "desk-otp-secret" not in page.text
    verified = client.post("/admin/2fa/verify/", {"token": code_for(device), "next": "/admin/"})

    assert verified.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_device_enrolled_by_link_opens_the_desk_in_a_new_session(client, second_factor_on, staff, mailoutbox):
    secret, _done = enrol(logged_in(staff), mailoutbox)
    client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    replaying = Client()
    replaying.post("/admin/login/", {"username": staff.email, "password": PASSWORD})

    verified = client.post("/admin/2fa/verify/", {"token": code_from_secret(secret, offset=1), "next": "/admin/"})
    # The code that confirmed the set-up does not open the desk again.
    replayed = replaying.post("/admin/2fa/verify/", {"token": code_from_secret(secret), "next": "/admin/"})

    assert verified.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert "That code is not right" in replayed.text


def test_a_code_is_not_accepted_twice(client, second_factor_on, staff):
    device = confirmed_device(staff)
    client.force_login(staff)
    token = code_for(device)
    assert client.post("/admin/2fa/verify/", {"token": token}).status_code == 302

    other = client.__class__()
    other.force_login(staff)
    response = other.post("/admin/2fa/verify/", {"token": token})

    assert response.status_code == 200
    assert "That code is not right" in response.text


def test_after_the_code_the_redirect_never_leaves_the_site(client, second_factor_on, staff):
    device = confirmed_device(staff)
    client.force_login(staff)

    response = client.post("/admin/2fa/verify/", {"token": code_for(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_staff_can_log_out_before_giving_the_code(client, second_factor_on, staff):
    client.force_login(staff)

    response = client.post("/admin/logout/")

    assert response.status_code in (200, 302)
    assert SESSION_KEY not in client.session


def test_the_second_factor_pages_are_for_staff_only(client, second_factor_on, db):
    reader = make_user(email="reader@example.com")
    client.force_login(reader)

    for path in ["/admin/2fa/setup/", "/admin/2fa/verify/", "/admin/2fa/recovery/", "/admin/2fa/setup/link/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert client.post("/admin/2fa/setup/link/")["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, second_factor_on, db):
    response = client.get("/admin/2fa/setup/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_guessing_codes_is_slowed_down_even_for_the_right_code(client, second_factor_on, staff):
    device = confirmed_device(staff)
    client.force_login(staff)
    right = code_for(device)
    for _ in range(5):
        client.post("/admin/2fa/verify/", {"token": wrong(right)})

    response = client.post("/admin/2fa/verify/", {"token": right})

    assert response.status_code == 200
    assert "Too many wrong codes" in response.text
    assert client.get("/admin/").status_code == 302


# --- notices to the owner -------------------------------------------------------------------------


def test_enrolling_e_mails_the_owner_a_notice(second_factor_on, staff, mailoutbox, django_capture_on_commit_callbacks):
    owner = logged_in(staff)

    with django_capture_on_commit_callbacks(execute=True):
        enrol(owner, mailoutbox)

    notices = [message for message in mailoutbox if "second factor was" in message.subject]
    assert [(message.subject, message.to) for message in notices] == [
        ("A second factor was added to your account", ["editor@example.com"])
    ]
    assert re.search(r"on \d{1,2} \w+ 20\d\d, \d{1,2}:\d\d [AP]M", notices[0].body)
    assert "If this was not you, tell the desk at desk@brahmaputratimes.example" in notices[0].body


def test_an_app_added_or_removed_in_the_admins_device_list_e_mails_its_owner(
    client, staff, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        half_done = TOTPDevice.objects.create(user=colleague, name="Phone", confirmed=False)
    assert mailoutbox == []  # nothing to tell until it works
    with django_capture_on_commit_callbacks(execute=True):
        half_done.confirmed = True
        half_done.save()
        half_done.save()
    assert [message.subject for message in mailoutbox] == ["A second factor was added to your account"]
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.post(f"/admin/otp_totp/totpdevice/{half_done.pk}/delete/", {"post": "yes"})

    assert deleted.status_code == 302
    assert not TOTPDevice.objects.exists()
    assert [(message.subject, message.to) for message in mailoutbox[1:]] == [
        ("A second factor was removed from your account", ["moni@example.com"])
    ]
    assert "removed from your account at the desk on" in mailoutbox[1].body


def test_deleting_an_account_does_not_mail_it_about_its_device(
    staff, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed_device(colleague)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        colleague.delete()

    assert mailoutbox == []


# --- recovery codes ---------------------------------------------------------------------------------


def test_recovery_codes_are_shown_once_after_enrolling_and_stored_only_as_hashes(second_factor_on, staff, mailoutbox):
    owner = logged_in(staff)
    _secret, done = enrol(owner, mailoutbox)

    codes = RECOVERY_CODE.findall(done.text)
    assert len(set(codes)) == 10
    device = StaticDevice.objects.get(user=staff)
    assert device.name == "Recovery codes" and device.confirmed
    assert StaticToken.objects.filter(device=device).count() == 10
    stored = "\n".join(
        str(row) for model in apps.get_models() for row in model._default_manager.values_list() if model is not Session
    )
    stored += "\n".join(str(session.get_decoded()) for session in Session.objects.all())
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored
    # Shown once: the set-up page opened again offers a link, and never the codes.
    again = owner.get("/admin/2fa/setup/")
    assert not any(code in again.text for code in codes)
    assert not any(code in message.body for message in mailoutbox for code in codes)


def test_a_recovery_code_opens_the_desk_once_and_says_how_many_are_left(client, second_factor_on, staff, mailoutbox):
    _secret, done = enrol(logged_in(staff), mailoutbox)
    code = RECOVERY_CODE.findall(done.text)[3]
    client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    verify = client.get("/admin/2fa/verify/?next=/admin/")
    assert 'href="/admin/2fa/recovery/?next=%2Fadmin%2F"' in verify.text
    assert "Lost your phone? Use a recovery code" in verify.text

    used = client.post("/admin/2fa/recovery/", {"code": f"  {code.upper()} ", "next": "/admin/"})

    assert used.status_code == 302
    assert used["Location"] == "/admin/2fa/setup/?next=%2Fadmin%2F"
    prompt = client.get(used["Location"])
    assert "You used a recovery code: 9 are left. Set up your new phone now." in prompt.text
    assert "E-mail me a set-up link" in prompt.text
    assert "Not now: open the desk" in prompt.text
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    elsewhere = Client()
    elsewhere.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    again = elsewhere.post("/admin/2fa/recovery/", {"code": code, "next": "/admin/"})
    assert again.status_code == 200
    assert "That recovery code is not right, or has been used already." in again.text
    assert elsewhere.get("/admin/").status_code == 302


def test_a_made_up_recovery_code_keeps_the_desk_closed(client, second_factor_on, staff, mailoutbox):
    enrol(logged_in(staff), mailoutbox)
    client.force_login(staff)

    response = client.post("/admin/2fa/recovery/", {"code": "2345-6789-abcd"})

    assert response.status_code == 200
    assert "That recovery code is not right" in response.text
    assert StaticToken.objects.count() == 10
    assert client.get("/admin/").status_code == 302


def test_after_a_recovery_code_a_new_phone_replaces_the_lost_one(
    client, second_factor_on, staff, mailoutbox, django_capture_on_commit_callbacks
):
    lost_secret, done = enrol(logged_in(staff), mailoutbox)
    old_codes = RECOVERY_CODE.findall(done.text)
    client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    client.post("/admin/2fa/recovery/", {"code": old_codes[0], "next": "/admin/"})
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        new_secret, new_done = enrol(client, mailoutbox)

    assert new_secret != lost_secret
    device = TOTPDevice.objects.get(user=staff)
    assert device.key == key_of(new_secret).hex()
    assert {message.subject for message in mailoutbox} >= {
        "A second factor was added to your account",
        "A second factor was removed from your account",
    }
    new_codes = RECOVERY_CODE.findall(new_done.text)
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    # The lost phone's codes and the old recovery codes no longer open the desk.
    other = Client()
    other.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert "not right" in other.post("/admin/2fa/verify/", {"token": code_from_secret(lost_secret, offset=1)}).text
    assert "not right" in other.post("/admin/2fa/recovery/", {"code": old_codes[1]}).text


# --- a superuser resets a colleague's second factor --------------------------------------------------


def enrolled(user):
    device = confirmed_device(user)
    otp.replace_recovery_codes(user)
    return device


def test_a_superuser_resets_a_colleagues_second_factor_from_their_page(
    client, staff, colleague, mailoutbox, django_capture_on_commit_callbacks
):
    enrolled(colleague)
    client.force_login(staff)
    page = client.get(f"/admin/accounts/user/{colleague.pk}/change/")
    url = f"/admin/accounts/user/{colleague.pk}/second-factor/reset/"
    assert f'href="{url}"' in page.text
    assert "10 recovery codes left" in page.text
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert StaticDevice.objects.filter(user=colleague).exists()  # opening the page changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/accounts/user/{colleague.pk}/change/"
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not StaticDevice.objects.filter(user=colleague).exists()
    assert not StaticToken.objects.exists()
    entry = LogEntry.objects.get(object_id=str(colleague.pk), action_flag=CHANGE)
    assert entry.user == staff
    assert "Second factor reset" in entry.get_change_message()
    assert [(message.subject, message.to) for message in mailoutbox] == [
        ("A second factor was removed from your account", ["moni@example.com"])
    ]
    assert "Not set up" in client.get(f"/admin/accounts/user/{colleague.pk}/change/").text


def test_after_a_reset_the_colleague_is_sent_to_set_up_again(client, settings, staff, colleague):
    device = enrolled(colleague)
    settings.STAFF_REQUIRE_2FA = True
    colleague_session = logged_in(colleague)
    assert colleague_session.post("/admin/2fa/verify/", {"token": code_for(device)}).status_code == 302
    assert colleague_session.get("/admin/").status_code == 200
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(staff)

    client.post(f"/admin/accounts/user/{colleague.pk}/second-factor/reset/")

    settings.STAFF_REQUIRE_2FA = True
    assert colleague_session.get("/admin/")["Location"].startswith("/admin/2fa/setup/")


def test_staff_who_are_not_superusers_cannot_reset_a_second_factor(client, staff, colleague):
    enrolled(staff)
    colleague.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    client.force_login(colleague)

    page = client.get(f"/admin/accounts/user/{staff.pk}/change/")
    url = f"/admin/accounts/user/{staff.pk}/second-factor/reset/"

    assert page.status_code == 200
    assert url not in page.text
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=staff).exists()
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    assert not LogEntry.objects.exists()


def test_recovery_codes_have_no_page_of_their_own_in_the_admin(client, staff):
    client.force_login(staff)

    assert client.get("/admin/otp_static/staticdevice/").status_code == 404


# --- the pages themselves ------------------------------------------------------------------------------


@pytest.fixture
def second_factor_pages(settings, second_factor_on, staff, colleague, mailoutbox):
    pages = {}
    owner = logged_in(staff)
    pages["set-up without a link"] = owner.get("/admin/2fa/setup/")
    link = ask_for_a_link(owner, mailoutbox)
    pages["link for another account"] = open_link(logged_in(colleague), link)
    open_link(owner, link)
    pages["set-up with its secret"] = owner.get("/admin/2fa/setup/")
    pages["set-up with a wrong code"] = owner.post("/admin/2fa/setup/", {"token": "12345678"})
    secret = SECRET.search(pages["set-up with its secret"].text).group(1)
    pages["recovery codes"] = owner.post("/admin/2fa/setup/", {"token": code_from_secret(secret)})
    pages["link used already"] = open_link(owner, link)
    codes = RECOVERY_CODE.findall(pages["recovery codes"].text)
    other = logged_in(staff)
    pages["verify"] = other.get("/admin/2fa/verify/")
    pages["recovery"] = other.get("/admin/2fa/recovery/")
    pages["recovery with a wrong code"] = logged_in(staff).post("/admin/2fa/recovery/", {"code": "nope"})
    time.sleep(1)  # past the second a wrong code costs
    other.post("/admin/2fa/recovery/", {"code": codes[0]})
    pages["set-up after a recovery code"] = other.get("/admin/2fa/setup/")
    enrolled(colleague)
    settings.STAFF_REQUIRE_2FA = False
    pages["user page with the reset"] = owner.get(f"/admin/accounts/user/{colleague.pk}/change/")
    pages["reset confirmation"] = owner.get(f"/admin/accounts/user/{colleague.pk}/second-factor/reset/")
    return pages


@pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="make test-tools installs the checker")
def test_the_second_factor_pages_are_valid_html5(second_factor_pages, tmp_path):
    # The user's page carries Django's own password widget, a <div disabled> the checker refuses.
    documents = {
        name: response.content.decode()
        for name, response in second_factor_pages.items()
        if name != "user page with the reset"
    }

    errors = nu_errors(documents, tmp_path)

    assert {name: found for name, found in errors.items() if found} == {}


def test_the_second_factor_pages_use_no_inline_style_or_script(second_factor_pages):
    for name, response in second_factor_pages.items():
        html = response.content.decode()
        assert not re.search(r'<[^>]+\sstyle="', html), name
        assert not re.findall(r"<script(?![^>]*\ssrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html), name
