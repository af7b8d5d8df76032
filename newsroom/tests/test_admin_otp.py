"""Staff's second factor: with STAFF_REQUIRE_2FA on, the desk opens only after a TOTP code."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.tests.factories import make_user

PASSWORD = "a-long-test-password-42"


@pytest.fixture
def staff(db):
    return make_user(email="editor@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def second_factor_on(settings):
    settings.STAFF_REQUIRE_2FA = True


def code_for(device, *, offset=0):
    """What the staff member's authenticator app shows now (or `offset` steps away)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


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


def test_setup_shows_the_secret_as_text_and_as_a_qr_code_and_keeps_it_between_visits(client, second_factor_on, staff):
    client.force_login(staff)

    first = client.get("/admin/2fa/setup/?next=/admin/")
    second = client.get("/admin/2fa/setup/?next=/admin/")

    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    secret = re.search(r'class="desk-otp-secret">([A-Z2-7 ]+)<', first.text).group(1)
    assert len(secret.replace(" ", "")) == 32  # 20 random bytes in base32
    assert secret in second.text
    assert 'src="data:image/svg+xml;base64,' in first.text
    # The admin's navigation stays hidden until the second factor is given.
    assert "/admin/articles/article/" not in first.text


def test_a_wrong_code_keeps_the_desk_closed_with_a_message(client, second_factor_on, staff):
    client.force_login(staff)
    client.get("/admin/2fa/setup/")
    device = TOTPDevice.objects.get(user=staff)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post("/admin/2fa/setup/", {"token": wrong, "next": "/admin/"})

    assert response.status_code == 200
    assert "That code is not right" in response.text
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302


def test_letters_instead_of_a_code_get_a_clear_message(client, second_factor_on, staff):
    client.force_login(staff)

    response = client.post("/admin/2fa/setup/", {"token": "abcdef"})

    assert response.status_code == 200
    assert "Type the digits your authenticator app shows." in response.text


def test_enrolling_with_the_first_code_opens_the_desk(client, second_factor_on, staff):
    client.force_login(staff)
    client.get("/admin/")
    client.get("/admin/2fa/setup/?next=/admin/")
    device = TOTPDevice.objects.get(user=staff)

    response = client.post("/admin/2fa/setup/", {"token": code_for(device), "next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "Work waiting" in index.text


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

    for path in ["/admin/2fa/setup/", "/admin/2fa/verify/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, second_factor_on, db):
    response = client.get("/admin/2fa/setup/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_guessing_codes_is_slowed_down_even_for_the_right_code(client, second_factor_on, staff):
    device = confirmed_device(staff)
    client.force_login(staff)
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(5):
        client.post("/admin/2fa/verify/", {"token": wrong})

    response = client.post("/admin/2fa/verify/", {"token": right})

    assert response.status_code == 200
    assert "Too many wrong codes" in response.text
    assert client.get("/admin/").status_code == 302
