"""A reader comments on a story, a moderator approves it in the admin, and everybody sees it."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.comments.models import Comment
from articles.comments.tests.comment_helpers import make_comment
from articles.tests.factories import make_article, make_user

PASSWORD = "moderating-is-a-craft-42"


@pytest.mark.django_db(transaction=True)
def test_a_readers_comment_is_approved_by_a_moderator_and_appears_on_the_story(live_server, browser, page, settings):
    settings.SPAM_FORM_MIN_SECONDS = 0
    settings.STAFF_REQUIRE_2FA = False
    article = make_article(headline="Deepor Beel birds return in record numbers")
    moderator = make_user(email="moderator@example.com", password=PASSWORD, is_staff=True, is_superuser=True)
    story_url = live_server.url + article.get_absolute_url()

    # The reader posts a comment and sees it waiting for a moderator.
    page.goto(story_url)
    form = page.locator("#comment-form")
    form.get_by_label("Name").fill("Anupam Deka")
    form.get_by_label("E-mail address").fill("anupam@example.com")
    form.get_by_label("Your comment").fill("I counted forty pelicans there on Sunday! <b>Wonderful</b>")
    form.get_by_role("button", name="Post comment").click()
    page.wait_for_url("**?posted=*")
    expect(page.get_by_text("Your comment is awaiting moderation")).to_be_visible()
    own = page.locator(".comment-pending")
    assert "I counted forty pelicans there on Sunday! <b>Wonderful</b>" in own.inner_text()
    expect(own.get_by_text("Awaiting moderation")).to_be_visible()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.HELD

    # Other readers do not see it yet (and this visit puts the page in the cache).
    reader = browser.new_context()
    other = reader.new_page()
    other.goto(story_url)
    assert other.get_by_text("I counted forty pelicans").count() == 0

    # A moderator approves it in the admin.
    desk = browser.new_context(viewport=page.viewport_size)
    admin = desk.new_page()
    admin.goto(live_server.url + "/admin/comments/comment/?status__exact=held")
    admin.locator("#id_username").fill(moderator.email)
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("input[type=submit]").click()
    admin.wait_for_url("**/admin/comments/comment/**")
    assert admin.get_by_text("I counted forty pelicans").count() == 1
    admin.locator(f"input[name=_selected_action][value='{comment.pk}']").check()
    admin.locator("select[name=action]").select_option("approve")
    admin.locator("button[name=index]").click()
    expect(admin.get_by_text("1 comment approved.")).to_be_visible()
    desk.close()

    # The story page, cached on the server a moment ago, shows it at once when the reader reloads
    # (a plain revisit may reuse the browser's own copy for up to a minute).
    other.reload()
    published = other.locator(f"#comment-{comment.pk}")
    expect(published).to_be_visible()
    assert "I counted forty pelicans there on Sunday! <b>Wonderful</b>" in published.inner_text()
    expect(other.locator("#comments-heading")).to_have_text("1 comment")
    reader.close()

    newcomer = browser.new_context()
    fresh = newcomer.new_page()
    fresh.goto(story_url)
    expect(fresh.locator(f"#comment-{comment.pk}")).to_contain_text("I counted forty pelicans")
    newcomer.close()


AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by `make test` (tests/tools)")
@pytest.mark.django_db(transaction=True)
def test_the_comments_section_passes_an_accessibility_check(live_server, browser, viewport):
    article = make_article(headline="Sattriya dance festival returns to Guwahati")
    top = make_comment(article, name="Rimjhim", body="Lovely evening. Photos at https://example.org/sattriya")
    make_comment(article, parent=top, name="The desk", body="Thank you for coming!", is_staff_reply=True)
    make_comment(article, name="অনুৰাধা", body="বৰ ভাল লাগিল।")
    # axe is injected from disk; the page's own Content-Security-Policy would refuse it.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url() + f"?reply={top.pk}")
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("async () => await axe.run('#comments')")
    problems = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert len(result["passes"]) > 10  # axe really checked the section
    assert problems == []
