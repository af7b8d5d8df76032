"""seed_demo gives the moderators something to moderate and readers something to read."""

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Comment


@pytest.mark.django_db
def test_seed_demo_adds_approved_held_reported_and_staff_comments_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = Comment.objects.count()
    call_command("seed_demo")
    assert Comment.objects.count() == first

    assert Comment.objects.approved().count() >= 10
    assert Comment.objects.held().count() >= 3
    assert Comment.objects.reported().exists()
    assert Comment.objects.filter(status=Comment.Status.SPAM).exists()
    staff_reply = Comment.objects.filter(is_staff_reply=True, status=Comment.Status.APPROVED).first()
    assert staff_reply is not None and staff_reply.parent is not None

    page = Client().get(staff_reply.article.get_absolute_url()).content.decode()
    assert "From the newsroom" in page
    assert staff_reply.body[:40] in page
