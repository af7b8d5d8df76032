"""Full-page caching of what anonymous readers see.

A page is served from the cache only to a reader who is not logged in (no session cookie, no
pending message) and whose query string holds nothing but the page number (and `q` where a view
allows it) and the tracking tags that apps add to shared links (`fbclid`, `utm_source`, …), which
change nothing on the page and are left out of the key. The key holds the URL, so each language
has its own copy; the page is stored with the global "content version" it was rendered under.
`bump_content_version()` is called on every change newsroom/page_changes.py lists (a story,
section, tag, reporter, the contact details, an approved comment, …), and every cached page is then
stale at once: a hit reads the version and the page in one round trip and
serves the page only if they match.

A page lives at most `CACHE_MIDDLEWARE_SECONDS`, and never past the moment the next scheduled
story goes out, so a story scheduled for 18:00 is on the home page at 18:00 without any cron job.
The breaking-news strip every page shows (`breaking_stories()`) is kept the same way, under the
content version, and neither it nor a page holding it outlives the first of its stories' marks to
expire: a mark set until 18:00 leaves every page at 18:00, however long the page had left.

Every answer carries an ETag and a Last-Modified date and conditional requests get a 304.
A cached page says `Cache-Control: public, max-age=60, s-maxage=…`: a browser keeps it a minute, a
shared cache in front of the app servers (deploy/'s nginx) only EDGE_CACHE_SECONDS, so a publish,
withdrawal, edit or approved comment reaches readers behind it within that time. Logged-in readers
(reporters, staff) always get a fresh page marked private, and so does every answer whose view did
not say otherwise: nothing personal (a form with its CSRF token, a desk page) is ever kept by a
shared cache.

Story views are not counted here: the story page carries an image beacon (articles/views/beacon.py),
which nginx answers itself behind the edge cache, so a page served from any cache is still counted.
"""

import hashlib
import re
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from newsroom.shared.links import is_tracking_param, untracked_path

CONTENT_VERSION_KEY = "articles:content-version"
NEXT_SCHEDULED_KEY = "articles:next-scheduled:{version}"
BREAKING_KEY = "articles:breaking:{version}"
# The breaking-news strip names at most this many stories, newest first.
BREAKING_SHOWN = 3
# How long a browser may keep a page without asking again (shared caches: EDGE_CACHE_SECONDS).
BROWSER_MAX_AGE = 60
_NOTHING_SCHEDULED = "none"


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        # add(): when two servers race, both end up with the same version.
        if not cache.add(CONTENT_VERSION_KEY, version, None):
            version = cache.get(CONTENT_VERSION_KEY, version)
    return version


def bump_content_version(*args, **kwargs):
    """Make every cached page stale at once. Safe to connect to any signal."""
    cache.set(CONTENT_VERSION_KEY, str(time.time_ns()), None)


def _next_scheduled_at(version):
    """When the next scheduled story goes public (a timestamp), or None; one query per content version."""
    key = NEXT_SCHEDULED_KEY.format(version=version)
    when = cache.get(key)
    if when is None:
        from articles.models import Article

        upcoming = Article.objects.upcoming().values_list("published_at", flat=True).first()
        when = upcoming.timestamp() if upcoming else _NOTHING_SCHEDULED
        cache.set(key, when, settings.CACHE_MIDDLEWARE_SECONDS)
    return None if when == _NOTHING_SCHEDULED else when


def seconds_until_next_scheduled(version):
    """Seconds until the next scheduled story goes public, or None."""
    when = _next_scheduled_at(version)
    return None if when is None else max(0, int(when - time.time()))


def _breaking_entry(version):
    """The strip's stories and when the strip next changes by the clock; one query per content version."""
    key = BREAKING_KEY.format(version=version)
    entry = cache.get(key)
    if entry is None:
        from articles.models import Article

        stories = list(
            # Every language's headline, so one entry serves readers of every language.
            Article.objects.breaking()
            .only("slug", *_translated("headline"), "published_at", "breaking_until")
            .with_available_languages()[:BREAKING_SHOWN]
        )
        # The strip changes when one of its stories' marks expires (the next marked story, if any,
        # takes its place) or when a scheduled story goes out (it may be marked breaking too).
        changes = [story.breaking_until.timestamp() for story in stories]
        scheduled_at = _next_scheduled_at(version)
        if scheduled_at is not None:
            changes.append(scheduled_at)
        entry = {"stories": stories, "changes_at": min(changes) if changes else None}
        lifetime = settings.CACHE_MIDDLEWARE_SECONDS
        if entry["changes_at"] is not None:
            lifetime = min(lifetime, max(0, int(entry["changes_at"] - time.time())))
        if lifetime > 0:
            cache.set(key, entry, lifetime)
    return entry


def _translated(field):
    return [f"{field}_{code}" for code, _name in settings.LANGUAGES]


def breaking_stories():
    """The stories of the breaking-news strip, read from the cache: no query on a warm page."""
    return _breaking_entry(content_version())["stories"]


def seconds_until_breaking_changes(version):
    """Seconds until the breaking-news strip changes by the clock alone (a mark expires), or None."""
    changes_at = _breaking_entry(version)["changes_at"]
    return None if changes_at is None else max(0, int(changes_at - time.time()))


def page_timeout(version):
    """How long a page rendered under `version` may be kept: never past a change the clock brings."""
    timeout = settings.CACHE_MIDDLEWARE_SECONDS
    for until_change in (seconds_until_next_scheduled(version), seconds_until_breaking_changes(version)):
        if until_change is not None:
            timeout = min(timeout, until_change)
    return timeout


