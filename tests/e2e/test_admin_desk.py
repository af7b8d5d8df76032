"""Browser journeys through the staff desk (the Django admin)."""

import base64
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from accounts.models import Reporter, User
from articles.comments.models import Comment
from articles.comments.tests.comment_helpers import make_comment
from articles.models import Article
from articles.tests.factories import make_article, make_reporter
from tests.e2e.conftest import DESKTOP

PASSWORD = "a-long-desk-password-42"


def make_staff(email, full_name, group):
    from accounts.groups import ensure_groups

    ensure_groups()
    user = User.objects.create_user(email=email, full_name=full_name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def make_editor():
    return make_staff("rima@example.com", "Rima Baruah", "Editor")


def make_moderator():
    return make_staff("moni@example.com", "Moni Saikia", "Moderator")


def log_in(page, live_server, path="/admin/", email="rima@example.com"):
    page.goto(live_server.url + path)
    page.fill("#id_username", email)
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

    # The password alone shows no secret: the set-up link goes to the staff member's own mailbox.
    page.wait_for_url("**/admin/2fa/setup/**")
    assert page.locator(".desk-otp-secret").count() == 0
    page.get_by_role("button", name="E-mail me a set-up link").click()
    expect(page.get_by_text("We e-mailed a set-up link to rima@example.com.")).to_be_visible()
    link = re.search(r"https?://\S+?(/admin/2fa/setup/\S+/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)

    page.wait_for_url(live_server.url + "/admin/2fa/setup/")
    qr = page.get_by_role("img", name="QR code holding the key shown below")
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert qr.evaluate("image => image.naturalWidth") > 0  # the browser drew the QR code
    secret = page.locator(".desk-otp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirm and open the desk").click()

    # Ten recovery codes, shown this once.
    assert page.locator(".desk-otp-codes li").count() == 10
    page.get_by_role("link", name="I have kept them: open the desk").click()
    page.wait_for_url(live_server.url + "/admin/")
    expect(page.locator("#desk-stories_submitted")).to_be_visible()


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


@pytest.mark.django_db(transaction=True)
def test_a_moderator_approves_a_held_comment_with_its_row_button_using_only_the_keyboard(live_server, browser):
    make_moderator()
    article = make_article(headline="Ferry service resumes at Nimati ghat")
    held = make_comment(
        article, status=Comment.Status.HELD, name="Mridul Bora", body="Good to hear the ferry runs again."
    )
    other = make_comment(article, status=Comment.Status.HELD, body="Another one, still waiting.")
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    queue = "/admin/comments/comment/?status__exact=held"
    log_in(page, live_server, queue, email="moni@example.com")
    page.wait_for_url(f"**{queue}")

    # Tab from the top of the page to this comment's Approve button, then Enter: no mouse, no script.
    row = page.locator("#result_list tbody tr", has_text="Good to hear the ferry runs again.")
    button = row.get_by_role("button", name="Approve")
    for _ in range(200):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the row's Approve button")
    page.keyboard.press("Enter")

    expect(page.get_by_text("1 comment approved.")).to_be_visible()
    # Back on the same filtered list, where the keyboard left off: the approved comment left the list,
    # the focus is on the buttons of the row next to it (here the one before: it was the last row).
    assert page.url == f"{live_server.url}{queue}#comment-{other.pk}-moderation"
    listed = page.locator("#result_list").inner_text()
    assert "Good to hear the ferry runs again." not in listed
    assert "Another one, still waiting." in listed
    next_row = page.locator("#result_list tbody tr", has_text="Another one, still waiting.")
    expect(next_row.get_by_role("group")).to_be_focused()
    page.keyboard.press("Tab")
    expect(next_row.get_by_role("button", name="Approve")).to_be_focused()
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED

    reader = browser.new_context(viewport=DESKTOP, locale="en-GB").new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.get_by_text("Good to hear the ferry runs again.")).to_be_visible()
    assert reader.get_by_text("Another one, still waiting.").count() == 0
    reader.context.close()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_an_editor_approves_a_pending_reporter_from_the_reporters_page(live_server, browser):
    make_editor()
    reporter = make_reporter(full_name="Anjali Baruah", status=Reporter.Status.PENDING)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    log_in(page, live_server, "/admin/accounts/reporter/?status=pending")

    page.get_by_role("link", name=re.compile("Anjali Baruah")).click()
    decision = page.get_by_role("region", name="Decision")
    expect(decision).to_contain_text("Awaiting approval")
    expect(decision.get_by_role("button", name="Reject")).to_be_visible()
    assert decision.get_by_role("button", name="Suspend").count() == 0
    # The note box is drawn in Reject's own box, with Reject's button; Approve's box holds no note.
    boxes = page.evaluate(
        """() => {
            const box = (selector) => document.querySelector(selector).getBoundingClientRect().toJSON();
            const approve = document.querySelector(".desk-decision-approve");
            return {
                approve: box(".desk-decision-approve"),
                reject: box(".desk-decision-reject"),
                note: box(".desk-decision-reject textarea"),
                rejectButton: box(".desk-decision-reject button"),
                approveButton: box(".desk-decision-approve button"),
                approveBorder: parseFloat(getComputedStyle(approve).borderTopWidth),
            };
        }"""
    )

    def inside(inner, outer):
        return (
            outer["left"] <= inner["left"]
            and inner["right"] <= outer["right"]
            and outer["top"] <= inner["top"]
            and inner["bottom"] <= outer["bottom"]
        )

    def overlap(one, other):
        return not (
            one["right"] <= other["left"]
            or other["right"] <= one["left"]
            or one["bottom"] <= other["top"]
            or other["bottom"] <= one["top"]
        )

    assert inside(boxes["note"], boxes["reject"]) and inside(boxes["rejectButton"], boxes["reject"]), boxes
    assert inside(boxes["approveButton"], boxes["approve"]), boxes
    assert not overlap(boxes["approve"], boxes["reject"]), boxes
    assert boxes["approveBorder"] > 0, "each decision is drawn as a box of its own"
    expect(decision.get_by_role("button", name="Approve")).to_have_accessible_description(
        "They are told by e-mail, without a note."
    )
    decision.get_by_role("button", name="Approve").click()

    expect(page.get_by_text("Anjali Baruah is now “Approved”; they are told by e-mail.")).to_be_visible()
    assert page.url.endswith(f"/admin/accounts/reporter/{reporter.pk}/change/?_changelist_filters=status%3Dpending")
    expect(decision.get_by_role("button", name="Suspend")).to_be_visible()
    reporter.refresh_from_db()
    assert reporter.can_file
    assert mail.outbox[-1].to == [reporter.user.email]
    assert "approved" in mail.outbox[-1].subject
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["", "/as"], ids=["English", "Assamese"])
def test_at_1280_px_the_reporter_and_comment_lists_fit_without_scrolling_sideways(live_server, browser, language):
    make_staff("chief@example.com", "Chief Editor", "Editor").groups.add(Group.objects.get(name="Moderator"))
    for n in range(8):
        make_reporter(
            full_name=f"Dhrubajyoti Kalita Barthakur {n}",
            status=[Reporter.Status.PENDING, Reporter.Status.APPROVED][n % 2],
            confirmed=bool(n % 3),
            phone="+919876543210",
        )
    article = make_article(headline="Flood waters recede in Dibrugarh as the Brahmaputra falls below the danger mark")
    for n in range(8):
        make_comment(
            article,
            status=[Comment.Status.HELD, Comment.Status.APPROVED, Comment.Status.REMOVED][n % 3],
            removed_at=timezone.now(),
            report_count=n % 3,
            name="Mridul Kumar Bora",
            email=f"mridul.kumar.bora.{n}@example.com",
            ip_address="2001:db8:85a3::8a2e:370:7334",
            body="A fair report. The bridge was long overdue and the people of the district waited. " * 4,
        )
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    log_in(page, live_server, email="chief@example.com")
    for path in ("/admin/accounts/reporter/", "/admin/comments/comment/"):
        page.goto(live_server.url + language + path)
        assert page.locator("#result_list tbody tr").count() == 8
        widths = page.evaluate(
            """() => ({
                page: [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth],
                table: [document.querySelector("#result_list").scrollWidth,
                        document.querySelector("#changelist .results").clientWidth],
            })"""
        )
        assert widths["page"][0] <= widths["page"][1], (path, widths)
        assert widths["table"][0] <= widths["table"][1], (path, widths)
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by `make test` (tests/tools)")
@pytest.mark.django_db(transaction=True)
def test_the_reporter_decisions_and_the_comment_row_buttons_pass_an_accessibility_check(live_server, browser):
    make_staff("chief@example.com", "Chief Editor", "Editor").groups.add(Group.objects.get(name="Moderator"))
    reporter = make_reporter(full_name="Anjali Baruah", status=Reporter.Status.PENDING, confirmed=False)
    article = make_article(headline="Ferry service resumes at Nimati ghat")
    held = make_comment(article, status=Comment.Status.HELD, report_count=2)
    make_comment(article)
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server, email="chief@example.com")
    found = {}
    for name, path in {
        "reporter page": f"/admin/accounts/reporter/{reporter.pk}/change/",
        "rejection note page": f"/admin/accounts/reporter/{reporter.pk}/status/reject/",
        "comment list": "/admin/comments/comment/",
        "comment list back at a row": f"/admin/comments/comment/#comment-{held.pk}-moderation",
        "comment page": f"/admin/comments/comment/{held.pk}/change/",
    }.items():
        page.goto(live_server.url + path)
        found[name] = serious_problems(page, "#content-main")
    context.close()

    assert found == {name: [] for name in found}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["", "/as"], ids=["English", "Assamese"])
