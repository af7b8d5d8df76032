"""People for tests, in every standing the newsroom knows. Stories come from articles/tests/factories.py."""

from django.contrib.auth.models import Group

from accounts.groups import EDITOR, MODERATOR, REPORTER, ensure_groups
from accounts.models import Reporter
from articles.tests.factories import make_reporter, make_user

PASSWORD = "a-long-test-password-42"


def _in_group(user, name):
    ensure_groups()
    user.groups.add(Group.objects.get(name=name))
    return user


def make_editor(**extra):
    """Staff in the Editor group: may publish, schedule, return and reject."""
    return _in_group(make_user(is_staff=True, **extra), EDITOR)


def make_moderator(**extra):
    """Staff in the Moderator group: comments and enquiries only."""
    return _in_group(make_user(is_staff=True, **extra), MODERATOR)


def make_approved_reporter(**extra):
    reporter = make_reporter(status=Reporter.Status.APPROVED, **extra)
    _in_group(reporter.user, REPORTER)
    return reporter


def make_pending_reporter(**extra):
    return make_reporter(status=Reporter.Status.PENDING, **extra)


def make_unconfirmed_reporter(**extra):
    return make_reporter(status=Reporter.Status.PENDING, confirmed=False, **extra)


def make_suspended_reporter(**extra):
    return make_reporter(status=Reporter.Status.SUSPENDED, **extra)
