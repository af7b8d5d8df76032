"""Filing a story from the reporter's desk: the form, preview, submission and the locks."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.tests.factories import make_approved_reporter, make_editor
from articles import services
from articles.models import Article, ArticleTransition
from articles.tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db
Status = Article.Status
CREATE = reverse("articles:story-create")


@pytest.fixture
def reporter():
    return make_approved_reporter(full_name="Chandana Saikia")


@pytest.fixture
def section():
    return make_section(name="Assam")


def story_data(section, **overrides):
    data = {
        "headline_en": "Majuli gets a new ferry",
        "summary_en": "The island's ferry service adds a bigger boat.",
        "body_en": "<p>The new ferry carries <strong>200</strong> people.</p>",
        "section": section.pk,
        "photo_caption_en": "",
        "photo_credit": "",
        "photo_alt_en": "",
        "headline_as": "",
        "summary_as": "",
        "body_as": "",
        "photo_caption_as": "",
        "photo_alt_as": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_the_story_form_works_without_javascript(client, reporter):
    client.force_login(reporter.user)
    html = client.get(CREATE).content.decode()
    assert '<textarea name="body_en"' in html
    assert 'class="rich-text' in html
    assert "vendor/quill/quill.js" in html and "js/story-editor.js" in html
    assert "<script>" not in html  # the CSP forbids inline scripts
    for label in ("Save draft", "Preview", "Submit for review", "Translation: Assamese (optional)"):
        assert label in html


def test_a_reporter_saves_a_draft_with_a_photo_tags_and_a_translation(client, reporter, section, photo_bytes):
    tag = make_tag(name="Majuli")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    photo = SimpleUploadedFile("ferry.jpg", photo_bytes(exif=exif.tobytes()), content_type="image/jpeg")
    client.force_login(reporter.user)
    response = client.post(
        CREATE,
        story_data(
            section,
            tags=[tag.pk],
            lead_photo=photo,
            photo_caption_en="The ferry at Nimati ghat.",
            photo_credit="Chandana Saikia",
            photo_alt_en="A white ferry at a river landing.",
            headline_as="মাজুলীলৈ নতুন নাও",
            body_as="<p>নতুন নাওখনে ২০০ জন যাত্ৰী কঢ়িয়াব।</p>",
        ),
    )
    article = Article.objects.get()
    assert response["Location"] == reverse("articles:story-edit", kwargs={"pk": article.pk})
    assert article.status == Status.DRAFT
    assert list(article.authors.all()) == [reporter]
    assert list(article.tags.all()) == [tag]
    assert article.headline_en == "Majuli gets a new ferry"
    assert article.headline_as == "মাজুলীলৈ নতুন নাও"
    assert article.body_as == "<p>নতুন নাওখনে ২০০ জন যাত্ৰী কঢ়িয়াব।</p>"
    assert article.photo_credit == "Chandana Saikia"
    with Image.open(article.lead_photo.open("rb")) as stored:
        assert not stored.getexif()
    assert not Article.objects.published().exists()


def test_the_body_is_sanitised_like_everywhere_else(client, reporter, section):
    client.force_login(reporter.user)
    client.post(
        CREATE,
        story_data(
            section, body_en='<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:x()">x</a></p>'
        ),
    )
    body = Article.objects.get().body_en
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body
    assert "Hi" in body


def test_a_file_that_is_not_a_photo_is_shown_as_an_error_and_nothing_is_saved(client, reporter, section):
    client.force_login(reporter.user)
    fake = SimpleUploadedFile("ferry.jpg", b"<?php echo 'no'; ?>", content_type="image/jpeg")
    response = client.post(CREATE, story_data(section, lead_photo=fake))
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert 'value="Majuli gets a new ferry"' in response.content.decode()
    assert not Article.objects.exists()


def test_a_photo_with_too_many_pixels_is_refused_on_the_form(client, reporter, section, settings, photo_bytes):
    settings.PHOTO_MAX_PIXELS = 100 * 100
    client.force_login(reporter.user)
    big = SimpleUploadedFile("big.jpg", photo_bytes(width=400, height=300), content_type="image/jpeg")
    response = client.post(CREATE, story_data(section, lead_photo=big))
    assert "million pixels are accepted" in response.content.decode()
    assert not Article.objects.exists()


def test_preview_shows_the_story_as_readers_will_see_it_and_is_never_cached(client, reporter, section):
    client.force_login(reporter.user)
    response = client.post(CREATE, story_data(section, action="preview"))
    article = Article.objects.get()
    assert response["Location"] == reverse("articles:story-preview", kwargs={"pk": article.pk})
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert [t.name for t in preview.templates][:2] == [
        "articles/filing/article_preview.html",
        "articles/article_detail.html",
    ]
    assert "Preview: this is how readers will see your story" in html
    assert "Majuli gets a new ferry" in html
    assert "<strong>200</strong>" in html
    assert 'content="noindex, nofollow"' in html
    assert "no-cache" in preview["Cache-Control"] or "max-age=0" in preview["Cache-Control"]
    assert client.get(article.get_absolute_url()).status_code == 404  # still not public
    assert f"/as/desk/stories/{article.pk}/preview/" in html  # the same preview in Assamese
    assert "Not published yet" in html and "Published:" not in html
    assert "Comments are closed" not in html and "Join the conversation" in html


def test_the_assamese_preview_shows_the_translation(client, reporter, section):
    client.force_login(reporter.user)
    client.post(CREATE, story_data(section, headline_as="মাজুলীলৈ নতুন নাও", body_as="<p>নতুন নাও।</p>"))
    article = Article.objects.get()
    html = client.get(f"/as/desk/stories/{article.pk}/preview/").content.decode()
    assert "মাজুলীলৈ নতুন নাও" in html
    assert "<p>নতুন নাও।</p>" in html


def test_submitting_sends_the_story_to_the_editors_and_locks_it(
    client, reporter, section, django_capture_on_commit_callbacks
):
    editor = make_editor(email="editor@example.com")
    client.force_login(reporter.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, story_data(section, action="submit"))
    assert response["Location"] == reverse("articles:desk")
    article = Article.objects.get()
    assert article.status == Status.SUBMITTED
    assert editor.email in mail.outbox[0].to
    edit = reverse("articles:story-edit", kwargs={"pk": article.pk})
    assert client.get(edit)["Location"] == reverse("articles:story-preview", kwargs={"pk": article.pk})
    client.post(edit, story_data(section, headline_en="Changed behind the editor's back"))
    article.refresh_from_db()
    assert article.headline_en == "Majuli gets a new ferry"


def test_submitting_without_a_body_or_summary_shows_errors_and_submits_nothing(client, reporter, section):
    client.force_login(reporter.user)
    response = client.post(CREATE, story_data(section, body_en="", summary_en="", action="submit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Write the story before you submit it." in html
    assert "Write a summary before you submit the story." in html
    assert not Article.objects.exists()


def test_a_returned_story_shows_the_note_and_can_be_fixed_and_resubmitted(client, reporter, section):
    editor = make_editor()
    article = make_article(status=Status.DRAFT, authors=[reporter], section=section)
    services.submit_article(article=article, actor=reporter.user, notify=False)
    services.return_article(article=article, actor=editor, note="Say when the ferry starts.", notify=False)
    client.force_login(reporter.user)
    edit = reverse("articles:story-edit", kwargs={"pk": article.pk})
    assert "Say when the ferry starts." in client.get(edit).content.decode()
    client.post(edit, story_data(section, body_en="<p>It starts on Monday.</p>", action="submit"))
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert article.body_en == "<p>It starts on Monday.</p>"
    assert ArticleTransition.objects.filter(article=article).count() == 3


def test_submit_from_the_preview_page_submits_the_saved_story(client, reporter, section):
    article = make_article(status=Status.DRAFT, authors=[reporter], section=section)
    client.force_login(reporter.user)
    response = client.post(reverse("articles:story-submit", kwargs={"pk": article.pk}))
    assert response["Location"] == reverse("articles:desk")
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    again = client.post(reverse("articles:story-submit", kwargs={"pk": article.pk}), follow=True)
    assert "cannot be submitted now" in again.content.decode()


def test_nobody_sees_or_edits_someone_elses_draft(client, reporter, section):
    article = make_article(status=Status.DRAFT, authors=[reporter], section=section, headline="Secret scoop")
    client.force_login(make_approved_reporter().user)
    for name in ("story-edit", "story-preview"):
        response = client.get(reverse(f"articles:{name}", kwargs={"pk": article.pk}))
        assert response.status_code == 404
        assert "Secret scoop" not in response.content.decode()
    assert client.post(reverse("articles:story-submit", kwargs={"pk": article.pk})).status_code == 404
    assert (
        client.post(reverse("articles:story-edit", kwargs={"pk": article.pk}), story_data(section)).status_code == 404
    )
    article.refresh_from_db()
    assert article.headline == "Secret scoop" and article.status == Status.DRAFT


def test_filing_from_the_assamese_site_keeps_each_language_in_its_own_field(client, reporter, section):
    client.force_login(reporter.user)
    page = client.get("/as" + CREATE)
    assert page.status_code == 200
    client.post("/as" + CREATE, story_data(section, headline_as="মাজুলীলৈ নতুন নাও"))
    article = Article.objects.get()
    assert article.headline_en == "Majuli gets a new ferry"
    assert article.headline_as == "মাজুলীলৈ নতুন নাও"


def _kept_token(response):
    return re.search(r'name="kept_photo" value="([^"]+)"', response.content.decode()).group(1)


def test_a_photo_chosen_with_a_form_that_comes_back_with_mistakes_is_kept(
    client, reporter, section, photo_bytes, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    client.force_login(reporter.user)
    photo = SimpleUploadedFile("ferry.jpg", photo_bytes(800, 450), content_type="image/jpeg")
    first = client.post(CREATE, {**story_data(section, headline_en=""), "lead_photo": photo})
    assert first.status_code == 200 and not Article.objects.exists()
    assert "Your photo is kept." in first.content.decode()
    token = _kept_token(first)

    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(CREATE, {**story_data(section), "kept_photo": token})

    assert second.status_code == 302
    article = Article.objects.get()
    assert article.lead_photo and article.lead_photo_width == 800
    assert not default_storage.listdir("kept")[1]  # the waiting copy is gone


def test_a_kept_photo_is_only_ever_used_by_the_reporter_who_chose_it(client, reporter, section, photo_bytes):
    from articles.tests.factories import make_reporter

    client.force_login(reporter.user)
    photo = SimpleUploadedFile("ferry.jpg", photo_bytes(800, 450), content_type="image/jpeg")
    token = _kept_token(client.post(CREATE, {**story_data(section, headline_en=""), "lead_photo": photo}))
    other = make_reporter()
    client.force_login(other.user)

    client.post(CREATE, {**story_data(section, headline_en="Someone else's story"), "kept_photo": token})

    assert not Article.objects.get(headline_en="Someone else's story").lead_photo
    client.force_login(reporter.user)
    client.post(CREATE, {**story_data(section), "kept_photo": token + "x"})  # forged
    assert not Article.objects.get(headline_en="Majuli gets a new ferry").lead_photo
