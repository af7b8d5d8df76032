import pytest
from django.core.management import call_command

from accounts.models import Reporter
from articles.demo import SCHEDULED_HEADLINE
from articles.models import Article, Tag


@pytest.mark.django_db
def test_demo_content_fills_every_reading_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    published = Article.objects.published()
    assert published.count() >= 60
    assert all(a.lead_photo_width and a.lead_photo_height for a in published)
    assert Tag.objects.filter(articles__isnull=False).exists()
    assert published.exclude(correction="").exists()
    assert Article.objects.upcoming().filter(headline=SCHEDULED_HEADLINE).exists()
    assert len(set(published.values_list("view_count", flat=True))) > 10
    assert all(r.photo for r in Reporter.objects.approved())

    home = client.get("/").content.decode()
    assert "Top stories" in home and "Most read" in home and "More from Assam" in home
    assert SCHEDULED_HEADLINE not in home
    corrected = published.exclude(correction="").first()
    story = client.get(corrected.get_absolute_url()).content.decode()
    assert "Correction" in story and "Updated On" in story
    untouched = published.filter(correction="").first()
    assert "Updated On" not in client.get(untouched.get_absolute_url()).content.decode()
    for url in ["/section/assam/", "/tag/floods/", Reporter.objects.approved().first().get_absolute_url()]:
        assert client.get(url).status_code == 200
