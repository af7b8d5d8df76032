"""robots.txt: every private page and form, in every language, out of search engines' reach.

The rules are reversed from URL names in each language, so a new language or a moved page keeps
them right. An argument of an address becomes robots' `*` ("/news/*/comment/"), so the pages around
a private one stay open.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import URLPattern, reverse
from django.urls.converters import IntConverter
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

import accounts.urls
import articles.comments.urls
import articles.urls
import enquiries.urls

# A value for each argument that no real address segment has; replaced by robots' wildcard.
ANY_NUMBER, ANY_TEXT = 987654321, "robots-any"


def names(urls_module, only=None):
    """`namespace:name` for the named URLs of an app's urls.py (all, or those in `only`)."""
    return [
        f"{urls_module.app_name}:{pattern.name}"
        for pattern in urls_module.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.name and (only is None or pattern.name in only)
    ]


def private_url_names():
    """Pages no search engine should list: the staff site, the reporters' accounts and desk, the
    forms' own addresses and their "thank you" pages, search results and the view counter."""
    return [
        "admin:index",  # the staff site: everything under it
        *names(accounts.urls),  # log in, registration, the reporter's profile, passwords
        *names(
            articles.urls,
            only={
                "desk",
                "story-create",
                "story-edit",
                "story-preview",
                "story-submit",
                "view-beacon",
                "search",
            },
        ),
        *names(articles.comments.urls),  # the comment and report forms
        *names(enquiries.urls, only={"thanks"}),
    ]


def _pattern(name):
    namespace, _sep, short = name.rpartition(":")
    module = {
        "accounts": accounts.urls,
        "articles": articles.urls,
        "comments": articles.comments.urls,
        "enquiries": enquiries.urls,
    }.get(namespace)
    if module is None:
        return None
    return next(p for p in module.urlpatterns if isinstance(p, URLPattern) and p.name == short)


def robots_path(name):
    """The named URL's address in the current language, each argument as `*`."""
    pattern = _pattern(name)
    converters = pattern.pattern.converters if pattern is not None else {}
    kwargs = {
        argument: ANY_NUMBER if isinstance(converter, IntConverter) else ANY_TEXT
        for argument, converter in converters.items()
    }
    path = reverse(name, kwargs=kwargs or None)
    return path.replace(str(ANY_NUMBER), "*").replace(ANY_TEXT, "*")


def disallowed_paths():
    """Every private address in every language, without those a shorter rule already covers."""
    paths = [reverse("set_language"), reverse("healthz")]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [robots_path(name) for name in private_url_names()]
    roots = [path for path in paths if "*" not in path]
    kept = []
    for path in dict.fromkeys(paths):
        if not any(path != root and path.startswith(root) for root in roots):
            kept.append(path)
    return sorted(kept)


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed_paths()),
        "",
        "Sitemap: " + request.build_absolute_uri(reverse("sitemap")),
        "Sitemap: " + request.build_absolute_uri(reverse("news-sitemap")),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
