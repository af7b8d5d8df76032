"""The Assamese catalogue: complete, faithful to its placeholders, compiled and used by the site."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

PROJECT_DIR = Path(__file__).resolve().parents[2]
PO_PATH = PROJECT_DIR / "locale" / "as" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
MAKEMESSAGES = ["makemessages", "-l", "as", "--no-obsolete", "--ignore=.venv", "--ignore=staticfiles", "--ignore=media"]
# %(name)s, %s, %d, {name}, {{ name }} and HTML tags must come through a translation unchanged.
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[sdrif]|%[sdrif]|\{\{ ?[\w.]+ ?\}\}|\{[\w.]*\}|</?(?:a|abbr|b|br|code|em|i|p|span|strong)\b[^>]*>"
)
BENGALI_SCRIPT = re.compile(r"[\u0980-\u09ff]")


def describe(entry):
    where = entry.occurrences[0][0] if entry.occurrences else "?"
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{context}{entry.msgid!r} ({where})"


def untranslated(catalogue):
    return [describe(entry) for entry in catalogue if not entry.obsolete and not entry.translated()]


def fuzzy(catalogue):
    return [describe(entry) for entry in catalogue if not entry.obsolete and "fuzzy" in entry.flags]


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO_PATH))


def test_catalogue_has_no_untranslated_entry(catalogue):
    assert len(catalogue) > 100
    assert untranslated(catalogue) == []


def test_catalogue_has_no_fuzzy_entry(catalogue):
    assert fuzzy(catalogue) == []


def test_catalogue_declares_assamese_and_its_plural_forms(catalogue):
    assert catalogue.metadata["Language"] == "as"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_translations_keep_every_placeholder_and_tag(catalogue):
    broken = []
    for entry in catalogue:
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [(entry.msgid if n == 0 else entry.msgid_plural, text) for n, text in entry.msgstr_plural.items()]
        for source, text in pairs:
            if text and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                broken.append(f"{describe(entry)} → {text!r}")
    assert broken == []


def test_translations_are_written_in_assamese(catalogue):
    """A msgstr copied from the msgid is not a translation (symbols and names excepted)."""
    copied = [
        describe(entry)
        for entry in catalogue
        if entry.msgstr and entry.msgstr == entry.msgid and re.search(r"[A-Za-z]{4,}", PLACEHOLDER.sub("", entry.msgid))
    ]
    assert copied == []
    assert any(BENGALI_SCRIPT.search(entry.msgstr) for entry in catalogue)


def test_every_string_in_the_code_is_in_the_catalogue_and_translated(tmp_path):
    """Run makemessages on a copy of the project: nothing new, untranslated or fuzzy may appear.

    This catches a string added to a template or module after the catalogue was last updated.
    """
    copy = tmp_path / "project"
    shutil.copytree(
        PROJECT_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "media", "staticfiles", "node_modules", "__pycache__", "*.sqlite3", "*.mo", "test-results"
        ),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsroom.settings", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(copy / "locale" / "as" / "LC_MESSAGES" / "django.po"))
    missing = untranslated(extracted) + fuzzy(extracted)
    assert missing == [], "new strings: run makemessages (README, Translations), translate them, then make messages"


def test_compiled_catalogue_is_up_to_date_with_the_po_file():
    assert MO_PATH.exists(), "locale/as/LC_MESSAGES/django.mo is missing: run `make messages`"
    assert MO_PATH.stat().st_mtime >= PO_PATH.stat().st_mtime, "django.mo is older than django.po: run `make messages`"


def test_django_own_strings_are_translated_by_our_catalogue():
    with translation.override("as"):
        assert translation.gettext("This field is required.") == "এই ঘৰটো পূৰণ কৰাটো বাধ্যতামূলক।"
        assert translation.pgettext("abbrev. month", "Jan.") == "জানু."
        assert translation.gettext("Enter a valid email address.") == "এটা শুদ্ধ ই-মেইল ঠিকনা দিয়ক।"
    with translation.override("en"):
        assert translation.gettext("This field is required.") == "This field is required."


JS_PO_PATH = PO_PATH.with_name("djangojs.po")


def test_the_admins_javascript_catalogue_is_complete_and_in_assamese():
    """The calendar, clock and filter widgets of the desk: every msgid of Django's admin JavaScript."""
    django_admin = Path(__import__("django").__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
    wanted = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(django_admin))}
    ours = polib.pofile(str(JS_PO_PATH))
    assert {(entry.msgctxt, entry.msgid) for entry in ours} >= wanted
    assert untranslated(ours) == [] and fuzzy(ours) == []
    assert all(BENGALI_SCRIPT.search(entry.msgstr or entry.msgstr_plural[0]) for entry in ours)


