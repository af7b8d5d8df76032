"""One way of writing a date and time per language, on every page that shows one."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format

from articles.comments.models import Comment
from articles.tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.django_db

IST = ZoneInfo("Asia/Kolkata")
PUBLISHED = datetime(2026, 12, 1, 12, 10, tzinfo=IST)
COMMENTED = datetime(2026, 12, 2, 1, 55, tzinfo=IST)


@pytest.fixture
def story():
    article = make_article(
        headline="Ferry service resumes at Nimati Ghat",
        headline_as="নিমাতি ঘাটত পুনৰ ফেৰী সেৱা",
        section=make_section(name="Assam"),
        published_at=PUBLISHED,
    )
    comment = Comment.objects.create(
        article=article, name="Reader", email="reader@example.com", body="Good.", status=Comment.Status.APPROVED
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=COMMENTED)
    return article


def shown_times(html):
    """[(the moment a <time> element names, its text)] on a page."""
    return [
        (datetime.strptime(moment, "%Y-%m-%dT%H:%M:%S%z"), re.sub(r"\s+", " ", text).strip())
        for moment, text in re.findall(r'<time[^>]*datetime="([^"]+)"[^>]*>(.*?)</time>', html, re.S)
    ]


@pytest.mark.parametrize("language", ["en", "as"])
def test_cards_story_header_and_comments_write_dates_alike(client, story, language):
    with translation.override(language):
        pages = [client.get("/"), client.get(story.get_absolute_url())]
        times = [shown for page in pages for shown in shown_times(page.content.decode())]
        expected = [(date_format(moment.astimezone(IST), "DATETIME_FORMAT"), text) for moment, text in times]

    assert {moment for moment, _text in times} >= {PUBLISHED, COMMENTED}  # cards, story header, comment
    for written, text in expected:
        assert text == written or text.startswith(f"{written} "), text  # "… IST" after the story's times


def test_english_dates_read_as_indian_newspapers_print_them(client, story):
    with translation.override("en"):
        assert date_format(PUBLISHED, "DATETIME_FORMAT") == "1 December 2026, 12:10 PM"
        assert date_format(COMMENTED, "DATETIME_FORMAT") == "2 December 2026, 1:55 AM"


def test_the_desk_lists_dates_in_the_same_format(client, story):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    html = client.get("/admin/articles/article/").content.decode()
    assert "1 December 2026, 12:10 PM" in html


def test_a_storys_workflow_history_and_an_enquirys_replies_use_the_same_format_on_the_desk(client, story):
    from django.utils import timezone

    from articles import services
    from enquiries.models import Enquiry, EnquiryReply

    chief = make_user(is_staff=True, is_superuser=True)
    draft = make_article(published=False, headline="Tea garden wage talks")
    services.publish_article(article=draft, actor=chief)
    moment = timezone.localtime(draft.transitions.get().created_at)
    client.force_login(chief)

    story_page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert date_format(moment, "DATETIME_FORMAT") in story_page
    assert moment.strftime("%Y-%m-%d %H:%M") not in story_page

    enquiry = Enquiry.objects.create(name="Ritu", email="ritu@example.com", subject="Print", message="Where?")
    reply = EnquiryReply.objects.create(enquiry=enquiry, body="At the bus stand.", sent_by=chief)
    assert str(reply) == f"Reply of {date_format(timezone.localtime(reply.sent_at), 'DATETIME_FORMAT')}"
