"""Registrations never confirmed are deleted after ACCOUNTS_UNCONFIRMED_RETENTION_DAYS, photos included."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import Reporter, User
from accounts.tests.factories import make_approved_reporter, make_unconfirmed_reporter
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


def registered_days_ago(reporter, days):
    Reporter.objects.filter(pk=reporter.pk).update(created_at=timezone.now() - timedelta(days=days))
    return reporter


def purge(*args):
    out = StringIO()
    call_command("purge_unconfirmed_accounts", *args, stdout=out)
    return out.getvalue()


def test_registrations_never_confirmed_are_deleted_after_the_retention_period_with_their_photo(
    settings, photo_bytes, django_capture_on_commit_callbacks
):
    settings.ACCOUNTS_UNCONFIRMED_RETENTION_DAYS = 30
    stale = registered_days_ago(make_unconfirmed_reporter(full_name="Never Confirmed", photo=photo_bytes()), 31)
    photo_path = Path(stale.photo.path)
    assert photo_path.is_file()
    recent = registered_days_ago(make_unconfirmed_reporter(full_name="Registered Last Week"), 7)
    confirmed = registered_days_ago(make_approved_reporter(full_name="Confirmed Long Ago"), 400)
    with_a_story = registered_days_ago(make_unconfirmed_reporter(full_name="Named On A Story"), 90)
    make_article(authors=[with_a_story])
    staff = registered_days_ago(make_unconfirmed_reporter(full_name="Staff Member"), 90)
    User.objects.filter(pk=staff.user_id).update(is_staff=True)

    assert "1 registrations unconfirmed for 30 days would be deleted" in purge("--dry-run")
    assert User.objects.filter(pk=stale.user_id).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert "Deleted 1 registrations" in purge()
    assert not photo_path.exists()
    assert not User.objects.filter(pk=stale.user_id).exists()
    assert not Reporter.objects.filter(pk=stale.pk).exists()
    assert {r.pk for r in Reporter.objects.all()} == {recent.pk, confirmed.pk, with_a_story.pk, staff.pk}


def test_a_retention_period_under_a_day_is_refused():
    with pytest.raises(CommandError):
        purge("--days", "0")
