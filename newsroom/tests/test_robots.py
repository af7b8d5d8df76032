"""robots.txt read as a search engine reads it (Google's rules: the longest matching rule wins,
`*` is any run of characters, `$` the end), for every language prefix."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

import accounts.urls

pytestmark = pytest.mark.django_db

PREFIXES = ["" if code == settings.LANGUAGE_CODE else f"/{code}" for code, _name in settings.LANGUAGES]


def rules_of(text):
    """(allow?, compiled rule) for the group of `User-agent: *`."""
    rules, applies = [], False
    for line in text.splitlines():
        field, _sep, value = line.partition(":")
        field, value = field.strip().lower(), value.strip()
        if field == "user-agent":
            applies = value == "*"
        elif applies and field in {"allow", "disallow"} and value:
            pattern = re.escape(value).replace(r"\*", ".*")
            if pattern.endswith(r"\$"):
                pattern = pattern[:-2] + "$"
            rules.append((field == "allow", len(value), re.compile(pattern)))
    return rules


def allowed(rules, path):
    matching = [(length, allow) for allow, length, rule in rules if rule.match(path)]
    return not matching or max(matching)[1]


@pytest.fixture
def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return rules_of(response.content.decode())


@pytest.mark.parametrize("prefix", PREFIXES)
def test_private_pages_and_forms_are_closed_to_crawlers_in_every_language(robots, prefix):
    for path in [
        "/admin/",
        "/admin/login/",
        "/admin/articles/article/3/change/",
        "/desk/",
        "/accounts/login/",
        "/accounts/register/",
        "/accounts/profile/",
        "/accounts/password/reset/MQ/abc-123/",
        "/accounts/confirm/some-token/",
        "/desk/stories/new/",
        "/desk/stories/12/edit/",
        "/desk/stories/12/preview/",
        "/desk/stories/12/submit/",
        "/news/flood-waters-recede/comment/",
        "/comments/7/report/",
        "/contact/thanks/",
        "/search/?q=floods",
        "/v/flood-waters-recede.gif",
    ]:
        assert not allowed(robots, prefix + path), prefix + path


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_address_of_the_reporters_accounts_is_closed_in_every_language(robots, prefix):
    code = prefix.strip("/") or settings.LANGUAGE_CODE
    with translation.override(code):
        for pattern in accounts.urls.urlpatterns:
            arguments = dict.fromkeys(pattern.pattern.converters, "x1")
            path = reverse(f"accounts:{pattern.name}", kwargs=arguments or None)
            assert path.startswith(prefix + "/accounts/")
            assert not allowed(robots, path), path


@pytest.mark.parametrize("prefix", PREFIXES)
def test_what_readers_read_stays_open_in_every_language(robots, prefix):
    for path in [
        "/",
        "/news/flood-waters-recede/",
        "/section/assam/",
        "/tag/floods/",
        "/reporters/anjali-baruah/",
        "/archive/2026/",
        "/contact/",
        "/section/assam/rss/",
        "/feeds/atom/",
    ]:
        assert allowed(robots, prefix + path), prefix + path


def test_robots_names_the_language_switch_and_the_sitemaps(client, robots):
    assert not allowed(robots, "/i18n/setlang/")
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    assert "Sitemap: http://testserver/news-sitemap.xml" in text.splitlines()
