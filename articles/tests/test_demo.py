import statistics

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


def _thumbnail(jpeg):
    import io

    from PIL import Image

    return Image.open(io.BytesIO(jpeg)).convert("RGB").resize((64, 36))


def _difference(a, b):
    """How far two pictures are apart: the mean difference of their pixels, 0 (same) to 255."""
    from PIL import ImageChops, ImageStat

    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_demo_photos_differ_by_section_and_by_story_and_are_the_same_on_every_run():
    from articles.demo import SECTIONS
    from articles.demo_photos import draw_photo

    photos = {
        (slug, seed): _thumbnail(draw_photo(slug, seed, colour))
        for _name, slug, _description, colour in SECTIONS
        for seed in (3, 4)
    }
    pairs = [(a, b) for a in photos for b in photos if a < b]
    closest = min(pairs, key=lambda pair: _difference(photos[pair[0]], photos[pair[1]]))
    assert _difference(photos[closest[0]], photos[closest[1]]) > 8, closest
    assert draw_photo("assam", 3) == draw_photo("assam", 3)


@pytest.mark.django_db
def test_demo_stories_have_their_own_summary_photo_and_one_is_breaking_news(client, settings):
    from django.utils import timezone

    from articles.demo import SCHEDULED_HEADLINE

    settings.DEBUG = True
    call_command("seed_demo")
    stories = list(Article.objects.published().exclude(headline=SCHEDULED_HEADLINE))
    everything = list(Article.objects.all())  # the desk's stories in every state of the workflow too
    assert len({story.summary_en for story in everything}) == len(everything)
    for story in everything:
        assert story.summary_en and story.headline_en not in story.summary_en, story.headline_en
        if story.has_language("as"):
            assert story.summary_as and story.headline_as not in story.summary_as, story.headline_en
    translated = [story.summary_as for story in stories if story.has_language("as")]
    assert len(translated) >= 50 and len(set(translated)) == len(translated)

    # Stories of one section are drawn each in their own light and layout (the median pair differs a lot,
    # where one illustration in other places differed by 5 to 8), and every section has a scene of its own:
    # apart even in shades of grey, with the colour taken away.
    thumbnails = {}
    for story in stories:
        with story.lead_photo.open("rb") as photo:
            thumbnails.setdefault(story.section.slug, []).append(_thumbnail(photo.read()))
    for slug, pictures in thumbnails.items():
        differences = [_difference(a, b) for n, a in enumerate(pictures) for b in pictures[n + 1 :]]
        assert statistics.median(differences) > 15, slug
    greys = [pictures[0].convert("L").convert("RGB") for pictures in thumbnails.values()]
    assert min(_difference(a, b) for n, a in enumerate(greys) for b in greys[n + 1 :]) > 15

    [breaking] = Article.objects.breaking()
    assert breaking.breaking_until > timezone.now()
    assert breaking.headline_en in client.get("/").content.decode()
    # Some stories are long enough to fold on a phone behind "Read more".
    assert any('id="fold"' in client.get(story.get_absolute_url()).content.decode() for story in stories[:3])
