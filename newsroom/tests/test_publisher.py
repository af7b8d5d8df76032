"""The publication's name, tagline and address in the reader's language (newsroom/shared/publisher.py)."""

import re

import pytest
from django.utils import translation

from newsroom.shared.publisher import publisher

pytestmark = pytest.mark.django_db

NAME_AS = "ব্ৰহ্মপুত্ৰ টাইমছ"
TAGLINE_AS = "অসম আৰু উত্তৰ-পূবৰ বাতৰি"


@pytest.fixture(autouse=True)
def _our_paper(settings):
    settings.PUBLISHER = {
        **settings.PUBLISHER,
        "name": "Brahmaputra Times",
        "tagline": "News from Assam and the North East",
        "address": "Panbazar, Guwahati 781001",
        "name_as": NAME_AS,
        "tagline_as": TAGLINE_AS,
        "address_as": "পানবজাৰ, গুৱাহাটী ৭৮১০০১",
    }


def masthead(html):
    return re.search(r'<span class="wordmark__name">(.*?)</span>', html).group(1)


def footer(html):
    return html.split("<footer")[1]


def test_the_assamese_site_names_the_paper_in_assamese_in_its_masthead_title_and_footer(client):
    html = client.get("/as/").content.decode()
    assert masthead(html) == NAME_AS
    assert f"<title>{NAME_AS}</title>" in html
    assert NAME_AS in footer(html) and TAGLINE_AS in footer(html)
    assert "পানবজাৰ, গুৱাহাটী ৭৮১০০১" in footer(html)
    assert "Brahmaputra Times" not in html and "News from Assam" not in html


def test_the_english_site_keeps_the_english_name(client):
    html = client.get("/").content.decode()
    assert masthead(html) == "Brahmaputra Times"
    assert "<title>Brahmaputra Times</title>" in html
    assert "News from Assam and the North East" in footer(html) and "Panbazar, Guwahati 781001" in footer(html)
    assert NAME_AS not in html


def test_without_an_assamese_version_the_assamese_site_shows_the_english_one(client, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "name_as": "", "tagline_as": "", "address_as": ""}
    html = client.get("/as/").content.decode()
    assert masthead(html) == "Brahmaputra Times"
    assert "News from Assam and the North East" in footer(html) and "Panbazar, Guwahati 781001" in footer(html)


def test_the_publisher_is_read_in_the_language_of_the_moment():
    with translation.override("as"):
        assert publisher["name"] == NAME_AS and publisher["email"] == publisher.get("email")
    with translation.override("en"):
        assert publisher["name"] == "Brahmaputra Times"
    assert publisher.get("no-such-detail", "-") == "-"


def test_the_assamese_feeds_carry_the_assamese_name(client):
    assert f"<title>{NAME_AS}</title>" in client.get("/as/feeds/rss/").content.decode()
    assert "<title>Brahmaputra Times</title>" in client.get("/feeds/rss/").content.decode()


def test_a_renamed_site_has_no_assamese_name_of_ours_until_it_writes_its_own(monkeypatch):
    from newsroom import settings as project_settings

    monkeypatch.setenv("PUBLISHER_NAME", "Test Gazette")
    assert project_settings._translation_of_ours("PUBLISHER_NAME", NAME_AS) == ""
    monkeypatch.delenv("PUBLISHER_NAME")
    assert project_settings._translation_of_ours("PUBLISHER_NAME", NAME_AS) == NAME_AS
