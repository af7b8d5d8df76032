"""A reader's whole visit: home → section → story → Assamese → back → a comment, on phone and desktop."""

import pytest
from playwright.sync_api import expect

from articles.comments.models import Comment
from articles.tests.factories import make_article, make_reporter, make_section
from tests.e2e.conftest import DESKTOP, PHONE


def _site():
    section = make_section(name="Guwahati", slug="guwahati")
    reporter = make_reporter(full_name="Anjali Baruah")
    story = make_article(
        headline="New cycle lanes along the riverfront",
        summary="The city adds six kilometres of protected lanes.",
        body="<p>Cyclists welcomed the lanes on Monday.</p>",
        section=section,
        authors=[reporter],
    )
    story.headline_as = "নদীৰ পাৰত নতুন চাইকেল পথ"
    story.summary_as = "মহানগৰত ছয় কিলোমিটাৰ সুৰক্ষিত পথ।"
    story.body_as = "<p>সোমবাৰে চাইকেল আৰোহীসকলে পথবোৰক আদৰণি জনায়।</p>"
    story.save()
    return section, story


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reader_goes_from_home_to_a_story_in_assamese_and_back_then_comments(
    live_server, browser, settings, size, javascript
):
    settings.SPAM_FORM_MIN_SECONDS = 0
    _section, story = _site()
    context = browser.new_context(viewport=size, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(live_server.url + "/")
    page.locator(".section-nav").get_by_role("link", name="Guwahati").click()
    assert page.url.endswith("/section/guwahati/")
    page.get_by_role("link", name="New cycle lanes along the riverfront").first.click()
    assert page.locator("h1").inner_text() == "New cycle lanes along the riverfront"

    page.locator(".translation-toggle").get_by_role("link").first.click()
    assert "/as/news/" in page.url
    assert page.locator("h1").inner_text() == "নদীৰ পাৰত নতুন চাইকেল পথ"
    assert page.locator("html").get_attribute("lang") == "as"

    page.locator(".translation-toggle").get_by_role("link", name="Read in English").click()
    assert page.url == live_server.url + story.get_absolute_url()

    page.get_by_label("Name").fill("Mridul Das")
    page.get_by_label("E-mail address").fill("mridul@example.com")
    page.get_by_label("Your comment").fill("The lanes near Uzan Bazar are already busy.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Your comment is awaiting moderation")).to_be_visible()
    comment = Comment.objects.get()
    assert comment.article == story and comment.status == Comment.Status.HELD
    context.close()
