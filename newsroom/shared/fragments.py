"""Pieces of pages kept in the cache, each keyed by what it shows (a story's comments and their
version, the language, the page), never by who is reading: what differs per reader (a form with
its CSRF token, a name) is rendered outside every fragment.

Every key carries a digest of the templates, so a deploy that changes a template never serves a
fragment rendered by the old one.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings


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
