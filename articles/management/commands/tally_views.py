"""Count the story views nginx answered itself, from the beacon log it writes (deploy/nginx/).

Behind nginx the story page's beacon (/v/<slug>.gif, articles/views/beacon.py) never reaches Django:
nginx answers it and writes one JSON object a line to VIEW_BEACON_LOG (time, address, method, status,
uri, user_agent). Every minute (deploy/systemd/newsroom-tally-views.timer, on the machine nginx writes
the log on) this command reads the lines written since its last run and counts each GET of a
published story's beacon with Article.record_view, keyed on reader_key_of(address, user agent): once
per reader per story an hour, exactly as when Django answers the beacon itself.

Where it stopped is kept in a small state file (the log's inode and the byte offset of the first line
not read yet), so each line is read once. A line nginx is still writing waits for the next run. When
the log was rotated (logrotate renamed it to <log>.1 and nginx opened a new one), the rest of the old
file is read first if it is still there, then the new one from its start; a log that shrank (truncated
in place) is read from its start.
"""

import json
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.caching import is_robot, reader_key_of
from articles.models import Article
from articles.views.beacon import slug_of_beacon

COUNTED_STATUSES = {200, 304}


class Command(BaseCommand):
    help = "Add the story views in nginx's beacon log (VIEW_BEACON_LOG) written since the last run to the counts."

    def add_arguments(self, parser):
        parser.add_argument("--log", default=settings.VIEW_BEACON_LOG, help="nginx's beacon log (VIEW_BEACON_LOG).")
        parser.add_argument(
            "--state",
            help="Where to remember how far the log was read (default: the log's name with .offset added).",
        )

    def handle(self, *args, log, state, **options):
        log = Path(log)
        state = Path(state) if state else log.with_name(log.name + ".offset")
        tally = Tally()
        saved = load_state(state)
        try:
            current = log.open("rb")
        except FileNotFoundError:
            self.stdout.write(f"No beacon log at {log} yet: nothing to count.")
            return
        with current:
            status = os.fstat(current.fileno())
            start = 0
            if saved and saved["inode"] == status.st_ino:
                start = saved["offset"] if saved["offset"] <= status.st_size else 0
            elif saved:
                rotated = log.with_name(log.name + ".1")
                if rotated.exists() and rotated.stat().st_ino == saved["inode"]:
                    with rotated.open("rb") as old:
                        tally.read(old, saved["offset"])
            end = tally.read(current, start)
        save_state(state, inode=status.st_ino, offset=end)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"{log}: read {tally.lines} new line(s), {tally.beacons} a published story's beacon "
                "(each reader is counted once an hour)."
            )


class Tally:
    def __init__(self):
        self.lines = self.beacons = 0
        self._public = {}

    def read(self, log, start):
        """Count the complete lines of an open log from byte `start`; returns the offset after the last one."""
        log.seek(start)
        position = start
        for line in log:
            if not line.endswith(b"\n"):
                break  # nginx is still writing it: the next run reads it whole
            position += len(line)
            self.lines += 1
            view = parse(line)
            if view is not None and not is_robot(view[2]) and self.is_public(view[0]):
                Article.record_view(view[0], reader=reader_key_of(view[1], view[2]))
                self.beacons += 1
        return position

    def is_public(self, slug):
        if slug not in self._public:
            self._public[slug] = Article.objects.published().filter(slug=slug).exists()
        return self._public[slug]


def parse(line):
    """(slug, address, user agent) of a beacon GET in one log line, or None for any other line.

    nginx's escape=json escapes quotes, backslashes and control characters and leaves other bytes as
    the client sent them: read as Latin-1, the user agent is the very string Django's request.headers
    gives (WSGI's rule), so both count the same reader alike. The uri is nginx's decoded path, UTF-8.
    """
    try:
        entry = json.loads(line.decode("latin-1"))
        if entry["method"] != "GET" or int(entry["status"]) not in COUNTED_STATUSES:
            return None
        path = entry["uri"].encode("latin-1").decode("utf-8")
        address, user_agent = entry["address"], entry["user_agent"]
    except (ValueError, KeyError, TypeError, UnicodeError):
        return None  # not a line of ours (or damaged): never a reason to stop counting the rest
    slug = slug_of_beacon(path)
    return (slug, address, user_agent) if slug else None


def load_state(path):
    try:
        saved = json.loads(path.read_text())
        return {"inode": int(saved["inode"]), "offset": int(saved["offset"])}
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def save_state(path, *, inode, offset):
    """Written to a new file and renamed over the old one: a run stopped half-way leaves the old state."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"inode": inode, "offset": offset}))
    os.replace(partial, path)
