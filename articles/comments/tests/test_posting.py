"""Posting a comment: what a reader sees, and every rule that holds or refuses a comment."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone, translation

from articles.comments.models import BlockedTerm, Comment
from articles.comments.tests.comment_helpers import comment_data, make_comment, post_url, report_data, report_url
from articles.tests.factories import make_article, make_user
from newsroom.shared.antispam import make_form_stamp

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(headline="New bridge over the Brahmaputra opens")


def post(client, article, **overrides):
    return client.post(post_url(article), comment_data(**overrides))


# --- The reader's own view -----------------------------------------------------------------


def test_a_new_comment_is_held_and_its_poster_sees_it_awaiting_moderation(client, article):
    response = post(client, article, body="Finally! My village will be an hour closer to Guwahati.")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.HELD
    assert response.status_code == 302
    assert response.url.startswith(article.get_absolute_url() + "?posted=")
    assert response.url.endswith(f"#comment-{comment.pk}")

    own_view = client.get(response.url)
    assert "awaiting moderation" in own_view.content.decode()
    assert "My village will be an hour closer" in own_view.content.decode()

    everybody_else = Client().get(article.get_absolute_url())
    assert "My village will be an hour closer" not in everybody_else.content.decode()


def test_a_forged_posted_link_shows_nothing(client, article):
    held = make_comment(article, status=Comment.Status.HELD, body="Private until approved")
    response = client.get(f"{article.get_absolute_url()}?posted={held.pk}")
    assert "Private until approved" not in response.content.decode()


def test_the_email_address_is_never_shown_on_the_story(client, article):
    make_comment(article, email="secret.reader@example.com", body="Visible comment")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Visible comment" in page
    assert "secret.reader@example.com" not in page


def test_a_logged_in_reader_is_not_asked_for_name_and_email(client, article):
    user = make_user(full_name="Pranjal Saikia", email="pranjal@example.com")
    client.force_login(user)

    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="email"' not in page
    assert "Commenting as Pranjal Saikia" in page

    client.post(post_url(article), comment_data(name="", email="", body="Signed in and commenting."))
    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.user) == ("Pranjal Saikia", "pranjal@example.com", user)
    assert comment.status == Comment.Status.HELD
    assert not comment.is_staff_reply


def test_the_comment_form_is_under_every_published_story_but_not_on_drafts(client):
    draft = make_article(published=False)
    assert client.post(post_url(draft), comment_data()).status_code == 404
    assert not Comment.objects.exists()


def test_a_missing_name_or_a_bad_email_keeps_the_text_and_says_what_is_wrong(client, article):
    response = post(client, article, name="", email="not-an-address", body="Keep my words, please.")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Keep my words, please." in page
    assert "This field is required." in page
    assert "Enter a valid email address." in page
    assert not Comment.objects.exists()


def test_a_comment_longer_than_the_limit_is_refused_with_a_message(client, article):
    response = post(client, article, body="ক" * 3001)
    assert response.status_code == 400
    assert "at most 3000 characters" in response.content.decode()
    assert not Comment.objects.exists()


# --- Refused outright --------------------------------------------------------------------


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(client, article):
    response = post(client, article, website="http://cheap-pills.example", body="Great article!!!")
    assert response.status_code == 400
    assert "Great article!!!" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_form_sent_faster_than_a_person_could_is_refused_and_the_text_kept(client, article):
    response = post(client, article, form_stamp=make_form_stamp(time.time()), body="Typed at the speed of light.")
    page = response.content.decode()
    assert response.status_code == 400
    assert "faster than we expected" in page
    assert "Typed at the speed of light." in page
    assert not Comment.objects.exists()


def test_a_form_kept_open_past_its_signed_time_is_refused(client, article, settings):
    settings.SPAM_FORM_MAX_SECONDS = 60
    response = post(client, article, form_stamp=make_form_stamp(time.time() - 3600))
    assert response.status_code == 400
    assert "open for too long" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_forged_form_stamp_is_refused(client, article):
    response = post(client, article, form_stamp="1700000000:forged")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_the_same_text_twice_on_the_same_story_is_refused_as_a_duplicate(client, article):
    post(client, article, body="Same words.")
    response = post(client, article, body="  Same words.  ", email="someone.else@example.com")
    assert response.status_code == 400
    assert "already been posted on this story" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_same_text_on_another_story_or_long_ago_is_not_a_duplicate(client, article):
    old = make_comment(article, body="Same words.", created_at=timezone.now() - timedelta(days=3))
    assert post(client, article, body="Same words.").status_code == 302
    assert post(client, make_article(), body="Same words.").status_code == 302
    assert Comment.objects.exclude(pk=old.pk).count() == 2


def test_more_comments_a_minute_from_one_ip_address_are_refused_with_a_clear_message(client, article, settings):
    settings.COMMENTS_RATE_PER_MINUTE = 2
    for n in range(2):
        assert post(client, article, email=f"person{n}@example.com", body=f"Comment {n}").status_code == 302
    response = post(client, article, email="person9@example.com", body="One too many, my text stays.")
    page = response.content.decode()
    assert response.status_code == 429
    assert "You can post 2 comments a minute" in page
    assert "One too many, my text stays." in page
    assert Comment.objects.count() == 2

    other_reader = Client(REMOTE_ADDR="203.0.113.50")
    assert post(other_reader, article, email="elsewhere@example.com", body="From another address").status_code == 302


def test_more_comments_a_minute_from_one_email_address_are_refused_whatever_the_ip(article, settings):
    settings.COMMENTS_RATE_PER_MINUTE = 2
    for n in range(2):
        reader = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        assert post(reader, article, email="busy@example.com", body=f"Comment {n}").status_code == 302
    response = post(Client(REMOTE_ADDR="198.51.100.9"), article, email="BUSY@example.com", body="Third")
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_the_rate_limit_starts_again_the_next_minute(client, article, settings, monkeypatch):
    settings.COMMENTS_RATE_PER_MINUTE = 1
    assert post(client, article, body="First").status_code == 302
    assert post(client, article, body="Second").status_code == 429
    later = time.time() + 61
    monkeypatch.setattr("articles.comments.services.time.time", lambda: later)
    assert post(client, article, body="Third, a minute later").status_code == 302


# --- Closing -----------------------------------------------------------------------------


def test_comments_closed_by_the_editor_show_no_form_and_refuse_posts(client):
    closed = make_article(comments_enabled=False)
    make_comment(closed, body="Said before closing")
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "Comments are closed on this story." in page
    assert "Said before closing" in page
    assert 'id="comment-form"' not in page

    response = post(client, closed, body="Trying anyway")
    assert response.status_code == 403
    assert "Comments are closed on this story." in response.content.decode()
    assert Comment.objects.count() == 1


def test_comments_close_by_themselves_a_set_number_of_days_after_publication(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 10
    old = make_article(published_at=timezone.now() - timedelta(days=11))
    recent = make_article(published_at=timezone.now() - timedelta(days=9))

    assert "Comments are closed on this story." in client.get(old.get_absolute_url()).content.decode()
    assert post(client, old).status_code == 403
    assert post(client, recent).status_code == 302


def test_with_no_closing_age_old_stories_stay_open(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    very_old = make_article(published_at=timezone.now() - timedelta(days=800))
    assert post(client, very_old).status_code == 302


# --- Replies -----------------------------------------------------------------------------


def test_a_reply_appears_under_the_comment_it_answers(client, article):
    top = make_comment(article, name="Dipankar", body="Who paid for the bridge?")
    page = client.get(f"{article.get_absolute_url()}?reply={top.pk}").content.decode()
    assert "Reply to Dipankar" in page
    assert f'name="parent" value="{top.pk}"' in page

    post(client, article, parent=str(top.pk), body="The state and the centre, half each.")
    reply = Comment.objects.get(parent=top)
    reply.status = Comment.Status.APPROVED
    reply.save()

    page = client.get(article.get_absolute_url()).content.decode()
    replies_block = page.split('class="comment-replies')[1]
    assert "The state and the centre, half each." in replies_block


def test_a_reply_to_a_reply_joins_the_same_conversation(client, article):
    top = make_comment(article)
    reply = make_comment(article, parent=top)
    post(client, article, parent=str(reply.pk), body="Answering the answer")
    assert Comment.objects.get(body="Answering the answer").parent == top


def test_a_reply_to_a_comment_on_another_story_or_not_published_is_refused(client, article):
    elsewhere = make_comment(make_article())
    held = make_comment(article, status=Comment.Status.HELD)
    for parent in (elsewhere, held):
        response = post(client, article, parent=str(parent.pk), body=f"Replying to {parent.pk}")
        assert response.status_code == 400
        assert "no longer available" in response.content.decode()
    response = post(client, article, parent="999999", body="Replying to nothing")
    assert response.status_code == 400
    assert Comment.objects.count() == 2


def test_a_reply_to_a_reply_in_a_removed_conversation_is_refused(client, article):
    top = make_comment(article, status=Comment.Status.REMOVED)
    reply = make_comment(article, parent=top)
    response = post(client, article, parent=str(reply.pk), body="Into the void")
    assert response.status_code == 400
    assert not Comment.objects.filter(body="Into the void").exists()


def test_staff_replies_appear_at_once_marked_as_from_the_newsroom(client, article):
    reader = make_comment(article, body="Is the bridge open to lorries?")
    editor = make_user(full_name="Rupam Hazarika", is_staff=True)
    client.force_login(editor)
    client.post(post_url(article), comment_data(parent=str(reader.pk), body="Yes, from next Monday."))

    reply = Comment.objects.get(parent=reader)
    assert reply.status == Comment.Status.APPROVED
    assert reply.is_staff_reply
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Yes, from next Monday." in page
    assert "From the newsroom" in page


def test_staff_who_have_not_passed_the_second_factor_comment_as_ordinary_readers(client, article, settings):
    """A stolen staff password alone must not publish comments "from the newsroom"."""
    settings.STAFF_REQUIRE_2FA = True
    editor = make_user(full_name="Rupam Hazarika", is_staff=True)
    client.force_login(editor)
    form = client.get(article.get_absolute_url()).content.decode()
    assert "marked as coming from the newsroom" not in form
    client.post(post_url(article), comment_data(body="Official-looking words"))

    comment = Comment.objects.get(body="Official-looking words")
    assert comment.status == Comment.Status.HELD
    assert not comment.is_staff_reply
    assert "Official-looking words" not in Client().get(article.get_absolute_url()).content.decode()


def test_staff_past_the_second_factor_speak_for_the_newsroom(client, article, settings):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.STAFF_REQUIRE_2FA = True
    editor = make_user(full_name="Rupam Hazarika", is_staff=True)
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    # What the verify page does after a right code: the session remembers the device.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert "marked as coming from the newsroom" in client.get(article.get_absolute_url()).content.decode()
    client.post(post_url(article), comment_data(body="Yes, from next Monday."))

    comment = Comment.objects.get(body="Yes, from next Monday.")
    assert comment.status == Comment.Status.APPROVED
    assert comment.is_staff_reply


def test_a_readers_reply_is_not_marked_as_from_the_newsroom(client, article):
    top = make_comment(article)
    make_comment(article, parent=top, body="Just a reader")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "From the newsroom" not in page


# --- Held regardless, and published at once ------------------------------------------------


def test_by_default_even_a_regular_commenter_is_held(client, article):
    for n in range(5):
        make_comment(article, email="regular@example.com", body=f"Earlier {n}")
    post(client, article, email="regular@example.com", body="Another one")
    assert Comment.objects.get(body="Another one").status == Comment.Status.HELD


def test_a_trusted_email_address_appears_at_once_when_the_setting_allows(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE_AFTER = 2
    make_comment(article, email="regular@example.com", body="Earlier 1")
    post(client, article, email="Regular@Example.com", body="Held: only one approved so far")
    assert Comment.objects.get(body__startswith="Held:").status == Comment.Status.HELD

    make_comment(article, email="regular@example.com", body="Earlier 2")
    response = post(client, article, email="regular@example.com", body="Trusted now")
    assert Comment.objects.get(body="Trusted now").status == Comment.Status.APPROVED
    assert "Your comment is published" in client.get(response.url).content.decode()
    assert "Trusted now" in Client().get(article.get_absolute_url()).content.decode()


@pytest.fixture
def trusted(settings, article):
    """An e-mail address with enough approved comments to be published at once."""
    settings.COMMENTS_AUTO_APPROVE_AFTER = 1
    make_comment(article, email="trusted@example.com", body="An earlier, approved comment")
    return "trusted@example.com"


def test_too_many_links_hold_even_a_trusted_comment(client, article, trusted, settings):
    settings.COMMENTS_MAX_LINKS = 2
    post(client, article, email=trusted, body="See https://a.example and www.b.example")
    assert Comment.objects.get(body__startswith="See").status == Comment.Status.APPROVED

    post(client, article, email=trusted, body="Cheap: https://a.example https://b.example http://c.example/x")
    comment = Comment.objects.get(body__startswith="Cheap")
    assert (comment.status, comment.hold_reason) == (Comment.Status.HELD, Comment.HoldReason.LINKS)


def test_a_blocked_word_from_the_settings_holds_a_trusted_comment(client, article, trusted, settings):
    settings.COMMENTS_BLOCKED_WORDS = ["casino", "betting tips"]
    post(client, article, email=trusted, body="Visit the best CASINO in town")
    post(client, article, email=trusted, body="Free betting\n   TIPS every day")
    held = Comment.objects.filter(hold_reason=Comment.HoldReason.BLOCKED_WORD, status=Comment.Status.HELD)
    assert sorted(c.body[:5] for c in held) == ["Free ", "Visit"]


def test_a_word_from_the_editable_block_list_holds_a_comment_in_english_or_assamese(client, article, trusted):
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value="Lottery")
    BlockedTerm.objects.create(kind=BlockedTerm.Kind.WORD, value="জুৱা")
    post(client, article, email=trusted, body="You won the lottery!")
    post(client, article, email=trusted, body="আজি জুৱা খেলক")
    post(client, article, email=trusted, body="Lotteryless words are fine")
    statuses = dict(Comment.objects.exclude(email="x").values_list("body", "status"))
    assert statuses["You won the lottery!"] == Comment.Status.HELD
    assert statuses["আজি জুৱা খেলক"] == Comment.Status.HELD
    assert statuses["Lotteryless words are fine"] == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("kind", "value", "email", "ip"),
    [
        (BlockedTerm.Kind.EMAIL, "spammer@example.net", "Spammer@example.net", "192.0.2.1"),
        (BlockedTerm.Kind.EMAIL, "@junk.example", "anyone@junk.example", "192.0.2.1"),
        (BlockedTerm.Kind.EMAIL, "@junk.example", "anyone@mail.junk.example", "192.0.2.1"),
        (BlockedTerm.Kind.IP, "192.0.2.66", "innocent@example.com", "192.0.2.66"),
    ],
)
def test_a_known_bad_address_is_held(article, kind, value, email, ip, settings):
    settings.COMMENTS_AUTO_APPROVE_AFTER = 1
    make_comment(article, email=email.lower(), body="Approved before the address was blocked")
    BlockedTerm.objects.create(kind=kind, value=value)
    post(Client(REMOTE_ADDR=ip), article, email=email, body="From a blocked address")
    comment = Comment.objects.get(body="From a blocked address")
    assert (comment.status, comment.hold_reason) == (Comment.Status.HELD, Comment.HoldReason.BLOCKED_ADDRESS)


def test_an_address_whose_comments_were_spam_is_held(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE_AFTER = 1
    make_comment(article, email="mixed@example.com", body="A good one")
    make_comment(article, email="mixed@example.com", body="Buy now", status=Comment.Status.SPAM)
    post(client, article, email="mixed@example.com", body="Trust me")
    comment = Comment.objects.get(body="Trust me")
    assert (comment.status, comment.hold_reason) == (Comment.Status.HELD, Comment.HoldReason.KNOWN_SPAMMER)


def test_the_reader_sees_nothing_of_why_a_comment_was_held(client, article, settings):
    settings.COMMENTS_BLOCKED_WORDS = ["casino"]
    response = post(client, article, body="casino casino")
    page = client.get(response.url).content.decode()
    assert "awaiting moderation" in page
    assert "blocked" not in page.lower()


def test_the_ip_address_and_browser_are_recorded_for_moderators(article):
    reader = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0 (Android 14)")
    post(reader, article)
    comment = Comment.objects.get()
    assert comment.ip_address == "203.0.113.7"
    assert comment.user_agent == "Mozilla/5.0 (Android 14)"


# --- CSRF and the page cache ----------------------------------------------------------------


def test_an_anonymous_post_with_a_valid_stamp_works_without_a_csrf_token(article):
    reader = Client(enforce_csrf_checks=True)
    response = post(reader, article, body="No cookie, no token, still fine.")
    assert response.status_code == 302
    assert Comment.objects.filter(body="No cookie, no token, still fine.").exists()


def test_a_logged_in_post_without_a_csrf_token_is_refused(article):
    user = make_user()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = post(browser, article, body="Forged from another site")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_logged_in_post_with_its_csrf_token_works(article):
    user = make_user()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    page = browser.get(article.get_absolute_url())
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    token = browser.cookies["csrftoken"].value
    response = browser.post(post_url(article), comment_data(body="Logged in", csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Comment.objects.get().user == user


def test_the_page_anonymous_readers_share_carries_no_csrf_token_and_stays_cacheable(client, article):
    first = client.get(article.get_absolute_url())
    assert 'id="comment-form"' in first.content.decode()
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "csrftoken" not in first.cookies
    assert client.get(article.get_absolute_url()).headers.get("X-Page-Cache") == "hit"


# --- Moderators are told -------------------------------------------------------------------


def test_moderators_are_emailed_about_a_held_comment_after_it_is_saved(
    client, article, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFY_EMAILS = ["desk@example.com"]
    moderator = make_user(email="moderator@example.com")
    moderator.groups.add(Group.objects.get_or_create(name="Moderator")[0])
    make_user(email="not-a-moderator@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, name="Mridul", body="Please check this one")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert set(message.to) == {"desk@example.com", "moderator@example.com"}
    assert "New bridge over the Brahmaputra opens" in message.subject
    assert "Please check this one" in message.body
    comment = Comment.objects.get()
    assert f"/admin/comments/comment/{comment.pk}/change/" in message.body


def test_a_failing_mail_server_never_loses_the_comment(client, article, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "articles.tests.test_comments_posting.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, article, body="Saved whatever the mail does")
    assert response.status_code == 302
    assert Comment.objects.get().body == "Saved whatever the mail does"


def test_no_mail_for_a_comment_published_at_once(
    client, article, settings, mailoutbox, django_capture_on_commit_callbacks
):
    staff = make_user(is_staff=True)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, body="From the desk")
    assert mailoutbox == []


class FailingBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPException("Connection refused")


def test_a_staff_reply_appears_at_once_on_the_cached_story_page(client, article, django_capture_on_commit_callbacks):
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url()).headers["X-Page-Cache"] == "hit"

    client.force_login(make_user(is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, body="A note from the desk: the bridge opens at nine.")
    assert "A note from the desk" in reader.get(article.get_absolute_url()).content.decode()


def test_a_held_comment_leaves_the_cached_page_alone(client, article, django_capture_on_commit_callbacks):
    reader = Client()
    reader.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, body="Waiting quietly")
    assert reader.get(article.get_absolute_url()).headers["X-Page-Cache"] == "hit"


def test_a_reader_of_the_assamese_page_comes_back_to_the_assamese_page(client, article):
    with translation.override("as"):
        url = post_url(article)
        story = article.get_absolute_url()
    assert url.startswith("/as/")
    response = client.post(url, comment_data(body="অসমীয়াত মন্তব্য"))
    assert response.status_code == 302
    assert response.url.startswith(story + "?posted=")
    assert "অসমীয়াত মন্তব্য" in client.get(response.url).content.decode()


def test_a_very_long_account_name_is_shortened_not_refused(client, article):
    client.force_login(make_user(full_name="Srimanta " * 15))
    response = post(client, article, body="Long name, short comment")
    assert response.status_code == 302
    assert len(Comment.objects.get().name) == 80


def test_moderators_are_written_to_in_the_desks_language_whatever_the_readers(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("as"):
        url = post_url(article)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, comment_data(body="অসমীয়া পাঠকৰ মন্তব্য"))
    assert "/admin/" in mailoutbox[0].body and "/as/admin/" not in mailoutbox[0].body
    assert "is waiting for moderation" in mailoutbox[0].body


# --- Posts from other sites ---------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://prizes.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["other origin", "cross-site fetch", "opaque origin"],
)
def test_a_comment_or_report_posted_from_another_sites_page_is_refused(client, article, headers):
    response = client.post(post_url(article), comment_data(body="Win a prize at prizes.example!"), **headers)
    assert response.status_code == 403
    assert not Comment.objects.exists()

    comment = make_comment(article, status=Comment.Status.APPROVED)
    report = client.post(report_url(comment), report_data(), **headers)
    assert report.status_code == 403
    comment.refresh_from_db()
    assert comment.report_count == 0


def test_a_comment_from_our_own_page_is_taken_whatever_the_browser_says(client, article):
    response = client.post(
        post_url(article),
        comment_data(body="The ferry was on time today."),
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302
    assert Comment.objects.filter(body="The ferry was on time today.").exists()


# --- What a reader met in the browser --------------------------------------------------------


def test_line_breaks_count_once_as_the_browser_counts_them(client, article):
    """A browser counts a line break as one character against maxlength but sends CR LF."""
    lines = ["x" * 17] * 166  # 17 × 166 + 165 line breaks = 2,987 characters as the reader counted
    response = post(client, article, body="\r\n".join(lines))
    assert response.status_code == 302
    assert Comment.objects.get().body == "\n".join(lines)


def test_a_closed_story_does_not_invite_the_reader_to_send_again(client):
    closed = make_article(comments_enabled=False)
    response = post(client, closed, body="Trying anyway")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Comments are closed on this story." in page
    assert 'id="comment-form"' not in page and "send it again" not in page
    assert f'href="{closed.get_absolute_url()}#comments"' in page


def test_opening_the_comment_address_again_leads_to_the_storys_form(client, article):
    response = client.get(post_url(article))
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-form"
    assert client.get(post_url(make_article(status="draft", published_at=None))).status_code == 404


def test_reply_links_under_a_reply_name_the_conversation_the_reply_joins(client, article):
    conversation = make_comment(article, name="Pallavi Das")
    make_comment(article, name="Rupam Hazarika", parent=conversation)
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count(f'href="?reply={conversation.pk}#comment-form"') == 2
    assert 'Reply<span class="visually-hidden"> to Pallavi Das</span>' in page
    assert "to Rupam Hazarika</span>" not in page
