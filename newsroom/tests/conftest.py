"""Staff of every role for the desk's (admin's) tests: the groups come from accounts/groups.py."""

import pytest
from django.contrib.auth.models import Group

from articles.tests.factories import make_reporter, make_user


def _groups():
    try:
        from accounts.groups import ensure_groups
    except ImportError:  # the groups module is another helper's; the migration made the groups anyway
        return
    ensure_groups()


def _member(group_name, *, email, staff=True):
    _groups()
    user = make_user(email=email, full_name=f"{group_name} Person", is_staff=staff)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def fast_passwords(settings):
    """Tests that make many users hash their passwords quickly (never in production)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser(db):
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
    user = _member("Reporter", email="reporter@example.com", staff=False)
    make_reporter(user=user)
    return user
