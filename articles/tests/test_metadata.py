"""What each page type tells link previews and search engines, read as they read it: the <head>'s
meta and link tags through an HTML parser, the JSON-LD through json.loads."""

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import make_article, make_reporter, make_section, make_tag

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"


class HeadParser(HTMLParser):
    """The meta tags, links and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}  # property or name → [content, …]
        self.links = []  # (rel, hreflang, href)
        self.json_ld = []
        self._in_json_ld = False
        self._script = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append((attrs.get("rel"), attrs.get("hreflang"), attrs.get("href")))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld, self._script = True, []

    def handle_data(self, data):
        if self._in_json_ld:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.json_ld.append(json.loads("".join(self._script)))
            self._in_json_ld = False

    def one(self, name):
        values = self.meta.get(name, [])
        assert len(values) == 1, (name, values)
        return values[0]

    @property
    def canonical(self):
        (href,) = [href for rel, _lang, href in self.links if rel == "canonical"]
        return href

    def of_type(self, schema_type):
        found = [data for data in self.json_ld if data.get("@type") == schema_type]
        assert len(found) == 1, (schema_type, [data.get("@type") for data in self.json_ld])
        assert found[0]["@context"] == "https://schema.org"
        return found[0]


def head_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def site(photo_bytes):
    reporter = make_reporter(full_name="Anjali Baruah", bio="Reports from Guwahati.", photo=photo_bytes(120, 120))
    section = make_section(name="Assam", slug="assam", description="News from every district of Assam.")
    section.name_as = "অসম"
    section.save()
    floods = make_tag(name="Floods", slug="floods")
    published_at = timezone.now() - timedelta(days=1)
    translated = make_article(
        headline="Flood waters recede in Majuli",
        headline_as="মাজুলীত বানপানী হ্ৰাস",
        summary="Relief camps begin to close.",
        summary_as="সাহায্য শিবিৰ বন্ধ হ'বলৈ ধৰিছে।",
        body_as="<p>পানী কমিছে।</p>",
        section=section,
        authors=[reporter],
        tags=[floods],
        published_at=published_at,
        photo=photo_bytes(800, 450),
        photo_alt="Boats on the Brahmaputra",
    )
    untranslated = make_article(
        headline="Tea auction prices rise", summary="Guwahati's tea auction had a good week.", section=section
    )
    return {
        "reporter": reporter,
        "section": section,
        "tag": floods,
        "translated": translated,
        "untranslated": untranslated,
        "day": timezone.localtime(published_at).date(),
    }


def page_paths(site):
    day = site["day"]
    return {
        "home": "/",
        "section": site["section"].get_absolute_url(),
        "tag": site["tag"].get_absolute_url(),
        "reporter": site["reporter"].get_absolute_url(),
        "story": site["translated"].get_absolute_url(),
        "search": reverse("articles:search") + "?q=flood",
        "archive year": reverse("articles:archive-year", kwargs={"year": day.year}),
        "archive month": reverse("articles:archive-month", kwargs={"year": day.year, "month": day.month}),
        "archive day": reverse("articles:archive-day", kwargs={"year": day.year, "month": day.month, "day": day.day}),
        "contact": reverse("enquiries:contact"),
    }


PAPER = {"en": "Brahmaputra Times", "as": "ব্ৰহ্মপুত্ৰ টাইমছ"}


@pytest.mark.parametrize(("language", "locale", "other_locale"), [("en", "en_IN", "as_IN"), ("as", "as_IN", "en_IN")])
def test_every_public_page_type_has_open_graph_and_a_twitter_card_in_each_language(
    client, site, language, locale, other_locale
):
    for name, path in page_paths(site).items():
        address = path if language == "en" else "/as" + path
        head = head_of(client, address)
        assert head.one("og:url") == head.canonical, name
        assert head.canonical.split("?")[0] == SERVER + address.split("?")[0], name
        assert head.one("og:site_name") == PAPER[language], name  # the paper's name in the page's language
        assert head.one("og:title") and head.one("og:description"), name
        assert head.one("og:type") in {"website", "article", "profile"}, name
        assert head.one("og:locale") == locale, name
        assert head.meta["og:locale:alternate"] == [other_locale], name
        assert head.one("twitter:card") in {"summary", "summary_large_image"}, name
        assert head.one("twitter:title") == head.one("og:title"), name


def test_pages_without_metadata_of_their_own_still_name_their_locales(client):
    head = head_of(client, "/as/accounts/login/")
    assert head.one("og:locale") == "as_IN"
    assert head.meta["og:locale:alternate"] == ["en_IN"]
    assert head.one("og:url") == head.canonical == SERVER + "/as/accounts/login/"


def test_home_describes_the_paper_and_the_search_box_search_engines_may_offer(client, site):
    head = head_of(client, "/as/")
    organization = head.of_type("NewsMediaOrganization")
    assert organization["name"] == PAPER["as"]
    assert organization["url"] == SERVER + "/"
    assert organization["logo"]["url"].startswith(SERVER + "/static/")
    website = head.of_type("WebSite")
    assert website["url"] == SERVER + "/as/" and website["inLanguage"] == "as"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    search = action["target"]["urlTemplate"].replace("{search_term_string}", "floods")
    assert search.startswith(SERVER + "/as/search/")
    assert site["translated"].get_absolute_url() in client.get(search.removeprefix(SERVER)).content.decode()


def test_a_section_page_is_a_collection_page_and_its_later_pages_keep_their_own_address(client, site):
    for n in range(25):
        make_article(headline=f"Assam story {n}", section=site["section"])
    head = head_of(client, "/section/assam/")
    collection = head.of_type("CollectionPage")
    assert collection["name"] == "Assam" and collection["url"] == SERVER + "/section/assam/"
    assert collection["description"] == "News from every district of Assam."
    assert head.one("og:title") == "Assam" and head.one("og:description") == "News from every district of Assam."

    second = head_of(client, "/as/section/assam/?page=2")
    assert second.one("og:url") == second.canonical == SERVER + "/as/section/assam/?page=2"
    assert second.of_type("CollectionPage")["url"] == SERVER + "/as/section/assam/?page=2"
    assert second.of_type("CollectionPage")["name"] == "অসম"


def test_a_reporter_page_is_a_profile_page_about_the_person(client, site):
    head = head_of(client, "/reporters/anjali-baruah/")
    profile = head.of_type("ProfilePage")
    person = profile["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Anjali Baruah"
    assert person["url"] == SERVER + "/reporters/anjali-baruah/" == profile["url"]
    assert person["description"] == "Reports from Guwahati."
    assert person["image"].startswith(SERVER + "/media/reporters/")
    assert head.one("og:type") == "profile"
    assert head.one("og:image") == person["image"]


def test_a_story_has_its_article_its_breadcrumbs_and_its_photo(client, site):
    story = site["translated"]
    url = SERVER + story.get_absolute_url()
    head = head_of(client, story.get_absolute_url())
    article = head.of_type("NewsArticle")
    assert article["mainEntityOfPage"]["@id"] == url == head.one("og:url") == head.canonical
    assert article["inLanguage"] == "en" and article["headline"] == "Flood waters recede in Majuli"
    assert article["keywords"] == ["Floods"]
    crumbs = head.of_type("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", SERVER + "/"),
        (2, "Assam", SERVER + "/section/assam/"),
        (3, "Flood waters recede in Majuli", url),
    ]
    assert head.one("og:type") == "article"
    assert head.one("og:image") == article["image"][0]
    assert head.one("og:image:alt") == "Boats on the Brahmaputra"
    assert head.one("og:image:width") == "800" and head.one("og:image:height") == "450"
    assert head.one("article:section") == "Assam" and head.meta["article:tag"] == ["Floods"]
    assert head.one("twitter:card") == "summary_large_image"


def test_a_translated_story_in_assamese_names_its_assamese_address_and_language(client, site):
    url = SERVER + "/as/news/flood-waters-recede-in-majuli/"
    head = head_of(client, url.removeprefix(SERVER))
    article = head.of_type("NewsArticle")
    assert article["mainEntityOfPage"]["@id"] == url == head.one("og:url") == head.canonical
    assert article["inLanguage"] == "as" and article["headline"] == "মাজুলীত বানপানী হ্ৰাস"
    assert head.one("og:locale") == "as_IN" and head.meta["og:locale:alternate"] == ["en_IN"]
    crumbs = head.of_type("BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [SERVER + "/as/", SERVER + "/as/section/assam/", url]
    assert crumbs[1]["name"] == "অসম"


def test_an_untranslated_story_at_its_assamese_address_names_the_english_text_it_shows(client, site):
    english = SERVER + "/news/tea-auction-prices-rise/"
    head = head_of(client, "/as/news/tea-auction-prices-rise/")
    article = head.of_type("NewsArticle")
    assert head.canonical == english
    assert head.one("og:url") == english
    assert article["mainEntityOfPage"]["@id"] == english
    assert article["inLanguage"] == "en"
    assert article["headline"] == "Tea auction prices rise"
    assert head.one("og:locale") == "en_IN"
    # Written in English only: no other language to offer.
    assert "og:locale:alternate" not in head.meta
    assert head.of_type("BreadcrumbList")["itemListElement"][-1]["item"] == english


def test_a_story_without_a_photo_has_a_small_card_and_no_image(client, site):
    head = head_of(client, site["untranslated"].get_absolute_url())
    assert head.one("twitter:card") == "summary"
    assert "og:image" not in head.meta and "image" not in head.of_type("NewsArticle")


def test_metadata_follows_an_edit_of_the_story(client, site):
    story = site["untranslated"]
    head_of(client, story.get_absolute_url())  # now in the page cache
    story.headline = "Tea auction prices fall"
    story.save()
    head = head_of(client, story.get_absolute_url())
    assert head.one("og:title") == "Tea auction prices fall"
    assert head.of_type("NewsArticle")["headline"] == "Tea auction prices fall"


def test_a_tag_page_and_the_archive_say_what_they_list(client, site):
    assert head_of(client, "/tag/floods/").one("og:title") == "Stories about Floods"
    assert head_of(client, "/tag/floods/").of_type("CollectionPage")["name"] == "Stories about Floods"
    year = site["day"].year
    assert head_of(client, f"/archive/{year}/").one("og:title") == f"News of {year}"


def test_the_contact_page_says_whom_it_reaches(client, site):
    head = head_of(client, reverse("enquiries:contact"))
    assert head.one("og:title") == "Contact Us"
    assert head.one("og:description").startswith("How to reach ")


def test_a_draft_never_reaches_any_page_metadata(client, site):
    make_article(headline="Secret draft headline", published=False, section=site["section"])
    assert Article.objects.filter(headline="Secret draft headline").exists()
    for path in page_paths(site).values():
        head = head_of(client, path)
        assert "Secret draft headline" not in json.dumps(head.json_ld) + json.dumps(head.meta)


def test_a_reporters_preview_of_a_draft_tells_link_previews_nothing_of_the_story(client):
    reporter = make_reporter()
    draft = make_article(headline="Secret draft headline", published=False, authors=[reporter])
    client.force_login(reporter.user)
    head = head_of(client, reverse("articles:story-preview", kwargs={"pk": draft.pk}))
    assert head.json_ld == []
    assert head.one("og:title") == "Brahmaputra Times"
    assert "Secret draft headline" not in json.dumps(head.meta)
