"""seed_demo's site, built once for every test here (it takes seconds): a living paper in both
languages, something for each desk to do, and a second run that changes nothing.

The build is committed to the test database for this module only: each test runs in its own
transaction on top of it (rolled back after), and the database is emptied when the module ends.
"""

import io
import re
import statistics
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.html import escape

from accounts.models import Reporter, User
from articles import demo_translations
from articles.comments.models import Comment
from articles.demo import SCHEDULED_HEADLINE
from articles.models import Article, ArticleTranslationState, Section, Tag
from articles.tests.test_demo import difference, thumbnail

# Both workers of a parallel run would otherwise build it (make test runs --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-site")]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=fast):
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        yield SimpleNamespace(output=output.getvalue(), media=media)
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _demo_photos(_media_in_tmp, settings, demo_site):
    settings.MEDIA_ROOT = demo_site.media
    settings.DEBUG = True


def assamese_url(article):
    with translation.override("as"):
        return article.get_absolute_url()


def test_seed_demo_fills_a_living_site_and_names_each_desk_login(demo_site):
    assert Section.objects.count() >= 8
    published = Article.objects.published()
    assert published.count() >= 60
    assert all(article.lead_photo for article in published)
    assert Reporter.objects.filter(status=Reporter.Status.APPROVED).exists()
    assert User.objects.filter(is_staff=True).exists()
    assert "newsroom-demo-2026" in demo_site.output
    logins = [line.split()[:2] for line in demo_site.output.splitlines() if line.startswith("  ")]
    # The editor who sees what a real editor sees comes first; the superuser is named as such.
    assert logins[0] == ["editor", "editor@demo.newsroom"]
    assert logins[-1] == ["superuser", "admin@demo.newsroom"]
    editor = User.objects.get(email="editor@demo.newsroom")
    assert not editor.is_superuser and editor.groups.filter(name="Editor").exists()
    assert User.objects.get(email="admin@demo.newsroom").is_superuser


def test_running_seed_demo_again_changes_nothing_and_names_the_address_given(capsys):
    def what_is_there():
        return (
            Section.objects.count(),
            Article.objects.count(),
            User.objects.count(),
            Comment.objects.count(),
            list(ArticleTranslationState.objects.order_by("article_id").values_list("article_id", "updated_at")),
        )

    before = what_is_there()
    call_command("seed_demo", address="http://127.0.0.1:8001")
    assert what_is_there() == before
    assert "http://127.0.0.1:8001/accounts/login/" in capsys.readouterr().out


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    before = Article.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert Article.objects.count() == before


def test_demo_content_fills_every_reading_page(client):
    published = Article.objects.published()
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


def test_demo_stories_have_their_own_summary_photo_and_one_is_breaking_news(client):
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
            thumbnails.setdefault(story.section.slug, []).append(thumbnail(photo.read()))
    for slug, pictures in thumbnails.items():
        differences = [difference(a, b) for n, a in enumerate(pictures) for b in pictures[n + 1 :]]
        assert statistics.median(differences) > 15, slug
    greys = [pictures[0].convert("L").convert("RGB") for pictures in thumbnails.values()]
    assert min(difference(a, b) for n, a in enumerate(greys) for b in greys[n + 1 :]) > 15

    [breaking] = Article.objects.breaking()
    assert breaking.breaking_until > timezone.now()
    assert breaking.headline_en in client.get("/").content.decode()
    # Some stories are long enough to fold on a phone behind "Read more".
    assert any('id="fold"' in client.get(story.get_absolute_url()).content.decode() for story in stories[:3])


def test_demo_content_has_at_least_15_stories_with_a_real_assamese_translation(client):
    translated = [article for article in Article.objects.published() if article.has_language("as")]
    assert len(translated) >= 15
    assert len(translated) < Article.objects.published().count()  # some show the fallback
    outdated = Article.objects.translation_outdated().get()  # and one the out-of-date notice
    assert outdated.headline_en == demo_translations.OUTDATED_HEADLINE
    bengali_script = re.compile(r"[\u0980-\u09ff]")
    for article in translated:
        for field in ("headline_as", "summary_as", "body_as", "photo_caption_as", "photo_alt_as"):
            assert bengali_script.search(getattr(article, field)), (article.headline_en, field)
        # The same HTML structure as the English body, Assamese words in it.
        english_body = article.body_en.replace(demo_translations.OUTDATED_UPDATE, "")
        assert re.findall(r"<[^>]+>", article.body_as) == re.findall(r"<[^>]+>", english_body)
    assert all(section.name_as and section.description_as for section in Section.objects.all())
    assert all(tag.name_as for tag in Tag.objects.all())

    story = next(article for article in translated if article != outdated)
    html = client.get(assamese_url(story)).content.decode()
    assert story.headline_as in html and "translation-notice" not in html
    assert "translation-outdated" in client.get(assamese_url(outdated)).content.decode()


def test_the_demo_reads_in_assamese_on_the_assamese_site(client):
    assert not Reporter.objects.filter(name_as="").exists()
    reporter = Reporter.objects.approved().get(user__full_name="Anjali Baruah")
    assert f'<h1 class="h3 mb-1">{reporter.name_as}</h1>' in client.get(f"/as{reporter.get_absolute_url()}").text

    footer = client.get("/as/").text.split("<footer")[1]
    assert "দিঘলীপুখুৰী পথ" in footer and "(বাতৰি কক্ষ)" in footer
    assert "সোমবাৰৰ পৰা শনিবাৰলৈ" in client.get("/as/contact/").text

    corrected = Article.objects.published().exclude(correction_en="").get()
    assert corrected.correction_as
    with translation.override("en"):
        url = corrected.get_absolute_url()
    assert f'<p class="mb-0" lang="as">{escape(corrected.correction_as)}</p>' in client.get(f"/as{url}").text


def test_the_demo_gives_moderators_approved_held_reported_spam_and_staff_comments():
    assert Comment.objects.approved().count() >= 10
    assert Comment.objects.held().count() >= 3
    assert Comment.objects.reported().exists()
    assert Comment.objects.filter(status=Comment.Status.SPAM).exists()
    staff_reply = Comment.objects.filter(is_staff_reply=True, status=Comment.Status.APPROVED).first()
    assert staff_reply is not None and staff_reply.parent is not None

    page = Client().get(staff_reply.article.get_absolute_url()).content.decode()
    assert "From the newsroom" in page
    assert staff_reply.body[:40] in page
    # Each story's card counts its approved comments.
    assert staff_reply.article.comment_count == Comment.objects.approved().filter(article=staff_reply.article).count()
