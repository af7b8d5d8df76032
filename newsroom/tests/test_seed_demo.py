import pytest
from django.core.management import CommandError, call_command

from accounts.models import Reporter, User
from articles.models import Article, Section


@pytest.mark.django_db
def test_seed_demo_fills_a_living_site_and_can_run_twice(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = (Section.objects.count(), Article.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Section.objects.count(), Article.objects.count(), User.objects.count()) == first
    assert Section.objects.count() >= 8
    published = Article.objects.published()
    assert published.count() >= 60
    assert all(article.lead_photo for article in published)
    assert Reporter.objects.filter(status=Reporter.Status.APPROVED).exists()
    assert User.objects.filter(is_staff=True).exists()
    out = capsys.readouterr().out
    assert "editor@demo.newsroom" in out and "password" in out


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Article.objects.exists()
