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
    assert "newsroom-demo-2026" in out
    logins = [line.split()[:2] for line in out.splitlines() if line.startswith("  ")]
    # The editor who sees what a real editor sees comes first; the superuser is named as such.
    assert logins[0] == ["editor", "editor@demo.newsroom"]
    assert logins[-1] == ["superuser", "admin@demo.newsroom"]
    editor = User.objects.get(email="editor@demo.newsroom")
    assert not editor.is_superuser and editor.groups.filter(name="Editor").exists()
    assert User.objects.get(email="admin@demo.newsroom").is_superuser


@pytest.mark.django_db
def test_seed_demo_names_the_address_the_site_is_served_on(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", address="http://127.0.0.1:8001")
    assert "http://127.0.0.1:8001/accounts/login/" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not Article.objects.exists()
