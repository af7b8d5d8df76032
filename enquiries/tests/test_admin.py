import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext

from articles.tests.factories import make_article, make_user
from enquiries.models import Enquiry, EnquiryReply
from enquiries.tests.conftest import make_enquiry
from newsroom.tests.test_admin_history import change_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:enquiries_enquiry_changelist")


def references(response):
    return {row.reference for row in response.context["cl"].result_list}


def run_action(client, action, enquiries, **extra):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [e.pk for e in enquiries], **extra}, follow=False
    )


# --- The inbox ---------------------------------------------------------------------------------


def test_readers_cannot_open_the_inbox(client):
    client.force_login(make_user(email="reader@example.com"))
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_inbox_lists_enquiries_with_their_columns(staff_client):
    enquiry = make_enquiry(subject="Print edition in Jorhat", kind=Enquiry.Kind.ADVERTISING)
    page = staff_client.get(CHANGELIST).content.decode()
    assert enquiry.reference in page
    assert "Print edition in Jorhat" in page
    assert "Advertising" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=new", {"new-tip"}),
        ("status__exact=closed", {"closed-ad"}),
        ("kind__exact=advertising", {"closed-ad"}),
        ("kind__exact=news_tip", {"new-tip"}),
    ],
)
def test_staff_filter_enquiries_by_status_and_type(staff_client, query, expected):
    named = {
        "new-tip": make_enquiry(kind=Enquiry.Kind.NEWS_TIP),
        "closed-ad": make_enquiry(kind=Enquiry.Kind.ADVERTISING, status=Enquiry.Status.CLOSED),
    }
    response = staff_client.get(f"{CHANGELIST}?{query}")
    assert references(response) == {named[name].reference for name in expected}


def test_staff_filter_enquiries_by_assignee(staff_client, staff_user):
    mine = make_enquiry(assignee=staff_user)
    make_enquiry()
    response = staff_client.get(f"{CHANGELIST}?assignee__id__exact={staff_user.pk}")
    assert references(response) == {mine.reference}


def test_staff_filter_enquiries_nobody_is_assigned_to(staff_client, staff_user):
    make_enquiry(assignee=staff_user)
    nobody = make_enquiry()
    response = staff_client.get(f"{CHANGELIST}?assignee__isnull=True")
    assert references(response) == {nobody.reference}


def test_staff_filter_enquiries_by_date(staff_client):
    today = make_enquiry()
    old = make_enquiry(created_at=timezone.now() - timedelta(days=40))
    # As the admin's own "Today" date filter links it.
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    response = staff_client.get(CHANGELIST + "?" + urlencode({"created_at__gte": str(midnight)}))
    assert references(response) == {today.reference}
    year_old = timezone.localtime(old.created_at)
    response = staff_client.get(f"{CHANGELIST}?created_at__year={year_old.year}&created_at__month={year_old.month}")
    assert old.reference in references(response)


def test_staff_filter_enquiries_by_the_state_of_their_mail(staff_client, settings):
    settings.ENQUIRY_MAIL_MAX_ATTEMPTS = 3
    now = timezone.now()
    waiting = make_enquiry(mail_attempts=1)
    given_up = make_enquiry(mail_attempts=3, ack_sent_at=now)
    sent = make_enquiry(ack_sent_at=now, staff_notified_at=now)
    make_enquiry(status=Enquiry.Status.SPAM)
    assert references(staff_client.get(f"{CHANGELIST}?mail=pending")) == {waiting.reference, given_up.reference}
    assert references(staff_client.get(f"{CHANGELIST}?mail=given_up")) == {given_up.reference}
    assert references(staff_client.get(f"{CHANGELIST}?mail=sent")) == {sent.reference}


def test_staff_search_enquiries_by_email_name_and_reference(staff_client):
    ritu = make_enquiry(email="ritu@example.com", name="Ritu Baruah")
    other = make_enquiry(email="bikash@example.com", name="Bikash Gogoi")
    assert references(staff_client.get(f"{CHANGELIST}?q=ritu@example.com")) == {ritu.reference}
    assert references(staff_client.get(f"{CHANGELIST}?q=Gogoi")) == {other.reference}
    assert references(staff_client.get(f"{CHANGELIST}?q={other.reference}")) == {other.reference}


