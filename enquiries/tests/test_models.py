from datetime import timedelta

import pytest
from django.utils import timezone

from enquiries.models import ContactDetails, Enquiry
from enquiries.tests.conftest import make_enquiry

pytestmark = pytest.mark.django_db


def test_an_enquiry_gets_a_reference_with_the_year_and_its_number():
    enquiry = make_enquiry()
    year = timezone.localtime(enquiry.created_at).year
    assert enquiry.reference == f"ENQ-{year}-{enquiry.pk:06d}"
    # Stored, not computed on the fly: staff can search for it.
    assert Enquiry.objects.get(reference=enquiry.reference) == enquiry


def test_each_enquiry_has_its_own_reference_and_it_never_changes():
    first, second = make_enquiry(), make_enquiry()
    assert first.reference != second.reference
    first.status = Enquiry.Status.CLOSED
    first.save()
    first.refresh_from_db()
    assert first.reference.endswith(f"{first.pk:06d}")


def test_the_admin_history_names_an_enquiry_by_reference_only():
    enquiry = make_enquiry(name="Ritu Baruah", subject="About my neighbour")
    assert str(enquiry) == enquiry.reference


def test_contact_details_fall_back_to_the_publisher_settings(settings):
    info = ContactDetails.current()
    assert info.address == settings.PUBLISHER["address"]
    assert info.email == settings.PUBLISHER["email"]
    assert [phone.number for phone in info.phones] == [settings.PUBLISHER["phone"]]


def test_contact_details_edited_by_staff_replace_the_defaults():
    ContactDetails.objects.create(
        address="Panbazar, Guwahati", email="office@example.com", phones="+91 361 1\n\n+91 361 2 (ads)\n"
    )
    info = ContactDetails.current()
    assert info.address == "Panbazar, Guwahati"
    assert [(phone.number, phone.label, phone.tel) for phone in info.phones] == [
        ("+91 361 1", "", "+913611"),
        ("+91 361 2", "ads", "+913612"),
    ]


def test_a_phone_line_without_a_number_is_shown_but_not_linked():
    ContactDetails.objects.create(address="Panbazar", email="office@example.com", phones="Ask at the front desk")
    [phone] = ContactDetails.current().phones
    assert (phone.number, phone.tel) == ("Ask at the front desk", "")


def test_there_is_only_ever_one_row_of_contact_details():
    ContactDetails.objects.create(address="Old", email="old@example.com", phones="1")
    ContactDetails.objects.create(address="New", email="new@example.com", phones="2")
    assert ContactDetails.objects.count() == 1
    assert ContactDetails.current().address == "New"


def test_mail_pending_means_not_spam_and_something_unsent():
    now = timezone.now()
    unsent = make_enquiry()
    half_sent = make_enquiry(ack_sent_at=now)
    make_enquiry(ack_sent_at=now, staff_notified_at=now)
    make_enquiry(status=Enquiry.Status.SPAM)
    assert set(Enquiry.objects.mail_pending()) == {unsent, half_sent}


def test_for_email_finds_every_enquiry_whatever_the_case():
    mine = [make_enquiry(email="Ritu@Example.com"), make_enquiry(email="ritu@example.com")]
    make_enquiry(email="someone@example.com")
    assert set(Enquiry.objects.for_email(" RITU@example.com ")) == set(mine)


def test_only_closed_and_spam_enquiries_untouched_for_the_retention_period_are_past_it():
    old = timezone.now() - timedelta(days=400)
    closed_old = make_enquiry(status=Enquiry.Status.CLOSED)
    spam_old = make_enquiry(status=Enquiry.Status.SPAM)
    answered_old = make_enquiry(status=Enquiry.Status.ANSWERED)
    make_enquiry(status=Enquiry.Status.CLOSED)
    Enquiry.objects.filter(pk__in=[closed_old.pk, spam_old.pk, answered_old.pk]).update(updated_at=old)
    assert set(Enquiry.objects.past_retention(days=365)) == {closed_old, spam_old}
