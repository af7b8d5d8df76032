"""Two app servers over one PostgreSQL and one Redis hold no state of their own."""

import re
import time

import pytest

from tests.system.conftest import run_in
from tests.system.http import Browser
from tests.system.servers import AppServer

PASSWORD = "a-long-scale-out-password-42"  # noqa: S105 - a throwaway test database

SETUP = f"""
from django.utils import timezone
from accounts.models import Reporter, User
from articles.models import Article, Section
editor = User.objects.create_superuser(email="editor@scale.test", full_name="Scale Editor", password="{PASSWORD}")
user = User.objects.create_user(email="reporter@scale.test", full_name="Scale Reporter", password="{PASSWORD}")
Reporter.objects.create(user=user, status=Reporter.Status.APPROVED, email_confirmed_at=timezone.now(),
                        terms_accepted_at=timezone.now())
section = Section.objects.create(name="Assam", slug="assam")
live = Article.objects.create(headline="Bridge opens over the Brahmaputra", section=section, body="<p>Open.</p>",
                              status=Article.Status.PUBLISHED, published_at=timezone.now())
draft = Article.objects.create(headline="Tea exports climb again", section=section, body="<p>Up.</p>",
                               status=Article.Status.SUBMITTED)
print(live.pk, live.get_absolute_url(), draft.pk)
"""


@pytest.fixture(scope="module")
def two_servers(system_env):
    live_pk, live_url, draft_pk = run_in(system_env, SETUP).split()
    first, second = AppServer(system_env).start(), AppServer(system_env).start()
    yield first, second, {"live_url": live_url, "live_pk": live_pk, "draft_pk": draft_pk}
    first.stop()
    second.stop()


def _log_in(browser, server, email):
    response = browser.submit(server.url + "/accounts/login/", {"username": email, "password": PASSWORD})
    assert response.status == 302, response.text[:500]


def test_a_login_made_through_one_server_is_valid_on_the_other(two_servers):
    first, second, _data = two_servers
    browser = Browser()
    _log_in(browser, first, "reporter@scale.test")
    desk = browser.get(second.url + "/desk/")
    assert desk.status == 200
    assert "Scale Reporter" in desk.text


def test_a_story_published_through_one_server_is_fresh_on_the_other_at_once(two_servers):
    first, second, data = two_servers
    reader = Browser()
    before = reader.get(second.url + "/")
    assert before.status == 200 and "Tea exports climb again" not in before.text
    assert reader.get(second.url + "/").headers.get("X-Page-Cache") == "hit"

    editor = Browser()
    _log_in(editor, first, "editor@scale.test")
    published = editor.submit(first.url + f"/admin/articles/article/{data['draft_pk']}/workflow/publish/")
    assert published.status == 302, published.text[:500]

    after = reader.get(second.url + "/")
    assert "Tea exports climb again" in after.text


def test_a_comment_posted_through_one_server_shows_on_the_other_after_approval(two_servers):
    first, second, data = two_servers
    reader = Browser()
    story = first.url + data["live_url"]
    reader.get(story)
    time.sleep(3.2)  # the signed form stamp refuses forms sent faster than a person types
    posted = reader.submit(
        story,
        {"name": "Mridul", "email": "mridul@example.com", "body": "Finally a bridge for Majuli commuters."},
        action_contains="/comment/",
    )
    assert posted.status == 302, posted.text[:500]
    assert "Finally a bridge" not in Browser().get(second.url + data["live_url"]).text

    editor = Browser()
    _log_in(editor, second, "editor@scale.test")
    queue = editor.get(second.url + "/admin/comments/comment/?status__exact=held")
    comment_id = re.search(r'name="_selected_action" value="(\d+)"', queue.text).group(1)
    queue_url = second.url + "/admin/comments/comment/?status__exact=held"
    approved = editor.post_form(queue_url, queue_url, {"action": "approve", "_selected_action": comment_id})
    assert approved.status == 302, approved.text[:500]
    assert "Finally a bridge for Majuli commuters." in Browser().get(first.url + data["live_url"]).text


def test_a_correction_saved_through_one_server_shows_on_the_other_at_once_in_both_languages(two_servers, system_env):
    """The story's own fragment is shared through Redis: the second server, which has the story and its
    fragment cached, shows the correction made through the first server's desk on the next request."""
    first, second, data = two_servers
    section_pk = run_in(system_env, "from articles.models import Section; print(Section.objects.get(slug='assam').pk)")
    reader = Browser()
    for url in (second.url + data["live_url"], second.url + "/as" + data["live_url"]):
        reader.get(url)
        assert reader.get(url).headers.get("X-Page-Cache") == "hit"
        assert "Correction" not in reader.get(url + "?ref=fresh").text  # made anew, from warm fragments

    editor = Browser()
    _log_in(editor, first, "editor@scale.test")
    change = first.url + f"/admin/articles/article/{data['live_pk']}/change/"
    note = "An earlier version gave the length of the bridge wrongly."
    saved = editor.submit(change, {"section": section_pk.strip(), "correction_en": note}, action_contains="")
    assert saved.status == 302, saved.text[:2000]

    for url in (second.url + data["live_url"], second.url + "/as" + data["live_url"]):
        for page in (reader.get(url), reader.get(url + "?ref=fresh")):
            assert note in page.text, url