def test_the_inbox_costs_the_same_number_of_queries_for_few_and_many_enquiries(staff_client, staff_user):
    story = make_article()

    def make_some(n):
        for i in range(n):
            make_enquiry(assignee=staff_user if i % 2 else None, related_article=story, kind=Enquiry.Kind.CORRECTION)

    make_some(3)
    staff_client.get(CHANGELIST)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(CHANGELIST).status_code == 200
    make_some(40)
    with CaptureQueriesContext(connection) as many:
        assert staff_client.get(CHANGELIST).status_code == 200
    assert len(many) == len(few)


def test_the_change_page_shows_what_the_reader_sent_and_the_story(staff_client):
    story = make_article(headline="Flood waters rise in Majuli")
    enquiry = make_enquiry(message="The district is wrong.", related_article=story, ip_address="203.0.113.7")
    response = staff_client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The district is wrong." in page
    assert "Flood waters rise in Majuli" in page


def test_the_change_page_says_when_mail_is_still_waiting(staff_client):
    enquiry = make_enquiry(mail_attempts=2, mail_last_error="the mail server failed")
    page = staff_client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])).content.decode()
    assert "Waiting to be sent (2 attempts so far). the mail server failed" in page


def test_enquiries_cannot_be_invented_in_the_admin(staff_client):
    assert staff_client.get(reverse("admin:enquiries_enquiry_add")).status_code == 403


# --- Actions ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_in_progress", Enquiry.Status.IN_PROGRESS),
        ("mark_answered", Enquiry.Status.ANSWERED),
        ("mark_closed", Enquiry.Status.CLOSED),
        ("mark_spam", Enquiry.Status.SPAM),
    ],
)
def test_status_actions_change_the_selected_enquiries_and_record_it(staff_client, staff_user, action, status):
    chosen = [make_enquiry(), make_enquiry()]
    untouched = make_enquiry()
    response = run_action(staff_client, action, chosen)
    assert response.status_code == 302
    assert {e.status for e in Enquiry.objects.filter(pk__in=[e.pk for e in chosen])} == {status}
    untouched.refresh_from_db()
    assert untouched.status == Enquiry.Status.NEW
    history = LogEntry.objects.filter(object_id__in=[str(e.pk) for e in chosen], user=staff_user)
    assert history.count() == 2
    assert all("Status" in entry.get_change_message() for entry in history)


def test_assign_to_me_gives_the_enquiries_to_the_staff_member(staff_client, staff_user):
    enquiry = make_enquiry()
    run_action(staff_client, "assign_to_me", [enquiry])
    enquiry.refresh_from_db()
    assert enquiry.assignee == staff_user
    assert enquiry.status == Enquiry.Status.IN_PROGRESS
    assert LogEntry.objects.filter(object_id=str(enquiry.pk)).exists()


