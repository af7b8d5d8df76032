"""Each change newsroom/page_changes.py lists reaches a page served from the page cache: the page is
cached first (a second visit is a hit), the change is made as the site makes it, and the next visit
shows it. A change added to the list without a proof here fails the last test."""

import re

import pytest
from django.utils import timezone, translation

from articles.comments.services import APPROVE, moderate_comments
from articles.comments.tests.comment_helpers import make_comment
from articles.models import Article, ArticleTranslationState
from articles.renditions import renditions_made
from articles.tests.factories import make_article, make_reporter, make_section, make_tag, make_user
from enquiries.models import ContactDetails
from newsroom.page_changes import CHANGES

pytestmark = pytest.mark.django_db(transaction=True)  # the cache is refreshed again once a change commits


def cached(client, url):
    """The page, made sure to be in the page cache."""
    client.get(url)
    response = client.get(url)
    assert response.headers["X-Page-Cache"] == "hit", url
    return response.content.decode()


def in_assamese(story):
    with translation.override("as"):
        return story.get_absolute_url()


def fresh(client, url):
    response = client.get(url)
    return response.headers["X-Page-Cache"], response.content.decode()


def story_edited(client):
    story = make_article(headline="Ferry timetable out", body="<p>The first ferry leaves at six.</p>")
    assert "The first ferry leaves at six." in cached(client, story.get_absolute_url())
    story.body = "<p>The first ferry leaves at seven.</p>"  # in the story's own fragment only
    story.save()
    return "The first ferry leaves at seven." in fresh(client, story.get_absolute_url())[1]


def story_tagged(client):
    story = make_article()
    cached(client, story.get_absolute_url())
    story.tags.add(make_tag(name="Floods"))
    return "Floods" in fresh(client, story.get_absolute_url())[1]


def story_reporters_changed(client):
    story = make_article()
    cached(client, story.get_absolute_url())
    story.authors.add(make_reporter(full_name="Bina Kalita"))
    return "Bina Kalita" in fresh(client, story.get_absolute_url())[1]


def section_renamed(client):
    section = make_section(name="Barak Valley", show_in_navigation=False)
    story = make_article(section=section)
    assert "Barak Valley" in cached(client, "/")
    cached(client, story.get_absolute_url())  # its breadcrumb names the section
    section.name = "Barak Valley and Hills"
    section.save()
    breadcrumb = re.compile(r'breadcrumb-item"><a href="[^"]+">Barak Valley and Hills</a>')
    return "Barak Valley and Hills" in fresh(client, "/")[1] and bool(
        breadcrumb.search(fresh(client, story.get_absolute_url())[1])
    )


def tag_renamed(client):
    tag = make_tag(name="Tea")
    story = make_article(tags=[tag])
    cached(client, story.get_absolute_url())
    tag.name = "Tea gardens"
    tag.save()
    return "Tea gardens" in fresh(client, story.get_absolute_url())[1]


def reporter_edited(client):
    reporter = make_reporter(full_name="Anjali Baruah")
    story = make_article(authors=[reporter])
    url = reporter.get_absolute_url()
    cached(client, url)
    cached(client, in_assamese(story))  # the story and its byline, kept as a fragment too
    reporter.bio = "Covers the river islands of Majuli."
    reporter.name_as = "অঞ্জলি বৰুৱা"
    reporter.save()
    return (
        "Covers the river islands of Majuli." in fresh(client, url)[1]
        and "অঞ্জলি বৰুৱা" in fresh(client, in_assamese(story))[1]
    )


def reporters_account_edited(client):
    reporter = make_reporter(full_name="Chandana Saikia")
    story = make_article(authors=[reporter])
    cached(client, story.get_absolute_url())
    cached(client, reporter.get_absolute_url())
    user = reporter.user
    user.full_name = "Chandana Saikia Bora"  # on the desk's Users page, not the reporter's
    user.save()
    renamed = "Chandana Saikia Bora" in fresh(client, story.get_absolute_url())[1]
    user.is_active = False
    user.save()
    return (
        renamed
        and client.get(reporter.get_absolute_url()).status_code == 404
        and (f'href="{reporter.get_absolute_url()}"' not in fresh(client, story.get_absolute_url())[1])
    )


def contact_details_saved(client):
    cached(client, "/")
    ContactDetails.objects.update_or_create(
        pk=1, defaults={"address": "Panbazar, Guwahati 781001", "email": "desk@example.com", "phones": ""}
    )
    return "Panbazar, Guwahati 781001" in fresh(client, "/")[1]


def translation_checked(client):
    story = make_article(headline_as="ফেৰী আকৌ চলিল", body_as="<p>অসমীয়া পাঠ</p>")
    story.headline_en = "Ferry resumes, a day late"
    story.save()  # the original moved on: the Assamese page says its translation is out of date
    assert "translation-outdated" in cached(client, in_assamese(story))
    ArticleTranslationState.objects.update_or_create(
        article=story, language="as", defaults={"updated_at": timezone.now()}
    )
    return "translation-outdated" not in fresh(client, in_assamese(story))[1]


def renditions_made_by_the_worker(client):
    story = make_article()
    cached(client, story.get_absolute_url())
    renditions_made.send(sender=Article, instance=story)
    return fresh(client, story.get_absolute_url())[0] == "miss"


def comment_approved(client):
    story = make_article()
    comment = make_comment(story, status="held", body="The ferry ran on time today.")
    assert "The ferry ran on time today." not in cached(client, story.get_absolute_url())
    moderator = make_user(is_staff=True, is_superuser=True)
    moderate_comments(comments=[comment], action=APPROVE, moderator=moderator)
    return "The ferry ran on time today." in fresh(client, story.get_absolute_url())[1]


PROOFS = {
    "articles.Article": story_edited,
    "articles.Article.tags": story_tagged,
    "articles.Article.authors": story_reporters_changed,
    "articles.Section": section_renamed,
    "articles.Tag": tag_renamed,
    "accounts.Reporter": reporter_edited,
    "accounts.User": reporters_account_edited,
    "enquiries.ContactDetails": contact_details_saved,
    "articles.ArticleTranslationState": translation_checked,
    "renditions_made": renditions_made_by_the_worker,
    "comments_changed": comment_approved,
}


def key(change):
    return change.saved or change.linked or change.announced_by


@pytest.mark.parametrize("change", CHANGES, ids=key)
def test_each_change_reaches_the_cached_page_that_shows_it(client, change):
    assert PROOFS[key(change)](client), change.what


def test_every_change_in_the_list_has_a_proof_here():
    assert {key(change) for change in CHANGES} == set(PROOFS)


def test_a_log_in_leaves_the_cached_pages_alone(client):
    from django.contrib.auth.models import update_last_login

    reporter = make_reporter()
    story = make_article(authors=[reporter])
    cached(client, story.get_absolute_url())
    update_last_login(None, reporter.user)  # what every log-in does
    staff = make_user(is_staff=True)
    staff.full_name = "Desk Editor"
    staff.save()  # an account that is no reporter's: shown nowhere
    assert fresh(client, story.get_absolute_url())[0] == "hit"