def _is_anonymous_reader(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _cacheable_request(request, allowed_params):
    return (
        request.method in ("GET", "HEAD")
        and _is_anonymous_reader(request)
        and all(name in allowed_params or is_tracking_param(name) for name in request.GET)
    )


def _page_key(request):
    url = request.build_absolute_uri(untracked_path(request))
    # "v5": the layout of the stored entry; a new layout must not read entries of the old one.
    return f"articles:page:v5:{hashlib.sha256(url.encode()).hexdigest()}"


def _etag(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _finish(request, response, *, etag, last_modified, seconds_left):
    """`seconds_left`: how long the page may still be served as it is (its page-cache lifetime)."""
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=min(BROWSER_MAX_AGE, seconds_left),
        s_maxage=min(settings.EDGE_CACHE_SECONDS, seconds_left),
    )
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def serve_cached(request, produce, *, allowed_params=("page",)):
    """Render the page for `request` and mark it for the page cache when it may be kept.

    Hits never reach this function: PageCacheMiddleware answers them before the rest of the
    middleware runs. `produce` renders the response.
    """
    if not _cacheable_request(request, allowed_params):
        response = produce()
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        patch_vary_headers(response, ["Cookie"])
        return response

    version = content_version()
    response = produce()
    if hasattr(response, "render") and callable(response.render):
        response.render()
    if response.status_code != 200 or response.cookies or response.streaming:
        return response
    stamp = int(timezone.now().timestamp())
    timeout = page_timeout(version)
    etag = _etag(response.content)
    if timeout > 0:
        # Stored by PageCacheMiddleware on the way out, with the headers every middleware added.
        response.page_cache_entry = {
            "key": _page_key(request),
            "version": version,
            "stamp": stamp,
            "etag": etag,
            "timeout": timeout,
        }
    response.headers["X-Page-Cache"] = "miss"
    return _finish(request, response, etag=etag, last_modified=stamp, seconds_left=timeout)


def reader_key(request):
    """Who is reading, for counting a story once per reader an hour: their address and browser,
    hashed (many readers share one mobile carrier's address; their phones differ)."""
    from newsroom.shared.clients import client_ip

    return reader_key_of(client_ip(request), request.headers.get("User-Agent", ""))


# Crawlers that fetch images too (Googlebot does) read nothing: their visits are not views.
_ROBOT = re.compile(r"bot\b|bot/|crawler|spider|slurp|facebookexternalhit|mediapartners", re.IGNORECASE)


def is_robot(user_agent):
    return bool(_ROBOT.search(user_agent or ""))


def reader_key_of(address, user_agent):
    """reader_key() for an address and a User-Agent read elsewhere (nginx's beacon log)."""
    seen = f"{address or ''}|{user_agent[:200]}"
    return hashlib.sha256(seen.encode("utf-8", "surrogatepass")).hexdigest()[:32]


# Headers that belong to one answer, not to the stored page.
_PER_ANSWER_HEADERS = {"etag", "last-modified", "cache-control", "x-page-cache", "content-length", "expires"}


class PageCacheMiddleware:
    """Answer anonymous readers from the page cache before sessions, language, CSRF and auth run.

    One cache round trip reads the content version and the page together; a page stored under
    an older version is stale and goes to the view, which renders it again. Pages are stored
    here, on the way out, once a view has marked them (serve_cached), so the stored headers are
    those every middleware added. An answer whose view set no Cache-Control leaves marked
    private: only pages the page cache vouches for are public. Put it right after the security
    and static-file middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and _is_anonymous_reader(request):
            key = _page_key(request)
            found = cache.get_many([CONTENT_VERSION_KEY, key])
            stored = found.get(key)
            if stored is not None and stored["version"] == found.get(CONTENT_VERSION_KEY):
                return self.answer(request, stored)
        response = self.get_response(request)
        entry = getattr(response, "page_cache_entry", None)
        if entry is not None and response.status_code == 200 and not response.cookies:
            headers = {
                name: value for name, value in response.headers.items() if name.lower() not in _PER_ANSWER_HEADERS
            }
            stored = {
                **entry,
                "content": response.content,
                "headers": headers,
                "expires_at": time.time() + entry["timeout"],
            }
            cache.set(entry["key"], stored, entry["timeout"])
        if "Cache-Control" not in response.headers:
            # A form with its CSRF token, a page for one reader, an error: never for a shared cache.
            response.headers["Cache-Control"] = "private"
        return response

    @staticmethod
    def answer(request, stored):
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"].items():
            response.headers[name] = value
        response.headers["X-Page-Cache"] = "hit"
        return _finish(
            request,
            response,
            etag=stored["etag"],
            last_modified=stored["stamp"],
            seconds_left=max(0, int(stored["expires_at"] - time.time())),
        )


class CachedPageMixin:
    """Serve anonymous GETs of a view from the page cache. Put it first in the view's bases.

    `cache_query_params` names the query parameters a cached page may carry.
    """

    cache_query_params = ("page",)

    def dispatch(self, request, *args, **kwargs):
        return serve_cached(
            request,
            lambda: super(CachedPageMixin, self).dispatch(request, *args, **kwargs),
            allowed_params=self.cache_query_params,
        )


def cached_page(view=None, *, allowed_params=("page",)):
    """The same page cache for a function view: `@cached_page` or `cached_page(view, allowed_params=...)`."""

    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            return serve_cached(request, lambda: view_func(request, *args, **kwargs), allowed_params=allowed_params)

        return wrapper

    return decorate(view) if view is not None else decorate


def content_changed(*args, **kwargs):
    """What a change to the public pages does (newsroom/page_changes.py connects it): now, and again
    once the transaction commits, so a page rendered in between (from the old, still-committed data)
    does not stay cached under the new version."""
    bump_content_version()
    transaction.on_commit(bump_content_version)
