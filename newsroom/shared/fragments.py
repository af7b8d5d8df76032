"""Pieces of pages kept in the cache, each keyed by what it shows (a story's comments and their
version, the language, the page), never by who is reading: what differs per reader (a form with
its CSRF token, a name) is rendered outside every fragment.

Every key carries a digest of the templates, so a deploy that changes a template never serves a
fragment rendered by the old one.
"""

import hashlib
import time
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction


@lru_cache(maxsize=1)
def templates_digest():
    """A short digest of every template the site renders (its own and its apps'), read once per process."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [Path(config.path) / "templates" for config in apps.get_app_configs()]
    digest = hashlib.blake2b(digest_size=6)
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fragment_key(name, *parts):
    return ":".join(["fragment", name, templates_digest(), *map(str, parts)])


# What a fragment shows besides its own object: each scope ("story:12", "people", "taxonomy") has a
# version in the cache, moved on by newsroom/page_changes.py whenever something it covers changes.
SCOPE_KEY = "fragment-scope:{}"


def scope_versions(*scopes):
    """The current version of each scope, in one round trip; a scope the cache lost starts anew, so a
    fragment made under its old version is never taken for current."""
    keys = [SCOPE_KEY.format(scope) for scope in scopes]
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        version = found.get(key)
        if version is None:
            version = str(time.time_ns())
            if not cache.add(key, version, None):  # another server started it first
                version = cache.get(key, version)
        versions.append(version)
    return "-".join(versions)


def move_on(*scopes):
    """Make every fragment of these scopes stale: now, and again once the transaction commits, so a
    fragment made in between from the old, still-committed data is not kept under the new version."""
    if not scopes:
        return

    def bump():
        cache.set_many({SCOPE_KEY.format(scope): str(time.time_ns()) for scope in scopes}, None)

    bump()
    transaction.on_commit(bump)


def cached_fragment(key, make, seconds):
    """The fragment kept under `key` (from fragment_key()), made by `make()` and kept `seconds` when missing."""
    fragment = cache.get(key)
    if fragment is None:
        fragment = make()
        cache.set(key, fragment, seconds)
    return fragment
