import io

import pytest
from django.core.management import call_command

from accounts.models import Reporter, User
from articles.models import Article, ArticleTransition


@pytest.mark.django_db
def test_seed_demo_has_reporters_in_every_standing_and_stories_in_every_workflow_state(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    standings = set(Reporter.objects.values_list("status", flat=True))
    assert {"approved", "pending", "suspended"} <= standings
    states = set(Article.objects.values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "scheduled", "published", "rejected"}
    for status in ("submitted", "returned", "scheduled", "rejected"):
        # Each got there through the workflow, so its history says how.
        assert ArticleTransition.objects.filter(article__status=status, to_status=status).exists()
    assert ArticleTransition.objects.filter(to_status="returned").exclude(note="").exists()
    assert Article.objects.filter(status="scheduled").exclude(pk__in=Article.objects.published()).exists()
    assert User.objects.filter(groups__name="Editor", is_staff=True).exists()
    assert User.objects.filter(groups__name="Moderator", is_staff=True).exists()