@pytest.mark.django_db
def test_the_desk_calendar_speaks_assamese(client):
    from accounts.tests.factories import make_editor

    client.force_login(make_editor())

    def catalogue(url):
        response = client.get(url)
        assert response.status_code == 200
        found = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)
        return json.loads(found.group(1)) if found else {}

    assamese = catalogue("/as/admin/jsi18n/")
    assert (assamese["January"], assamese["Today"], assamese["Choose a Time"]) == ("জানুৱাৰী", "আজি", "সময় বাছক")
    assert "January" not in catalogue("/admin/jsi18n/")  # English needs no catalogue


@pytest.mark.django_db
def test_assamese_pages_show_assamese_interface_text(client):
    english = client.get("/").content.decode()
    assamese = client.get("/as/").content.decode()
    assert '<html lang="as">' in assamese
    with translation.override("as"):
        search_label = translation.gettext("Search the news")
        contact = translation.gettext("Contact Us")
    assert BENGALI_SCRIPT.search(search_label) and BENGALI_SCRIPT.search(contact)
    assert search_label in assamese and contact in assamese
    assert "Search the news" in english and search_label not in english


def test_every_site_language_has_a_catalogue_or_is_the_default():
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            assert (PROJECT_DIR / "locale" / code / "LC_MESSAGES" / "django.po").exists(), code


@pytest.mark.django_db
def test_language_switcher_in_the_header_keeps_the_reader_on_the_same_page(client):
    from articles.tests.factories import make_section

    make_section(name="Assam", slug="assam", name_as="অসম")
    english = client.get("/section/assam/", {"page": "1"}).content.decode()
    assamese = client.get("/as/section/assam/", {"page": "1"}).content.decode()
    switcher = re.compile(r'<ul class="[^"]*language-switcher[^"]*"[^>]*>(.*?)</ul>', re.S)
    assert 'href="/as/section/assam/?page=1" lang="as" hreflang="as">অসমীয়া</a>' in switcher.search(english).group(1)
    assert 'href="/section/assam/?page=1" lang="en" hreflang="en">English</a>' in switcher.search(assamese).group(1)


@pytest.mark.django_db
def test_assamese_script_font_is_served_by_us_subset_and_swapped(client):
    # The reading site's one stylesheet (static/css/site.css, built into newsroom.css by `make css`).
    css = (PROJECT_DIR / "static" / "css" / "site.css").read_text()
    page = client.get("/as/").content.decode()
    assert "css/newsroom" in page
    assert re.search(r'<link rel="preload" href="[^"]*noto-serif-bengali-bengali-400-normal[^"]*" as="font"', page)
    faces = re.findall(r"@font-face\s*{(.*?)}", css, re.S)
    bengali = [face for face in faces if '"Noto Serif Bengali"' in face]
    assert bengali
    for face in bengali:
        assert "font-display: swap" in face
        assert "U+0980-09FE" in face  # the Bengali-Assamese block only: a subset
        font = re.search(r'url\("\.\./fonts/([^"]+\.woff2)"\)', face).group(1)
        data = (PROJECT_DIR / "static" / "fonts" / font).read_bytes()
        assert data[:4] == b"wOF2" and len(data) < 200_000
    assert re.search(r":lang\(as\)[^{]*{[^}]*Noto Serif Bengali", css)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)  # no font or image from another site
