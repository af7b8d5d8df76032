import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from articles.tests.factories import make_article, make_user
from enquiries.models import Enquiry, EnquiryReply
from enquiries.tests.conftest import make_enquiry

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


def test_recording_a_reply_marks_the_enquiry_answered(staff_client, staff_user):
    enquiry = make_enquiry(status=Enquiry.Status.IN_PROGRESS)
    url = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])
    response = staff_client.post(
        url,
        {
            "kind": enquiry.kind,
            "status": enquiry.status,
            "assignee": "",
            "related_article": "",
            "internal_notes": "Called her back.",
            "replies-TOTAL_FORMS": "1",
            "replies-INITIAL_FORMS": "0",
            "replies-MIN_NUM_FORMS": "0",
            "replies-MAX_NUM_FORMS": "1000",
            "replies-0-body": "The print edition is at Jorhat's Chowk Bazar stand.",
            "replies-0-sent_at_0": timezone.localdate().isoformat(),
            "replies-0-sent_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
    assert enquiry.internal_notes == "Called her back."
    reply = EnquiryReply.objects.get(enquiry=enquiry)
    assert reply.sent_by == staff_user
    assert "Chowk Bazar" in reply.body


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
            "address": "Panbazar",
            "email": "office@example.com",
            "phones": "+91 361 1",
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


def test_recorded_replies_cannot_be_edited_or_deleted(staff_client):
    enquiry = make_enquiry()
    EnquiryReply.objects.create(enquiry=enquiry, body="Our answer")
    page = staff_client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])).content.decode()
    assert "Our answer" in page
    assert 'name="replies-0-body"' not in page
    assert 'name="replies-0-DELETE"' not in page
