"""A reporter's whole journey: register, confirm, get approved, file a story with a photo and a
translation, submit it; an editor publishes it in the admin; it is on the home page."""

import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from accounts.models import Reporter
from accounts.tests.factories import PASSWORD, make_editor
from articles.models import Article
from articles.tests.factories import make_section

HEADLINE = "Majuli ferry adds a night crossing"


@pytest.fixture
def jpeg(tmp_path):
    path = tmp_path / "ferry.jpg"
    image = Image.new("RGB", (1200, 800), (30, 90, 160))
    for x in range(0, 1200, 40):
        for y in range(500, 800, 4):
            image.putpixel((x, y), (240, 240, 240))
    image.save(path, format="JPEG", quality=85)
    return path


def admin_login(page, base, user):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.mark.django_db(transaction=True)
def test_a_reporter_registers_files_a_story_and_an_editor_publishes_it(live_server, browser, page, jpeg, settings):
    settings.STAFF_REQUIRE_2FA = False
    base = live_server.url
    make_section(name="Assam", slug="assam")
    editor = make_editor(full_name="Rupam Hazarika", email="editor@example.com")

    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    # 1. Registration.
    page.goto(base + "/accounts/register/")
    page.get_by_label("Full name").fill("Anjali Baruah")
    page.get_by_label("E-mail").fill("anjali@example.com")
    page.get_by_label("Mobile number").fill("98765 43210")
    page.get_by_label("District").select_option("Majuli")
    page.get_by_label("Short bio").fill("I report from the river island.")
    page.locator("#id_password1").fill("brahmaputra-flows-east-42")
    page.get_by_label("Password again").fill("brahmaputra-flows-east-42")
    page.get_by_label(re.compile("I agree to the terms")).check()
    page.get_by_role("button", name="Register").click()
    expect(page.locator("h1")).to_have_text("Check your e-mail")

    # 2. The confirmation link from the e-mail.
    link = re.search(r"https?://\S+?(/accounts/confirm/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(base + link)
    expect(page.locator("h1")).to_contain_text("your e-mail address is confirmed")

    # 3. Logged in, the reporter waits for approval.
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail").fill("anjali@example.com")
    page.get_by_label("Password").fill("brahmaputra-flows-east-42")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Your account is awaiting approval")).to_be_visible()

    # 4. An editor approves her in the admin.
    staff = browser.new_context(viewport=page.viewport_size, locale="en-GB")
    desk = staff.new_page()
    admin_login(desk, base, editor)
    desk.goto(base + "/admin/accounts/reporter/?status=pending")
    desk.locator("input[name=_selected_action]").first.check()
    desk.select_option("select[name=action]", "approve_selected")
    desk.locator("button[name=index], button[type=submit]:has-text('Go')").first.click()
    expect(desk.get_by_text("1 reporter is now “Approved”")).to_be_visible()
    assert Reporter.objects.get(user__email="anjali@example.com").can_file

    # 5. She files a story with a photo and its Assamese translation, in the rich-text editor.
    page.goto(base + "/desk/")
    page.get_by_role("link", name="File a new story").click()
    page.locator("#id_headline_en").fill(HEADLINE)
    page.locator("#id_summary_en").fill("The island's ferry now runs after dark.")
    editors = page.locator(".ql-editor")
    assert editors.count() == 2  # English and Assamese bodies
    editors.nth(0).click()
    page.keyboard.type("From Monday the ferry leaves Nimati ghat at nine at night.")
    page.locator("#id_section").select_option(label="Assam")
    page.get_by_label("Lead photo").set_input_files(str(jpeg))
    page.locator("#id_photo_caption_en").fill("The ferry at Nimati ghat.")
    page.get_by_label("Photo credit").fill("Anjali Baruah")
    page.locator("#id_photo_alt_en").fill("A white ferry at a river landing at dusk.")
    if page.viewport_size["width"] < 992:  # on a phone the translation is in its own tab
        page.get_by_role("tab", name="অসমীয়া").click()
    page.get_by_label("Headline (Assamese)").fill("মাজুলীৰ নাৱে ৰাতিও পাৰ হ'ব")
    editors.nth(1).click()
    page.keyboard.type("সোমবাৰৰ পৰা নিমাতী ঘাটৰ পৰা ৰাতি ন বজাত নাও এৰিব।")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("Preview: this is how readers will see your story")).to_be_visible()
    assert page.locator("h1").inner_text() == HEADLINE
    assert page.locator(".story-body").inner_text().startswith("From Monday the ferry leaves")
    page.get_by_role("button", name="Submit for review").click()
    assert errors == []  # no script error, nothing the Content-Security-Policy refused
    expect(page.get_by_text("Your story is submitted")).to_be_visible()

    article = Article.objects.get(headline_en=HEADLINE)
    assert article.status == Article.Status.SUBMITTED
    assert article.lead_photo
    assert article.headline_as == "মাজুলীৰ নাৱে ৰাতিও পাৰ হ'ব"
    assert "নিমাতী" in article.body_as
    assert any("submitted for review" in message.subject for message in mail.outbox)

    # 6. The editor publishes it from the story's page in the admin.
    desk.goto(base + f"/admin/articles/article/{article.pk}/change/")
    expect(desk.get_by_text("Draft → Submitted for review")).to_be_visible()
    desk.get_by_role("link", name="Publish now").click()
    desk.locator("input[type=submit][value='Publish now']").click()
    expect(desk.get_by_text("is now published").first).to_be_visible()
    staff.close()

    # 7. Readers see it on the home page, in both languages.
    page.goto(base + "/")
    page.get_by_role("link", name=HEADLINE).first.click()
    assert page.locator("h1").inner_text() == HEADLINE
    assert page.locator(".story-photo img").count() == 1
    page.goto(base + "/as/")
    page.get_by_role("link", name="মাজুলীৰ নাৱে ৰাতিও পাৰ হ'ব").first.click()
    assert page.locator("h1").inner_text() == "মাজুলীৰ নাৱে ৰাতিও পাৰ হ'ব"
    assert "/as/news/" in page.url
