"""Browser journeys through the staff desk (the Django admin)."""

import base64
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp

from accounts.models import User
from articles.models import Article
from articles.tests.factories import make_article

PASSWORD = "a-long-desk-password-42"


def make_editor():
    from accounts.groups import ensure_groups

    ensure_groups()
    editor = User.objects.create_user(
        email="rima@example.com", full_name="Rima Baruah", password=PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editor"))
    return editor


def log_in(page, live_server, path="/admin/"):
    page.goto(live_server.url + path)
    page.fill("#id_username", "rima@example.com")
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()


@pytest.mark.django_db(transaction=True)
def test_an_editor_sees_the_work_waiting_and_opens_the_stories_awaiting_review(live_server, page):
    make_editor()
    make_article(status=Article.Status.SUBMITTED, headline="Flood waters recede in Dhemaji")
    make_article(status=Article.Status.SUBMITTED, headline="Bihu committee names its president")
    make_article(status=Article.Status.PUBLISHED, headline="Yesterday's news")

    log_in(page, live_server)

    tile = page.locator("#desk-stories_submitted")
    assert tile.locator(".desk-count").inner_text() == "2"
    assert "Stories awaiting review" in tile.inner_text()
    tile.click()
    page.wait_for_url("**/admin/articles/article/?status__exact=submitted")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    listed = page.locator("#result_list").inner_text()
    assert "Flood waters recede in Dhemaji" in listed
    assert "Bihu committee names its president" in listed
    assert "Yesterday's news" not in listed


@pytest.mark.django_db(transaction=True)
def test_a_staff_member_sets_up_the_second_factor_and_opens_the_desk(live_server, page, settings):
    settings.STAFF_REQUIRE_2FA = True
    make_editor()

    log_in(page, live_server)

    page.wait_for_url("**/admin/2fa/setup/**")
    qr = page.get_by_role("img", name="QR code holding the key shown below")
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert qr.evaluate("image => image.naturalWidth") > 0  # the browser drew the QR code
    secret = page.locator(".desk-otp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirm and open the desk").click()

    page.wait_for_url(live_server.url + "/admin/")
    assert page.locator("#desk-stories_submitted").is_visible()


AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"


def serious_problems(page, selector):
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(f"async () => await axe.run({selector!r})")
    assert len(result["passes"]) > 5  # axe really checked the part
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} elements)"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by `make test` (tests/tools)")
@pytest.mark.django_db(transaction=True)
def test_the_desks_home_and_second_factor_pages_pass_an_accessibility_check(live_server, browser, viewport, settings):
    make_editor()
    make_article(status=Article.Status.SUBMITTED)
    # axe is injected from disk; the page's own Content-Security-Policy would refuse it.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server)
    home = serious_problems(page, "#content-main")
    settings.STAFF_REQUIRE_2FA = True
    page.goto(live_server.url + "/admin/")
    page.wait_for_url("**/admin/2fa/setup/**")
    setup = serious_problems(page, "#content")
    context.close()

    assert home == []
    assert setup == []