def test_the_csv_export_holds_the_selected_enquiries(staff_client):
    story = make_article()
    chosen = make_enquiry(
        name="Ritu Baruah",
        email="ritu@example.com",
        subject="Wrong district",
        message='=HYPERLINK("x")',
        kind=Enquiry.Kind.CORRECTION,
        related_article=story,
        phone="+919864012345",
    )
    make_enquiry(name="Not chosen")
    response = run_action(staff_client, "export_csv", [chosen])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["reference", "received at", "type", "status", "name", "e-mail address"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["reference"] == chosen.reference
    assert row["type"] == "Correction request"
    assert row["name"] == "Ritu Baruah"
    assert row["phone"] == "'+919864012345"  # a spreadsheet would read +91… as a formula
    assert row["message"] == '\'=HYPERLINK("x")'
    assert row["story address"] == story.get_absolute_url()


# --- Personal data (DPDP Act 2023) ------------------------------------------------------------------------


def test_exporting_personal_data_gives_everything_held_about_that_address(staff_client):
    first = make_enquiry(email="Ritu@Example.com", message="First message", internal_notes="Regular reader")
    second = make_enquiry(email="ritu@example.com", message="Second message")
    EnquiryReply.objects.create(enquiry=second, body="Our answer")
    make_enquiry(email="someone@example.com", message="Not hers")
    response = run_action(staff_client, "export_personal_data", [first])
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    [export] = json.loads(response.content)
    assert export["email"] == "ritu@example.com"
    held = {e["reference"]: e for e in export["enquiries"]}
    assert set(held) == {first.reference, second.reference}
    assert held[first.reference]["internal_notes"] == "Regular reader"
    assert held[second.reference]["replies"][0]["text"] == "Our answer"
    assert "Not hers" not in response.content.decode()


def test_erasing_personal_data_asks_first_then_removes_everything_about_that_address(staff_client):
    first = make_enquiry(email="ritu@example.com")
    second = make_enquiry(email="RITU@example.com")
    EnquiryReply.objects.create(enquiry=second, body="Our answer")
    other = make_enquiry(email="someone@example.com")
    run_action(staff_client, "mark_closed", [first])

    confirm = run_action(staff_client, "erase_personal_data", [first])
    assert confirm.status_code == 200
    assert "ritu@example.com: 2 enquiries" in confirm.content.decode()
    assert Enquiry.objects.count() == 3

    done = run_action(staff_client, "erase_personal_data", [first], post="yes")
    assert done.status_code == 302
    assert list(Enquiry.objects.all()) == [other]
    assert not EnquiryReply.objects.exists()
    assert not LogEntry.objects.filter(object_id__in=[str(first.pk), str(second.pk)]).exists()


def test_staff_without_delete_permission_cannot_erase(client, settings):
    from django.contrib.auth.models import Permission

    settings.STAFF_REQUIRE_2FA = False
    clerk = make_user(email="clerk@example.com", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(codename__in=["view_enquiry", "change_enquiry"]))
    client.force_login(clerk)
    enquiry = make_enquiry()
    response = client.post(
        CHANGELIST, {"action": "erase_personal_data", "_selected_action": [enquiry.pk], "post": "yes"}
    )
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()
    assert response.status_code == 302  # back to the list: the action is not offered to them


# --- The admin home -------------------------------------------------------------------------------------------


def test_the_admin_home_shows_the_number_of_new_enquiries_with_a_link(staff_client):
    make_enquiry()
    make_enquiry()
    make_enquiry(status=Enquiry.Status.ANSWERED)
    # The desk's home (newsroom/desk.py) counts them; the link opens exactly those.
    response = staff_client.get(reverse("admin:index"))
    tile = next(t for t in response.context["work_waiting"] if t.key == "enquiries_new")
    assert tile.count == 2
    assert len(staff_client.get(tile.url).context["cl"].result_list) == 2


def test_the_contact_details_can_be_added_once_and_then_edited(staff_client):
    add_url = reverse("admin:enquiries_contactdetails_add")
    response = staff_client.post(
        add_url,
        {
            "address_en": "Panbazar",
            "email": "office@example.com",
            "phones_en": "+91 361 1",
            "directions_en": "Near the tank.",
        },
    )
    assert response.status_code == 302
    assert staff_client.get(add_url).status_code == 403


def test_the_assignee_box_chooses_a_colleague_without_links_to_edit_accounts(staff_client):
    enquiry = make_enquiry()
    response = staff_client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    widget = response.context["adminform"].form.fields["assignee"].widget
    assert not (widget.can_add_related or widget.can_change_related or widget.can_delete_related)


# --- Replying to the reader ---------------------------------------------------------------------------


def change_url(enquiry):
    return reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])


def acknowledged_enquiry(**fields):
    """An enquiry whose acknowledgement and staff notification went out when it came in."""
    now = timezone.now()
    return make_enquiry(ack_sent_at=now, staff_notified_at=now, mail_attempts=1, **fields)


def reply_form(client, enquiry, body, **extra):
    """The enquiry's page as the browser sends it back, with `body` typed in the reply box."""
    data = change_form_data(client.get(change_url(enquiry)))
    data["replies-0-body"] = body
    data.update(extra)
    return data


def send_reply_from_the_page(client, enquiry, body, capture):
    with capture(execute=True):
        response = client.post(change_url(enquiry), reply_form(client, enquiry, body))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    return response


def test_a_reply_reaches_the_readers_inbox_in_english_quoting_the_reference(
    staff_client, django_capture_on_commit_callbacks, settings
):
    enquiry = acknowledged_enquiry(name="Ritu Baruah", subject="Print edition in Jorhat", language="en")
    send_reply_from_the_page(
        staff_client, enquiry, "The print edition is at Chowk Bazar.", django_capture_on_commit_callbacks
    )
    [message] = mail.outbox
    assert message.to == ["ritu@example.com"]
    assert enquiry.reference in message.subject
    assert message.subject == f"Our reply to your message {enquiry.reference}"
    assert message.body.startswith("Dear Ritu Baruah,")
    assert enquiry.reference in message.body
    assert "The print edition is at Chowk Bazar." in message.body
    assert "Subject: Print edition in Jorhat" in message.body
    assert settings.PUBLISHER["name"] in message.body


