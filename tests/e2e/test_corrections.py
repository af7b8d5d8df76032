"""The newsroom's everyday edits in a real browser: an editor corrects a published story with a
photo, and a reporter fixes and resubmits a returned one; neither uploads the photo again."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, make_approved_reporter, make_editor
from articles import services
from articles.models import Article
from articles.tests.factories import make_article, make_section
from conftest import make_photo_bytes
from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, base, user, *, admin):
    page.goto(base + ("/admin/login/" if admin else "/accounts/login/"))
    if admin:
        page.fill("#id_username", user.email)
        page.fill("#id_password", PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url(re.compile(r"/admin/$"))
    else:
        page.get_by_label("E-mail").fill(user.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()


def photo_shown(page):
    image = page.locator(".story-photo img")
    expect(image).to_have_count(1)
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_an_editor_corrects_a_published_story_and_readers_see_it_at_once(live_server, browser, page, settings):
    settings.STAFF_REQUIRE_2FA = False
    base = live_server.url
    reporter = make_approved_reporter(full_name="Bikash Gogoi")
    story = make_article(
        headline="Flood waters recede in Dibrugarh",
        body="<p>The Brahmaputra fell by a metre overnight.</p>",
        section=make_section(name="Assam"),
        authors=[reporter],
        photo=make_photo_bytes(1200, 675, color=(40, 110, 150)),
        photo_caption="The river at dawn.",
        published_at=timezone.now() - timedelta(hours=3),
    )
    Article.objects.filter(pk=story.pk).update(updated_at=story.published_at)
    stored_photo = Article.objects.get(pk=story.pk).lead_photo.name

    # A reader has the story open (and the page cache holds it).
    page.goto(base + story.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Flood waters recede in Dibrugarh")
    expect(page.get_by_text("Updated On")).to_have_count(0)

    # The editor corrects the headline and the body, and says so in a correction note.
    desk_context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    desk = desk_context.new_page()
    errors = []
    desk.on("response", lambda response: response.status >= 400 and errors.append(response.url))
    desk.on("console", lambda message: message.type == "error" and errors.append(message.text))
    log_in(desk, base, make_editor(email="editor@example.com"), admin=True)
    desk.goto(base + f"/admin/articles/article/{story.pk}/change/")
    desk.locator("#id_headline_en").fill("Flood waters recede in Dibrugarh and Tinsukia")
    body = desk.locator(".form-row .ql-editor").first  # the reporters' rich-text editor, not raw HTML
    expect(desk.locator("#id_body_en")).to_be_hidden()
    expect(body).to_contain_text("The Brahmaputra fell by a metre overnight.")
    body.click()
    desk.keyboard.press("Control+End")
    desk.keyboard.press("Enter")
    desk.keyboard.type("Schools in Tinsukia reopen on Monday.")
    desk.locator("#id_correction_en").fill("An earlier version left out Tinsukia.")
    desk.locator("input[name=_save]").click()
    expect(desk.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert errors == []
    desk_context.close()

    # The reader reloads: the correction, the note and the time of the update, the same photo.
    page.reload()
    expect(page.locator("h1")).to_have_text("Flood waters recede in Dibrugarh and Tinsukia")
    expect(page.locator(".story-correction")).to_contain_text("An earlier version left out Tinsukia.")
    expect(page.locator(".story-body")).to_contain_text("Schools in Tinsukia reopen on Monday.")
    updated = page.locator(".story-dates time").nth(1)
    expect(page.locator(".story-dates")).to_contain_text("Updated On")
    moment = timezone.localtime(Article.objects.get(pk=story.pk).updated_at)
    assert updated.get_attribute("datetime").startswith(moment.strftime("%Y-%m-%dT%H:%M"))
    assert photo_shown(page)
    assert Article.objects.get(pk=story.pk).lead_photo.name == stored_photo


def test_a_reporter_fixes_a_returned_story_and_resubmits_it_with_its_photo(live_server, page, settings):
    base = live_server.url
    reporter = make_approved_reporter(full_name="Chandana Saikia")
    editor = make_editor(email="desk@example.com")
    story = make_article(
        status=Article.Status.DRAFT,
        headline="Nalbari weavers' cooperative doubles its members",
        section=make_section(name="Assam"),
        authors=[reporter],
        photo=make_photo_bytes(1200, 675, color=(150, 60, 40)),
        photo_caption="Looms at the cooperative.",
        photo_alt="Two weavers at their looms",
    )
    services.submit_article(article=story, actor=reporter.user, notify=False)
    services.return_article(
        article=Article.objects.get(pk=story.pk), actor=editor, note="Add the secretary's quote.", notify=False
    )
    stored_photo = Article.objects.get(pk=story.pk).lead_photo.name

    log_in(page, base, reporter.user, admin=False)
    page.goto(base + "/desk/")
    expect(page.locator(".editor-note")).to_contain_text("Add the secretary's quote.")
    page.goto(base + f"/desk/stories/{story.pk}/edit/")
    # The current photo is shown with its caption; the file field is left empty.
    expect(page.get_by_text("Looms at the cooperative.").first).to_be_visible()
    page.locator("#id_summary_en").fill("“We have 400 members now,” the secretary said.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Your story is submitted")).to_be_visible()

    story = Article.objects.get(pk=story.pk)
    assert story.status == Article.Status.SUBMITTED
    assert story.summary == "“We have 400 members now,” the secretary said."
    assert story.lead_photo.name == stored_photo
