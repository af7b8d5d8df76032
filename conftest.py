"""Fixtures every test can use: a clean cache, real photos drawn by Pillow, outgoing mail, and staff of every
role (the groups come from accounts/groups.py)."""

import io
import time
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation
from PIL import Image


@pytest.fixture(autouse=True)
def _clean_cache():
    # The page cache and the rate limits live in the cache: no test sees another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _comment_rate_window_starts_mid_minute(monkeypatch):
    # Comment rate limits count per clock minute: a test posting twice at :59 and :00 would see two
    # windows. Their clock runs at real speed from half past the current minute.
    started = time.time()
    half_past = started // 60 * 60 + 30
    clock = SimpleNamespace(time=lambda: half_past + (time.time() - started))
    monkeypatch.setattr("articles.comments.services.time", clock)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real users log in with PBKDF2; tests create hundreds of users and only need a working hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request to an /as/ page leaves Assamese active in the thread; without this the next test's
    # `make_article(headline=...)` would write the Assamese column (django-modeltranslation).
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _staff_second_factor_off(settings):
    # Off in tests whatever the environment says; tests of the second factor turn it on themselves.
    settings.STAFF_REQUIRE_2FA = False


def make_photo_bytes(width=800, height=600, image_format="JPEG", color=(30, 90, 160), exif=None):
    """A real photo made by Pillow, optionally carrying EXIF data (a GPS position, say)."""
    image = Image.new("RGB", (width, height), color)
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


@pytest.fixture
def photo_bytes():
    return make_photo_bytes


# --- Staff of every role ------------------------------------------------------------------------


def _member(group_name, *, email, staff=True):
    from accounts.groups import ensure_groups
    from articles.tests.factories import make_user

    ensure_groups()
    user = make_user(email=email, full_name=f"{group_name} Person", is_staff=staff)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def fast_passwords(settings):
    """Tests that make many users hash their passwords quickly (never in production)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser(db):
    from articles.tests.factories import make_user

    return make_user(email="chief@example.com", full_name="Chief Editor", is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    return _member("Editor", email="editor@example.com")


@pytest.fixture
def moderator(db):
    return _member("Moderator", email="moderator@example.com")


@pytest.fixture
def reporter_user(db):
    """An approved reporter: files stories on their desk, has no business in the admin."""
    from articles.tests.factories import make_reporter

    user = _member("Reporter", email="reporter@example.com", staff=False)
    make_reporter(user=user)
    return user
