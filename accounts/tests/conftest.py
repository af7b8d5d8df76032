import pytest


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    # The admin's TOTP step (newsroom/otp.py) has its own tests; here staff go straight in.
    settings.STAFF_REQUIRE_2FA = False