def test_at_1280_px_a_storys_buttons_sit_clear_of_its_heading(live_server, browser, language):
    make_editor()
    article = make_article(
        status=Article.Status.PUBLISHED,
        headline="Flood waters recede in Dibrugarh as the Brahmaputra falls below the danger mark",
        headline_as="ব্ৰহ্মপুত্ৰৰ পানী বিপদসীমাৰ তললৈ নমাৰ লগে লগে ডিব্ৰুগড়ত বানপানী কমিছে",
    )
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    log_in(page, live_server)
    page.goto(f"{live_server.url}{language}/admin/articles/article/{article.pk}/change/")
    tools = page.locator(".object-tools li")
    assert tools.count() == 4  # two previews, History, View on site
    found = page.evaluate(
        """() => {
            const text = (element) => {
                const range = document.createRange();
                range.selectNodeContents(element);
                return [...range.getClientRects()].map((rect) => rect.toJSON());
            };
            return {
                headings: [...document.querySelectorAll("#content > h1, #content > h2")].flatMap(text),
                tools: [...document.querySelectorAll(".object-tools a")].map((a) => a.getBoundingClientRect().toJSON()),
                content: document.querySelector("#content").getBoundingClientRect().toJSON(),
                page: [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth],
            };
        }"""
    )

    def overlap(one, other):
        return not (
            one["right"] <= other["left"]
            or other["right"] <= one["left"]
            or one["bottom"] <= other["top"]
            or other["bottom"] <= one["top"]
        )

    assert len(found["headings"]) >= 2
    assert [(tool, heading) for tool in found["tools"] for heading in found["headings"] if overlap(tool, heading)] == []
    assert all(
        found["content"]["left"] <= tool["left"] and tool["right"] <= found["content"]["right"]
        for tool in found["tools"]
    )
    assert found["page"][0] <= found["page"][1]
    context.close()
