"""One page of every type the site has, with the data each needs: what the quality tests walk."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.comments.models import Comment
from articles.tests.factories import make_article, make_reporter, make_section, make_tag
from conftest import make_photo_bytes


def build_site():
    """Create a small living site; return {page type: (path, user to log in as or None)}."""
    reporter = make_reporter(
        full_name="Anjali Baruah", bio="Reports from Guwahati.", photo=make_photo_bytes(960, 540, color=(120, 60, 30))
    )
    section = make_section(name="Assam", slug="assam")
    tag = make_tag(name="Floods", slug="floods")
    article = make_article(
        headline="Flood waters recede in Dibrugarh",
        summary="Relief camps begin to close as the Brahmaputra falls.",
        body="<p>Officials said the water had fallen by a metre.</p><h2>What next</h2><p>Schools reopen.</p>",
        section=section,
        authors=[reporter],
        tags=[tag],
        photo=make_photo_bytes(960, 540, color=(30, 90, 160)),
        photo_caption="The river at dawn.",
        photo_alt="The Brahmaputra at dawn, boats on the bank",
        photo_credit="Newsroom",
    )
    article.headline_as = "ডিব্ৰুগড়ত বানপানী হ্ৰাস"
    article.summary_as = "ব্ৰহ্মপুত্ৰৰ পানী কমাৰ লগে লগে সাহায্য শিবিৰবোৰ বন্ধ হ'বলৈ ধৰিছে।"
    article.body_as = "<p>বিষয়াসকলে কয় যে পানী এক মিটাৰ কমিছে।</p>"
    article.photo_alt_as = "পুৱাৰ ব্ৰহ্মপুত্ৰ"
    article.save()
    for n in range(3):
        make_article(headline=f"More news from Assam {n}", section=section, authors=[reporter])
    # A long story (it folds on a phone behind "Read more"), marked breaking: the strip is on every page.
    paragraph = "The embankment gave way before dawn, and the water reached the first houses within the hour. " * 4
    long_story = make_article(
        headline="Embankment breached near Majuli",
        body=f"<p>{paragraph}</p><p>{paragraph}</p><h2>What next</h2><p>{paragraph}</p><p>{paragraph}</p>",
        section=section,
        authors=[reporter],
        breaking_until=timezone.now() + timedelta(hours=2),
    )
    Comment.objects.create(
        article=article,
        name="Reader",
        email="reader@example.com",
        body="Good news at last.",
        status=Comment.Status.APPROVED,
    )
    user = reporter.user
    return {
        "home": ("/", None),
        "section": (section.get_absolute_url(), None),
        "story": (article.get_absolute_url(), None),
        "story in Assamese": ("/as" + article.get_absolute_url(), None),
        "long breaking story": (long_story.get_absolute_url(), None),
        "search": ("/search/?q=flood", None),
        "search, nothing found": ("/search/?q=flods", None),
        "tag": (tag.get_absolute_url(), None),
        "reporter page": (reporter.get_absolute_url(), None),
        "contact": (reverse("enquiries:contact"), None),
        "registration": (reverse("accounts:register"), None),
        "login": (reverse("accounts:login"), None),
        "reporter desk": (reverse("articles:desk"), user),
        "story form": (reverse("articles:story-create"), user),
        "not found": ("/no-such-page/", None),
    }
