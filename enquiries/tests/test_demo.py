import pytest

from articles.tests.factories import make_article, make_user
from enquiries import demo
from enquiries.models import ContactDetails, Enquiry

pytestmark = pytest.mark.django_db


def test_demo_enquiries_cover_every_status_and_type_and_seeding_twice_adds_nothing():
    make_user(is_staff=True)
    story = make_article()
    demo.seed(story=story)
    assert {e.status for e in Enquiry.objects.all()} == set(Enquiry.Status.values)
    assert {e.kind for e in Enquiry.objects.all()} == set(Enquiry.Kind.values)
    assert Enquiry.objects.get(kind=Enquiry.Kind.CORRECTION).related_article == story
    # Demo mail counts as sent: the retry command has nothing to do on a demo site.
    assert not Enquiry.objects.mail_pending().exists()
    assert ContactDetails.current().directions

    count = Enquiry.objects.count()
    demo.seed()
    assert Enquiry.objects.count() == count
