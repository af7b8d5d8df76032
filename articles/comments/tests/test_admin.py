"""The moderation queue in the admin: lists, filters, search, bulk actions, history and the page cache."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.comments.models import BlockedTerm, Comment
from articles.comments.tests.comment_helpers import comment_data, make_comment, post_url
from articles.tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture(autouse=True)
def _password_is_enough(settings):
    settings.STAFF_REQUIRE_2FA = False


@pytest.fixture
def moderator():
    user = make_user(full_name="Moni Moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.fixture
def desk(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def article():
    return make_article(headline="Flood waters recede in Dibrugarh")


def act(desk, action, comments):
    return desk.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments], "index": 0}, follow=True
    )


def test_the_queue_lists_the_comment_its_story_status_reports_name_email_and_date(desk, article):
    make_comment(
        article,
        status=Comment.Status.HELD,
        name="Queued Reader",
        email="queued@example.com",
        ip_address="203.0.113.20",
        body="Waiting for a moderator",
        report_count=2,
    )
    response = desk.get(CHANGELIST)
    page = response.content.decode()
    for shown in (
        "Waiting for a moderator",
        "Awaiting moderation",
        "2 reports",
        "on “Flood waters recede in Dibrugarh”",
        "Queued Reader",
        "queued@<wbr>example.<wbr>com",  # the address wraps after its @ and dots only
    ):
        assert shown in page
    # Few columns, so the list fits a 1280 px screen: the IP address is on the comment's page (and searchable).
    assert "203.0.113.20" not in page
    headers = [str(header["text"]) for header in response.context["result_headers"]][1:]
    assert headers == ["comment", "status", "posted by", "posted at", "Moderation"]


def test_the_queue_filters_by_status_reported_and_story(desk, article):
    held = make_comment(article, status=Comment.Status.HELD, body="HELD-ONE")
    make_comment(article, body="APPROVED-ONE")
    reported = make_comment(article, body="REPORTED-ONE", report_count=2)
    make_comment(article, body="REPORTED-BUT-REMOVED", report_count=1, status=Comment.Status.REMOVED)
    other_story = make_comment(make_article(), status=Comment.Status.HELD, body="ELSEWHERE")

    page = desk.get(CHANGELIST, {"status__exact": "held"}).content.decode()
    assert held.body in page and other_story.body in page and "APPROVED-ONE" not in page

    page = desk.get(CHANGELIST, {"reported": "yes"}).content.decode()
    assert reported.body in page and "HELD-ONE" not in page and "REPORTED-BUT-REMOVED" not in page

    page = desk.get(CHANGELIST, {"article__id__exact": article.pk}).content.decode()
    assert "HELD-ONE" in page and "ELSEWHERE" not in page


@pytest.mark.parametrize("query", ["needle in the text", "Needle Person", "needle@example.com", "198.51.100.77"])
def test_the_queue_searches_text_name_email_and_ip(desk, article, query):
    make_comment(
        article,
        body="There is a needle in the text",
        name="Needle Person",
        email="needle@example.com",
        ip_address="198.51.100.77",
    )
    make_comment(article, body="HAYSTACK", name="Someone", email="hay@example.com", ip_address="192.0.2.1")
    page = desk.get(CHANGELIST, {"q": query}).content.decode()
    assert "There is a needle in the text" in page
    assert "HAYSTACK" not in page


def test_approving_publishes_records_who_and_when_and_writes_the_history(desk, moderator, article):
    held = [make_comment(article, status=Comment.Status.HELD, body=f"Held {n}") for n in range(2)]
    response = act(desk, "approve", held)
    assert "2 comments approved." in response.content.decode()
    for comment in held:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
        assert comment.moderated_by == moderator
        assert comment.moderated_at is not None
        entry = LogEntry.objects.get(object_id=str(comment.pk), content_type__model="comment")
        assert entry.user == moderator
        assert "Awaiting moderation → Approved" in entry.get_change_message()


def test_removing_keeps_the_comment_with_who_removed_it_and_when(desk, moderator, article):
    comment = make_comment(article, body="Rude words")
    act(desk, "remove", [comment])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    assert comment.removed_by == moderator
    assert comment.removed_at is not None
    assert LogEntry.objects.filter(object_id=str(comment.pk), change_message="Approved → Removed").exists()
    assert "Rude words" not in Client().get(article.get_absolute_url()).content.decode()
    assert "Rude words" in desk.get(CHANGELIST, {"status__exact": "removed"}).content.decode()


def test_marking_as_spam_hides_the_comment_and_holds_that_address_next_time(desk, article, settings):
    settings.COMMENTS_AUTO_APPROVE_AFTER = 1
    make_comment(article, email="sly@example.com", body="A good earlier one")
    spam = make_comment(article, email="sly@example.com", body="Buy followers")
    act(desk, "mark_spam", [spam])
    spam.refresh_from_db()
    assert spam.status == Comment.Status.SPAM

    Client().post(post_url(article), comment_data(email="sly@example.com", body="Trust me again"))
    assert Comment.objects.get(body="Trust me again").status == Comment.Status.HELD


def test_an_approved_comment_appears_on_the_next_view_of_the_cached_story_page(
    desk, article, django_capture_on_commit_callbacks
):
    reader = Client()
    first = reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url()).headers["X-Page-Cache"] == "hit"

    held = make_comment(article, status=Comment.Status.HELD, body="Approved a moment ago")
    assert "Approved a moment ago" not in reader.get(article.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        act(desk, "approve", [held])
    after = reader.get(article.get_absolute_url())
    assert after.headers["X-Page-Cache"] == "miss"
    assert "Approved a moment ago" in after.content.decode()
    assert first.status_code == 200


def test_a_removed_comment_leaves_the_cached_story_page_at_once(desk, article, django_capture_on_commit_callbacks):
    comment = make_comment(article, body="Gone soon")
    reader = Client()
    assert "Gone soon" in reader.get(article.get_absolute_url()).content.decode()
    assert "Gone soon" in reader.get(article.get_absolute_url()).content.decode()  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        act(desk, "remove", [comment])
    assert "Gone soon" not in reader.get(article.get_absolute_url()).content.decode()


def test_comments_are_never_deleted_or_added_from_the_queue(desk, article):
    make_comment(article)
    page = desk.get(CHANGELIST).content.decode()
    assert 'value="delete_selected"' not in page
    assert desk.get(reverse("admin:comments_comment_add")).status_code == 403


def test_a_comments_page_in_the_admin_shows_its_reports_read_only(desk, article):
    comment = make_comment(article, report_count=1)
    comment.reports.create(reason="abuse", ip_address="203.0.113.30")
    page = desk.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()
    assert "Abusive or hateful" in page
    assert "203.0.113.30" in page
    assert 'name="body"' not in page


def test_staff_without_the_moderation_permission_cannot_moderate(client, article):
    clerk = make_user(is_staff=True)
    client.force_login(clerk)
    held = make_comment(article, status=Comment.Status.HELD)
    assert client.get(CHANGELIST).status_code == 403
    client.post(CHANGELIST, {"action": "approve", "_selected_action": [held.pk]})
    held.refresh_from_db()
    assert held.status == Comment.Status.HELD


def test_staff_who_may_only_view_comments_get_no_moderation_actions(client, article):
    viewer = make_user(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    held = make_comment(article, status=Comment.Status.HELD)
    page = client.get(CHANGELIST).content.decode()
    assert 'value="approve"' not in page
    client.post(CHANGELIST, {"action": "approve", "_selected_action": [held.pk]})
    held.refresh_from_db()
    assert held.status == Comment.Status.HELD


def test_moderators_edit_the_block_list_in_the_admin(desk):
    response = desk.post(
        reverse("admin:comments_blockedterm_add"), {"kind": "word", "value": "  Lottery   WIN ", "note": "scam wave"}
    )
    assert response.status_code == 302
    assert BlockedTerm.objects.get().value == "lottery win"

    response = desk.post(reverse("admin:comments_blockedterm_add"), {"kind": "ip", "value": "not-an-ip"})
    assert response.status_code == 200
    assert "Enter a valid IPv4 or IPv6 address." in response.content.decode()
    response = desk.post(reverse("admin:comments_blockedterm_add"), {"kind": "email", "value": "junk"})
    assert "Enter an e-mail address, or @ and a domain" in response.content.decode()
    assert BlockedTerm.objects.count() == 1


def test_marking_as_spam_takes_the_comment_off_the_cached_story_page_at_once(
    desk, article, django_capture_on_commit_callbacks
):
    comment = make_comment(article, body="Sneaky advert")
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url()).headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        act(desk, "mark_spam", [comment])
    assert "Sneaky advert" not in reader.get(article.get_absolute_url()).content.decode()


# --- a row's own buttons --------------------------------------------------------------------


def row_url(comment, action):
    return reverse("admin:comments_comment_moderate", args=[comment.pk, action])


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (Comment.Status.HELD, {"approve", "remove", "spam"}),
        (Comment.Status.APPROVED, {"remove", "spam"}),
        (Comment.Status.REMOVED, {"approve", "spam"}),
        (Comment.Status.SPAM, {"approve", "remove"}),
    ],
    ids=["held", "approved", "removed", "spam"],
)
def test_each_row_offers_the_buttons_that_would_change_the_comment(desk, article, status, offered):
    removed_at = timezone.now() if status == Comment.Status.REMOVED else None
    comment = make_comment(article, status=status, removed_at=removed_at)
    page = desk.get(CHANGELIST).content.decode()
    shown = {action for action in ("approve", "remove", "spam") if f'formaction="{row_url(comment, action)}"' in page}
    assert shown == offered
    # Buttons of the list's own form (it carries the CSRF token), named by the comment they act on.
    assert page.count('<button type="submit" class="button desk-row-action"') == len(offered)
    assert f'aria-describedby="comment-{comment.pk}-excerpt"' in page
    assert f'id="comment-{comment.pk}-excerpt"' in page


def test_a_rows_approve_button_publishes_the_comment_and_writes_the_history(
    desk, moderator, article, django_capture_on_commit_callbacks
):
    held = make_comment(article, status=Comment.Status.HELD, body="Approved with its own button")
    other = make_comment(article, status=Comment.Status.HELD, body="Still waiting")
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(row_url(held, "approve"), follow=True)
    assert "1 comment approved." in response.content.decode()
    held.refresh_from_db()
    other.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert held.moderated_by == moderator
    assert other.status == Comment.Status.HELD
    entry = LogEntry.objects.get(object_id=str(held.pk), content_type__model="comment")
    assert entry.user == moderator
    assert entry.get_change_message() == "Awaiting moderation → Approved"
    assert "Approved with its own button" in Client().get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("action", "status", "said"),
    [
        ("remove", Comment.Status.REMOVED, "1 comment removed."),
        ("spam", Comment.Status.SPAM, "1 comment marked as spam."),
    ],
)
def test_a_rows_remove_and_spam_buttons_take_the_comment_off_the_story(
    desk, moderator, article, action, status, said, django_capture_on_commit_callbacks
):
    comment = make_comment(article, body="Off the story soon")
    reader = Client()
    assert "Off the story soon" in reader.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(row_url(comment, action), follow=True)
    assert said in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == moderator
    assert "Off the story soon" not in reader.get(article.get_absolute_url()).content.decode()


def test_a_rows_button_brings_the_moderator_back_to_the_same_filtered_list(desk, article):
    held = make_comment(article, status=Comment.Status.HELD, body="Flood relief needed")
    query = f"status__exact=held&q=relief&article__id__exact={article.pk}"
    page = desk.get(f"{CHANGELIST}?{query}").content.decode()
    filters = urlencode({"_changelist_filters": query})
    assert f'formaction="{row_url(held, "approve")}?{filters.replace("&", "&amp;")}"' in page

    response = desk.post(f"{row_url(held, 'approve')}?{filters}")
    assert response.status_code == 302
    back = urlsplit(response["Location"])
    assert back.path == CHANGELIST
    assert parse_qs(back.query) == parse_qs(query)


def test_opening_a_row_buttons_address_changes_nothing(desk, article):
    held = make_comment(article, status=Comment.Status.HELD, body="Opened in a new tab")
    page = desk.get(row_url(held, "spam"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'action="{row_url(held, "spam")}"' in html and 'method="post"' in html
    held.refresh_from_db()
    assert held.status == Comment.Status.HELD
    assert not LogEntry.objects.filter(object_id=str(held.pk), content_type__model="comment").exists()
    assert desk.post(row_url(held, "delete")).status_code == 404


def test_a_rows_button_that_changes_nothing_says_so(desk, article):
    approved = make_comment(article)
    response = desk.post(row_url(approved, "approve"), follow=True)
    assert "Nothing changed: the comment was “Approved” already." in response.content.decode()
    assert not LogEntry.objects.filter(object_id=str(approved.pk), content_type__model="comment").exists()


def test_the_row_buttons_need_the_lists_csrf_token(moderator, article):
    held = make_comment(article, status=Comment.Status.HELD)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    assert browser.post(row_url(held, "approve")).status_code == 403
    held.refresh_from_db()
    assert held.status == Comment.Status.HELD

    token = browser.get(CHANGELIST).context["csrf_token"]
    response = browser.post(row_url(held, "approve"), {"csrfmiddlewaretoken": str(token), "action": ""})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED


def test_staff_who_may_not_moderate_get_no_row_buttons_and_are_refused(client, article):
    held = make_comment(article, status=Comment.Status.HELD)
    viewer = make_user(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    page = client.get(CHANGELIST).content.decode()
    assert "desk-row-action" not in page
    assert client.post(row_url(held, "approve")).status_code == 403
    assert client.get(row_url(held, "approve")).status_code == 403
    client.force_login(make_user(is_staff=True))
    assert client.post(row_url(held, "approve")).status_code == 403
    held.refresh_from_db()
    assert held.status == Comment.Status.HELD


def test_the_moderators_queue_runs_the_same_queries_for_a_few_or_many_rows(desk, article):
    def add(count):
        for n in range(count):
            status = [Comment.Status.HELD, Comment.Status.APPROVED, Comment.Status.SPAM][n % 3]
            make_comment(make_article() if n % 2 else article, status=status, report_count=n % 2)

    url = f"{CHANGELIST}?q=Comment"
    add(3)
    desk.get(url)
    with CaptureQueriesContext(connection) as few:
        assert desk.get(url).status_code == 200
    add(30)
    with CaptureQueriesContext(connection) as many:
        page = desk.get(url)
    assert page.content.decode().count("desk-row-action") > 60
    assert len(many) == len(few)


def test_after_a_rows_button_the_list_comes_back_at_the_next_row_for_the_keyboard(desk, article):
    oldest, middle, newest = (
        make_comment(
            article, status=Comment.Status.HELD, body=f"Held {n}", created_at=timezone.now() - timedelta(hours=n)
        )
        for n in (3, 2, 1)
    )
    queue = f"{CHANGELIST}?status__exact=held"
    page = desk.get(queue).content.decode()
    # Newest first: each row's buttons name the row after it; the last row names the one before it.
    for comment, back_to in ((newest, middle), (middle, oldest), (oldest, middle)):
        assert re.search(
            rf'formaction="{row_url(comment, "approve")}[^"]*" name="_back_to" value="{back_to.pk}"', page
        ), comment.body
        assert f'id="comment-{comment.pk}-moderation" role="group" aria-labelledby="comment-{comment.pk}-excerpt"' in (
            page
        )

    response = desk.post(
        f"{row_url(middle, 'approve')}?_changelist_filters=status__exact%3Dheld", {"_back_to": oldest.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{queue}#comment-{oldest.pk}-moderation"
    back = desk.get(queue).content.decode()
    assert "Held 2" not in back
    assert f'id="comment-{oldest.pk}-moderation"' in back  # the anchor is there to land on

    # Anything but a comment's number names no row.
    response = desk.post(row_url(newest, "spam"), {"_back_to": "1\r\nSet-Cookie: x=1"})
    assert response["Location"] == CHANGELIST


def test_a_comments_own_page_has_its_rows_buttons_each_a_form_of_its_own(desk, article):
    held = make_comment(article, status=Comment.Status.HELD, body="Seen on its own page")
    approved = make_comment(article, body="Already on the story")
    page = desk.get(reverse("admin:comments_comment_change", args=[held.pk])).content.decode()
    panel = page[page.index('class="module desk-decision desk-moderation"') : page.index("</section>")]
    for action in ("approve", "remove", "spam"):
        assert f'<form method="post" action="{row_url(held, action)}"' in panel
    assert panel.count('name="csrfmiddlewaretoken"') == 3
    assert panel.count('<input type="hidden" name="_continue" value="1">') == 3
    assert "Awaiting moderation" in panel

    page = desk.get(reverse("admin:comments_comment_change", args=[approved.pk])).content.decode()
    assert f'action="{row_url(approved, "approve")}"' not in page
    assert f'action="{row_url(approved, "remove")}"' in page and f'action="{row_url(approved, "spam")}"' in page


def test_a_button_on_a_comments_page_moderates_it_and_comes_back_to_that_page(desk, moderator, article):
    held = make_comment(article, status=Comment.Status.HELD, body="Approved from its page")
    filters = "_changelist_filters=status__exact%3Dheld"
    comment_page = f"{reverse('admin:comments_comment_change', args=[held.pk])}?{filters}"
    assert f'action="{row_url(held, "approve")}?{filters}"' in desk.get(comment_page).content.decode()

    response = desk.post(f"{row_url(held, 'approve')}?{filters}", {"_continue": "1"})
    assert response.status_code == 302
    assert response["Location"] == comment_page
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert held.moderated_by == moderator
    page = desk.get(response["Location"]).content.decode()
    assert "1 comment approved." in page
    assert f'action="{row_url(held, "approve")}' not in page  # what applies now: remove, spam
    assert f'action="{row_url(held, "remove")}' in page


def test_staff_who_may_only_view_a_comment_get_no_buttons_on_its_page(client, article):
    held = make_comment(article, status=Comment.Status.HELD)
    viewer = make_user(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    page = client.get(reverse("admin:comments_comment_change", args=[held.pk]))
    assert page.status_code == 200
    assert "desk-moderation" not in page.content.decode()


def test_the_staff_reply_filter_asks_who_wrote_the_comment(desk, article):
    make_comment(article, body="A READER WROTE THIS")
    make_comment(article, body="THE DESK ANSWERED", is_staff_reply=True)
    page = desk.get(CHANGELIST).content.decode()
    assert "By who wrote it" in page
    assert "By from the newsroom" not in page
    newsroom = desk.get(CHANGELIST, {"written_by": "newsroom"}).content.decode()
    assert "THE DESK ANSWERED" in newsroom and "A READER WROTE THIS" not in newsroom
    assert ">the newsroom</a>" in newsroom and ">readers</a>" in newsroom
    readers = desk.get(CHANGELIST, {"written_by": "readers"}).content.decode()
    assert "A READER WROTE THIS" in readers and "THE DESK ANSWERED" not in readers


def test_a_link_to_the_comments_old_desk_address_still_opens_the_comment(client, superuser):
    """Moderators' e-mails sent before comments had their own app link to /admin/articles/comment/…."""
    comment = make_comment(make_article(), status=Comment.Status.HELD, body="Held before the move")
    client.force_login(superuser)
    response = client.get(f"/as/admin/articles/comment/{comment.pk}/change/?status__exact=held", follow=True)
    assert response.redirect_chain[0] == (
        f"/as/admin/comments/comment/{comment.pk}/change/?status__exact=held",
        301,
    )
    assert response.status_code == 200
    assert "Held before the move" in response.content.decode()
