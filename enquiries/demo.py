"""Demo enquiries for seed_demo: one of every type, in every status, some with replies. Safe to run twice."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from enquiries.models import ContactDetails, Enquiry, EnquiryReply

DEMO_DOMAIN = "@readers.example"

DEMO_ENQUIRIES = [
    # (kind, status, name, subject, message)
    (
        Enquiry.Kind.GENERAL,
        Enquiry.Status.NEW,
        "Ritu Baruah",
        "Print edition in Jorhat",
        "Where can I buy the print edition in Jorhat town?",
    ),
    (
        Enquiry.Kind.NEWS_TIP,
        Enquiry.Status.NEW,
        "Bikash Gogoi",
        "Embankment breach near Majuli",
        "The embankment at Kamalabari ghat gave way this morning; villagers are moving to the relief camp.",
    ),
    (
        Enquiry.Kind.ADVERTISING,
        Enquiry.Status.IN_PROGRESS,
        "Pallavi Saikia",
        "Bihu advertisement rates",
        "We would like a half-page advertisement in the Bihu week. Please send your rates.",
    ),
    (
        Enquiry.Kind.CORRECTION,
        Enquiry.Status.ANSWERED,
        "Dr. Hemanta Das",
        "Wrong name in the story",
        "The story names the hospital's superintendent as Dr. H. Dutta; it is Dr. Hemanta Das.",
    ),
    (
        Enquiry.Kind.COMPLAINT,
        Enquiry.Status.CLOSED,
        "Anjali Bora",
        "Photograph of my house",
        "A photograph of my house was published without asking me.",
    ),
    (
        Enquiry.Kind.GENERAL,
        Enquiry.Status.SPAM,
        "Best SEO",
        "Rank first on Google",
        "Cheap backlinks!!! Visit our website now.",
    ),
]


def seed(*, story=None):
    """Contact details and enquiries of every kind; `story` is the one the correction request is about
    (seed_demo gives a published demo story: enquiries know nothing of stories)."""
    staff = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
    if not ContactDetails.objects.exists():
        ContactDetails.objects.create(
            address_en="2nd Floor, Dighalipukhuri Road\nPanbazar, Guwahati\nAssam 781001",
            address_as="দ্বিতীয় মহলা, দিঘলীপুখুৰী পথ\nপানবজাৰ, গুৱাহাটী\nঅসম ৭৮১০০১",
            email="desk@brahmaputratimes.example",
            phones_en="+91 361 254 0000 (news desk)\n+91 361 254 0001 (advertising)",
            phones_as="+91 361 254 0000 (বাতৰি কক্ষ)\n+91 361 254 0001 (বিজ্ঞাপন)",
            office_hours_en="Monday to Saturday, 10:00 to 18:00",
            office_hours_as="সোমবাৰৰ পৰা শনিবাৰলৈ, পুৱা ১০ বজাৰ পৰা সন্ধিয়া ৬ বজালৈ",
            directions_en=(
                "Across the road from Dighalipukhuri tank, next to the Assam State Museum gate. "
                "City buses to Panbazar stop two minutes away; there is no parking at the office, "
                "use the Dighalipukhuri pay-and-park."
            ),
            directions_as=(
                "দিঘলীপুখুৰীৰ বিপৰীত ফালে, অসম ৰাজ্যিক সংগ্ৰহালয়ৰ দুৱাৰমুখৰ কাষত। "
                "পানবজাৰলৈ যোৱা নগৰ-বাছৰ আস্থানৰ পৰা দুই মিনিটৰ বাট; কাৰ্যালয়ত গাড়ী ৰখোৱাৰ ঠাই নাই, "
                "দিঘলীপুখুৰীৰ মাচুল দি ৰখোৱা পাৰ্কিং ব্যৱহাৰ কৰক।"
            ),
        )
    if Enquiry.objects.filter(email__endswith=DEMO_DOMAIN).exists():
        return list(Enquiry.objects.filter(email__endswith=DEMO_DOMAIN))
    now = timezone.now()
    enquiries = []
    for days_ago, (kind, status, name, subject, message) in enumerate(DEMO_ENQUIRIES):
        spam = status == Enquiry.Status.SPAM
        enquiry = Enquiry.objects.create(
            kind=kind,
            status=status,
            name=name,
            email=name.lower().replace("dr. ", "").replace(" ", ".") + DEMO_DOMAIN,
            phone="" if spam else f"+9198640{days_ago:05d}",
            subject=subject,
            message=message,
            consent=not spam,
            spam_reason="honeypot" if spam else "",
            related_article=story if kind == Enquiry.Kind.CORRECTION else None,
            assignee=staff if status in (Enquiry.Status.IN_PROGRESS, Enquiry.Status.ANSWERED) else None,
            created_at=now - timedelta(days=days_ago, hours=3),
            ack_sent_at=None if spam else now,
            staff_notified_at=None if spam else now,
            mail_attempts=0 if spam else 1,
            ip_address=f"203.0.113.{10 + days_ago}",
        )
        if status in (Enquiry.Status.ANSWERED, Enquiry.Status.CLOSED):
            EnquiryReply.objects.create(
                enquiry=enquiry,
                body="Thank you for writing to us. We have looked into it; the editor will write again this week.",
                sent_by=staff,
                # Demo mail counts as sent, as the acknowledgements do.
                delivery=EnquiryReply.Delivery.SENT,
                mailed_at=now,
                mail_attempts=1,
            )
        enquiries.append(enquiry)
    # Two more new ones, so the admin home's count reads as a real desk's.
    for n in range(2):
        enquiries.append(
            Enquiry.objects.create(
                kind=Enquiry.Kind.NEWS_TIP,
                name=f"Reader {n + 1}",
                email=f"reader{n + 1}{DEMO_DOMAIN}",
                subject="Road closed at Jalukbari",
                message="The flyover at Jalukbari is closed for repairs from tomorrow.",
                consent=True,
                ack_sent_at=now,
                staff_notified_at=now,
                mail_attempts=1,
            )
        )
    return enquiries
