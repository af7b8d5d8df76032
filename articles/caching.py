"""Full-page caching of what anonymous readers see.

A page is served from the cache only to a reader who is not logged in (no session cookie, no
pending message) and whose query string holds nothing but the page number (and `q` where a view
allows it). The key holds the full URL, so each language has its own copy, and a global
"content version": `bump_content_version()` is called whenever a story, section, tag or
comment changes, and every cached page is then simply never asked for again.

A page lives at most `CACHE_MIDDLEWARE_SECONDS`, and never past the moment the next scheduled
story goes out, so a story scheduled for 18:00 is on the home page at 18:00 without any cron job.

Every answer carries an ETag and a Last-Modified date and conditional requests get a 304.
Logged-in readers (reporters, staff) always get a fresh page marked private.
"""

import hashlib
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

CONTENT_VERSION_KEY = "articles:content-version"
NEXT_SCHEDULED_KEY = "articles:next-scheduled:{version}"
# How long a browser or proxy may keep a page without asking again.
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


def seconds_until_next_scheduled(version):
    """Seconds until the next scheduled story goes public, or None; one query per content version."""
    key = NEXT_SCHEDULED_KEY.format(version=version)
    when = cache.get(key)
    if when is None:
        from articles.models import Article

        upcoming = Article.objects.upcoming().values_list("published_at", flat=True).first()
        when = upcoming.timestamp() if upcoming else _NOTHING_SCHEDULED
        cache.set(key, when, settings.CACHE_MIDDLEWARE_SECONDS)
    if when == _NOTHING_SCHEDULED:
        return None
    return max(0, int(when - time.time()))


def page_timeout(version):
    timeout = settings.CACHE_MIDDLEWARE_SECONDS
    until_next = seconds_until_next_scheduled(version)
    if until_next is not None:
        timeout = min(timeout, until_next)
    return timeout


def _is_anonymous_reader(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _cacheable_request(request, allowed_params):
    return (
        request.method in ("GET", "HEAD")
        and _is_anonymous_reader(request)
        and all(name in allowed_params for name in request.GET)
    )


def _page_key(request, version):
    url = request.build_absolute_uri()
    # "v2": the layout of the stored tuple; a new layout must not read entries of the old one.
    return f"articles:page:v2:{version}:{hashlib.sha256(url.encode()).hexdigest()}"


def _etag(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _finish(request, response, *, etag, last_modified, max_age):
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def serve_cached(request, produce, *, allowed_params=("page",), on_hit=None):
    """The page for `request` from the page cache, or `produce()`d and cached when it may be.

    `produce` renders the response; `on_hit` runs when the page comes from the cache.
    """
    if not _cacheable_request(request, allowed_params):
        response = produce()
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        patch_vary_headers(response, ["Cookie"])
        return response

    version = content_version()
    key = _page_key(request, version)
    stored = cache.get(key)
    if stored is not None:
        if on_hit is not None:
            on_hit()
        # Everything a hit needs is stored with the page: one cache read, no database, no hashing.
        content, content_type, stamp, etag, expires_at = stored
        response = HttpResponse(content, content_type=content_type)
        response.headers["X-Page-Cache"] = "hit"
        return _finish(
            request,
            response,
            etag=etag,
            last_modified=stamp,
            max_age=max(0, min(BROWSER_MAX_AGE, int(expires_at - time.time()))),
        )

    response = produce()
    if hasattr(response, "render") and callable(response.render):
        response.render()
    if response.status_code != 200 or response.cookies or response.streaming:
        return response
    stamp = int(timezone.now().timestamp())
    timeout = page_timeout(version)
    etag = _etag(response.content)
    if timeout > 0:
        stored = (response.content, response.headers["Content-Type"], stamp, etag, time.time() + timeout)
        cache.set(key, stored, timeout)
    response.headers["X-Page-Cache"] = "miss"
    return _finish(
        request,
        response,
        etag=etag,
        last_modified=stamp,
        max_age=min(BROWSER_MAX_AGE, timeout),
    )


class CachedPageMixin:
    """Serve anonymous GETs of a view from the page cache. Put it first in the view's bases.

    `cache_query_params` names the query parameters a cached page may carry. `on_cache_hit()`
    runs for a page served from the cache (the story page counts its views there).
    """

    cache_query_params = ("page",)

    def on_cache_hit(self, request, *args, **kwargs):
        pass

    def dispatch(self, request, *args, **kwargs):
        return serve_cached(
            request,
            lambda: super(CachedPageMixin, self).dispatch(request, *args, **kwargs),
            allowed_params=self.cache_query_params,
            on_hit=lambda: self.on_cache_hit(request, *args, **kwargs),
        )


def cached_page(view=None, *, allowed_params=("page",)):
    """The same page cache for a function view: `@cached_page` or `cached_page(view, allowed_params=...)`."""

    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            return serve_cached(request, lambda: view_func(request, *args, **kwargs), allowed_params=allowed_params)

        return wrapper

    return decorate(view) if view is not None else decorate


def _content_changed(*args, **kwargs):
    # Now, and again once the transaction commits: a page rendered in between (from the old,
    # still-committed data) must not stay cached under the new version.
    bump_content_version()
    transaction.on_commit(bump_content_version)


def connect_signals():
    """Any change to what the reading pages show empties the page cache (called from ArticlesConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from accounts.models import Reporter
    from articles.models import Article, Section, Tag

    for model in (Article, Section, Tag, Reporter):
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    for through in (Article.tags.through, Article.authors.through):
        m2m_changed.connect(_content_changed, sender=through, dispatch_uid=f"page-cache-m2m-{through.__name__}")
