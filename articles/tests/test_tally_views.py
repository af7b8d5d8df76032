"""manage.py tally_views: the story views nginx answered itself (deploy/nginx/'s beacon log) reach the
same counter, once per reader per story an hour, each line read once, across rotations."""

import json
import os
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from articles.models import Article
from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_view_written_at_once(settings):
    settings.VIEW_COUNT_BATCH = 1


@pytest.fixture
def log(tmp_path, settings):
    settings.VIEW_BEACON_LOG = str(tmp_path / "newsroom-views.log")
    return tmp_path / "newsroom-views.log"


def line(path, address="203.0.113.1", user_agent="Phone A", method="GET", status="200"):
    """One line as nginx's log_format newsroom_views writes it: escape=json escapes quotes, backslashes and
    control characters and leaves other bytes as they came (the decoded path is UTF-8)."""
    fields = {"address": address, "method": method, "status": status, "uri": path, "user_agent": user_agent}
    text = "".join(f',"{name}":{json.dumps(value, ensure_ascii=False)}' for name, value in fields.items())
    return ('{"time":"2026-12-03T18:00:00+05:30"' + text + "}\n").encode("utf-8")


def append(log, *lines):
    with log.open("ab") as file:
        file.write(b"".join(lines))


def tally():
    out = StringIO()
    call_command("tally_views", stdout=out)
    return out.getvalue()


def views(*stories):
    return [Article.objects.get(pk=story.pk).view_count for story in stories]


def test_each_reader_counts_once_per_story_an_hour_however_many_lines_they_left(log):
    ferry, bridge = make_article(), make_article()
    append(
        log,
        *[line(f"/v/{ferry.slug}.gif", "203.0.113.1", "Phone A")] * 5,
        line(f"/v/{ferry.slug}.gif", "203.0.113.1", "Phone B"),  # same carrier's address, another phone
        line(f"/v/{ferry.slug}.gif", "198.51.100.7", "Phone A"),
        line(f"/v/{bridge.slug}.gif", "203.0.113.1", "Phone A"),
    )
    assert "read 8 new line(s)" in tally()
    assert views(ferry, bridge) == [3, 1]


def test_crawlers_that_fetch_the_beacon_are_not_readers(client, log):
    story = make_article()
    googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    append(
        log,
        line(f"/v/{story.slug}.gif", "66.249.66.1", googlebot),
        line(f"/v/{story.slug}.gif", "66.249.66.2", "facebookexternalhit/1.1"),
        line(f"/v/{story.slug}.gif", "203.0.113.9", "Mozilla/5.0 (Linux; Android 12) Chrome/120 Mobile"),
    )
    tally()
    client.get(f"/v/{story.slug}.gif", headers={"User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0)"})
    assert views(story) == [1]


def test_only_gets_of_published_stories_beacons_count(log):
    story, draft = make_article(), make_article(published=False)
    append(
        log,
        line(f"/v/{story.slug}.gif", method="HEAD"),
        line(f"/v/{story.slug}.gif", status="405", method="POST"),
        line(f"/v/{draft.slug}.gif"),
        line("/v/no-such-story.gif"),
        line("/v/"),
        line(f"/news/{story.slug}/"),
        b"not a line of ours\n",
        b'{"broken": \n',
        line(f"/v/{story.slug}.gif", "203.0.113.9"),
    )
    tally()
    assert views(story, draft) == [1, 0]
    assert cache.get("articles:views:no-such-story") is None


def test_a_reader_counted_from_nginxs_log_is_the_reader_django_counts_so_never_twice_an_hour(client, log):
    story = make_article()
    user_agent = 'Mozilla/5.0 (Linux; Android 14) "Quoted" \\ Büro'
    append(log, line(f"/v/{story.slug}.gif", "203.0.113.4", user_agent))
    tally()
    # The same reader's beacon answered by Django within the hour (nginx was bypassed, or not there).
    client.get(f"/v/{story.slug}.gif", REMOTE_ADDR="203.0.113.4", HTTP_USER_AGENT=user_agent.encode().decode("latin-1"))
    client.get(f"/v/{story.slug}.gif", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT=user_agent)
    assert views(story) == [2]


def test_a_story_with_an_assamese_slug_is_counted(log):
    story = make_article(headline="ব্ৰহ্মপুত্ৰত ফেৰী সেৱা পুনৰ আৰম্ভ")
    assert not story.slug.isascii()
    append(log, line(f"/v/{story.slug}.gif"))
    tally()
    assert views(story) == [1]


def test_each_run_reads_on_from_where_the_last_stopped_and_a_half_written_line_waits(log):
    story = make_article()
    append(log, line(f"/v/{story.slug}.gif", "203.0.113.1"))
    tally()
    whole = line(f"/v/{story.slug}.gif", "203.0.113.2")
    append(log, line(f"/v/{story.slug}.gif", "203.0.113.3"), whole[:20])  # nginx is writing the last one
    assert "read 1 new line(s)" in tally()
    assert views(story) == [2]
    append(log, whole[20:])
    assert "read 1 new line(s)" in tally()
    assert "read 0 new line(s)" in tally()
    assert views(story) == [3]
    state = json.loads(log.with_name(log.name + ".offset").read_text())
    assert state == {"inode": os.stat(log).st_ino, "offset": log.stat().st_size}


def test_a_rotated_log_is_finished_from_its_old_name_and_the_new_one_read_from_its_start(log):
    story = make_article()
    append(log, line(f"/v/{story.slug}.gif", "203.0.113.1"))
    tally()
    # logrotate renames the log; nginx writes one more line to the old file before it reopens.
    log.rename(log.with_name(log.name + ".1"))
    append(log.with_name(log.name + ".1"), line(f"/v/{story.slug}.gif", "203.0.113.2"))
    append(log, line(f"/v/{story.slug}.gif", "203.0.113.3"), line(f"/v/{story.slug}.gif", "203.0.113.4"))
    assert "read 3 new line(s)" in tally()
    assert views(story) == [4]
    # Rotated again and the old file already gone (compressed, removed): the new one is read from its start.
    log.with_name(log.name + ".1").unlink()
    log.unlink()
    append(log, line(f"/v/{story.slug}.gif", "203.0.113.5"))
    tally()
    assert views(story) == [5]


def test_a_log_that_shrank_is_read_from_its_start(log):
    story = make_article()
    append(log, *(line(f"/v/{story.slug}.gif", f"203.0.113.{n}") for n in range(1, 4)))
    tally()
    log.write_bytes(line(f"/v/{story.slug}.gif", "198.51.100.1"))  # truncated in place (copytruncate)
    tally()
    assert views(story) == [4]


def test_with_no_log_yet_there_is_nothing_to_count(log, tmp_path):
    out = StringIO()
    call_command("tally_views", "--state", str(tmp_path / "state.json"), stdout=out)
    assert "nothing to count" in out.getvalue()
    assert not (tmp_path / "state.json").exists()


def test_the_log_and_the_state_file_can_be_named(tmp_path):
    story = make_article()
    elsewhere = tmp_path / "other.log"
    append(elsewhere, line(f"/v/{story.slug}.gif"))
    call_command("tally_views", "--log", str(elsewhere), "--state", str(tmp_path / "state.json"), stdout=StringIO())
    assert views(story) == [1]
    assert json.loads((tmp_path / "state.json").read_text())["offset"] == elsewhere.stat().st_size