def test_a_reply_to_an_assamese_enquiry_is_mailed_in_assamese(staff_client, django_capture_on_commit_callbacks):
    enquiry = acknowledged_enquiry(name="ঋতু বৰুৱা", language="as")
    send_reply_from_the_page(staff_client, enquiry, "যোৰহাটৰ চক বজাৰত পাব।", django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.body.startswith("মৰমৰ ঋতু বৰুৱা,")  # our greeting, in the reader's language
    assert "বিষয়: A question" in message.body
    assert "যোৰহাটৰ চক বজাৰত পাব।" in message.body
    assert enquiry.reference in message.subject and enquiry.reference in message.body
    with translation.override("as"):
        assert message.subject == gettext("Our reply to your message %(reference)s") % {"reference": enquiry.reference}
    # The desk itself stays in the staff's language.
    assert translation.get_language() == "en"


def test_a_sent_reply_is_kept_on_the_thread_with_who_sent_it_and_when(
    staff_client, staff_user, django_capture_on_commit_callbacks
):
    enquiry = acknowledged_enquiry(status=Enquiry.Status.IN_PROGRESS)
    before = timezone.now()
    send_reply_from_the_page(
        staff_client, enquiry, "The print edition is at Chowk Bazar.", django_capture_on_commit_callbacks
    )
    reply = EnquiryReply.objects.get(enquiry=enquiry)
    assert reply.body == "The print edition is at Chowk Bazar."
    assert reply.sent_by == staff_user
    assert before <= reply.sent_at <= timezone.now()
    assert reply.delivery == EnquiryReply.Delivery.SENT and reply.mailed_at is not None
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED  # a reply answers the enquiry

    page = staff_client.get(change_url(enquiry)).content.decode()
    assert "The print edition is at Chowk Bazar." in page
    assert "Desk Editor" in page
    assert "E-mailed to the reader on" in page


def test_the_newest_reply_comes_first_on_the_thread(staff_client):
    enquiry = acknowledged_enquiry()
    EnquiryReply.objects.create(enquiry=enquiry, body="First answer", sent_at=timezone.now() - timedelta(days=2))
    EnquiryReply.objects.create(enquiry=enquiry, body="Second answer", sent_at=timezone.now() - timedelta(days=1))
    page = staff_client.get(change_url(enquiry)).content.decode()
    assert page.index("Second answer") < page.index("First answer")


def test_the_reply_box_says_where_and_in_which_language_the_reply_goes(staff_client):
    enquiry = acknowledged_enquiry(email="ritu@example.com", language="as")
    page = staff_client.get(change_url(enquiry)).content.decode()
    assert 'name="replies-0-body"' in page
    assert "This text is e-mailed to the reader at ritu@example.com in Assamese" in page


def test_a_reply_that_could_not_be_sent_is_kept_and_shown_as_waiting(
    staff_client, smtp_down, django_capture_on_commit_callbacks
):
    enquiry = acknowledged_enquiry()
    send_reply_from_the_page(staff_client, enquiry, "Chowk Bazar has it.", django_capture_on_commit_callbacks)
    reply = EnquiryReply.objects.get(enquiry=enquiry)
    assert reply.body == "Chowk Bazar has it."
    assert reply.delivery == EnquiryReply.Delivery.QUEUED
    assert reply.mail_attempts == 1 and "the mail server failed" in reply.mail_last_error

    page = staff_client.get(change_url(enquiry)).content.decode()
    assert "Waiting to be sent (1 attempt so far); it will be tried again automatically." in page
    assert "1 reply to the reader is waiting to be sent" in page
    assert enquiry.reference in references(staff_client.get(f"{CHANGELIST}?mail=pending"))
    assert enquiry.reference not in references(staff_client.get(f"{CHANGELIST}?mail=sent"))
    [row] = staff_client.get(CHANGELIST).context["cl"].result_list
    assert row.mail_pending


def test_a_reply_the_retries_gave_up_on_is_found_by_the_mail_filter(staff_client, settings):
    settings.ENQUIRY_MAIL_MAX_ATTEMPTS = 3
    enquiry = acknowledged_enquiry()
    EnquiryReply.objects.create(
        enquiry=enquiry, body="Chowk Bazar has it.", delivery=EnquiryReply.Delivery.QUEUED, mail_attempts=3
    )
    sent = acknowledged_enquiry()
    assert references(staff_client.get(f"{CHANGELIST}?mail=given_up")) == {enquiry.reference}
    assert references(staff_client.get(f"{CHANGELIST}?mail=sent")) == {sent.reference}
    page = staff_client.get(change_url(enquiry)).content.decode()
    assert "Not sent; retries given up after 3 attempts." in page


@pytest.mark.django_db(transaction=True)
def test_after_saving_staff_are_told_the_reply_was_e_mailed(staff_client):
    enquiry = acknowledged_enquiry()
    response = staff_client.post(
        change_url(enquiry), reply_form(staff_client, enquiry, "Chowk Bazar has it.", _continue="1"), follow=True
    )
    page = response.content.decode()
    assert "Your reply was e-mailed to ritu@example.com in English." in page
    assert "Chowk Bazar has it." in page
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_after_saving_staff_are_told_the_reply_is_waiting_when_the_mail_server_fails(staff_client, smtp_down):
    enquiry = acknowledged_enquiry()
    response = staff_client.post(
        change_url(enquiry), reply_form(staff_client, enquiry, "Chowk Bazar has it.", _continue="1"), follow=True
    )
    page = response.content.decode()
    assert "could not be e-mailed yet: it is waiting to be sent to ritu@example.com" in page
    assert "e-mailed to ritu@example.com in English" not in page
    assert EnquiryReply.objects.get().delivery == EnquiryReply.Delivery.QUEUED


def test_saving_an_answered_enquiry_unchanged_sends_nothing_and_adds_no_reply(
    staff_client, staff_user, django_capture_on_commit_callbacks
):
    enquiry = acknowledged_enquiry(status=Enquiry.Status.ANSWERED)
    sent = EnquiryReply.objects.create(
        enquiry=enquiry,
        body="Chowk Bazar has it.",
        sent_by=staff_user,
        delivery=EnquiryReply.Delivery.SENT,
        mailed_at=timezone.now(),
    )
    EnquiryReply.objects.create(enquiry=enquiry, body="Told her by phone.")
    url = change_url(enquiry)
    data = change_form_data(staff_client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert mail.outbox == []
    assert EnquiryReply.objects.filter(enquiry=enquiry).count() == 2
    assert EnquiryReply.objects.get(pk=sent.pk).mailed_at == sent.mailed_at


def test_a_reply_box_holding_only_spaces_sends_nothing(staff_client, django_capture_on_commit_callbacks):
    enquiry = acknowledged_enquiry()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change_url(enquiry), reply_form(staff_client, enquiry, "   \n  "))
    assert response.status_code == 302
    assert not EnquiryReply.objects.exists() and mail.outbox == []


def test_recorded_replies_cannot_be_edited_or_deleted(staff_client, django_capture_on_commit_callbacks):
    enquiry = acknowledged_enquiry()
    reply = EnquiryReply.objects.create(enquiry=enquiry, body="Our answer")
    page = staff_client.get(change_url(enquiry)).content.decode()
    assert "Our answer" in page
    assert "Our answer</textarea>" not in page
    assert "-DELETE" not in page

    # Nor by a hand-made request naming the recorded reply.
    data = change_form_data(staff_client.get(change_url(enquiry)))
    thread = next(key for key, value in data.items() if key.endswith("-0-id") and str(value) == str(reply.pk))
    prefix = thread.removesuffix("-id")
    data.update({f"{prefix}-body": "Rewritten", f"{prefix}-DELETE": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(change_url(enquiry), data)
    reply.refresh_from_db()
    assert reply.body == "Our answer"
    assert mail.outbox == []


def test_staff_who_may_not_change_enquiries_cannot_send_a_reply(client, settings, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Permission

    settings.STAFF_REQUIRE_2FA = False
    reader_of_the_inbox = make_user(email="intern@example.com", is_staff=True)
    reader_of_the_inbox.user_permissions.set(
        Permission.objects.filter(codename__in=["view_enquiry", "view_enquiryreply", "add_enquiryreply"])
    )
    client.force_login(reader_of_the_inbox)
    enquiry = acknowledged_enquiry()
    page = client.get(change_url(enquiry)).content.decode()
    assert 'name="replies-0-body"' not in page

    data = {"kind": enquiry.kind, "status": enquiry.status, "internal_notes": ""}
    data.update({"replies-TOTAL_FORMS": "1", "replies-INITIAL_FORMS": "0", "replies-0-body": "Sent anyway?"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(enquiry), data)
    assert response.status_code == 403
    assert not EnquiryReply.objects.exists()
    assert mail.outbox == []
