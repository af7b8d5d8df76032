"""Stories in English and Assamese: both URLs, the toggle, the fallback and out-of-date notices,
lang and hreflang, reading time and dates per language, and the admin editing a translation."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, ArticleTranslationState
from articles.tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.django_db

ASSAMESE_HEADLINE = "গুৱাহাটীত নতুন দলং মুকলি"
ASSAMESE_BODY = "<p>ব্ৰহ্মপুত্ৰৰ ওপৰত নিৰ্মিত নতুন দলংখন আজি ৰাইজৰ বাবে মুকলি কৰা হয়।</p>"


def translated_story(**extra):
    return make_article(
        headline="New bridge opens in Guwahati",
        body="<p>The new bridge over the Brahmaputra opened to the public today.</p>",
        headline_as=ASSAMESE_HEADLINE,
        summary_as="দলংখনে যাত্ৰাৰ সময় আধালৈ কমাব।",
        body_as=ASSAMESE_BODY,
        **extra,
    )


def edit_original(article, **fields):
    """Edit the English text a little later than the translation was made."""
    article = Article.objects.get(pk=article.pk)
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()
    return article


def back_date_states(article, by=timedelta(minutes=5)):
    """Make the story's translations look as if they were last touched a while ago."""
    earlier = timezone.now() - by
    ArticleTranslationState.objects.filter(article=article).update(updated_at=earlier)
    Article.objects.filter(pk=article.pk).update(original_updated_at=earlier)


def english_url(article):
    with translation.override("en"):
        return article.get_absolute_url()


def assamese_url(article):
    with translation.override("as"):
        return article.get_absolute_url()


def tag_attrs(html, tag, **match):
    """The attributes of every `tag` in `html` whose attributes include `match`."""

    class Finder(HTMLParser):
        found = []

        def handle_starttag(self, name, attrs):
            attrs = dict(attrs)
            if name == tag and all(attrs.get(key) == value for key, value in match.items()):
                self.found.append(attrs)

    finder = Finder()
    finder.found = []
    finder.feed(html)
    return finder.found


# --- Translation state ---------------------------------------------------------------------


def test_story_written_with_its_translation_is_not_out_of_date():
    article = translated_story()
    assert article.available_languages() == ["en", "as"]
    assert not article.is_translation_outdated("as")
    assert not Article.objects.translation_outdated().exists()


def test_editing_the_original_after_the_translation_makes_it_out_of_date():
    article = translated_story()
    back_date_states(article)
    article = edit_original(article, body_en="<p>The new bridge opened to the public today, a week late.</p>")
    assert article.is_translation_outdated("as")
    assert list(Article.objects.translation_outdated()) == [article]
    assert list(Article.objects.translation_outdated(language="as")) == [article]
    assert not Article.objects.translation_current().filter(pk=article.pk).exists()


def test_updating_the_translation_brings_it_up_to_date_again():
    article = translated_story()
    back_date_states(article)
    edit_original(article, headline_en="New bridge opens in Guwahati a week late")
    article = edit_original(article, headline_as="এসপ্তাহ পলমকৈ গুৱাহাটীত নতুন দলং মুকলি")
    assert not article.is_translation_outdated("as")
    assert not Article.objects.translation_outdated().exists()


def test_saving_without_changing_the_text_leaves_the_translation_up_to_date():
    article = translated_story()
    back_date_states(article)
    article = edit_original(article, is_featured=True, photo_credit="Desk")
    assert not article.is_translation_outdated("as")
    article.view_count = 5
    article.save(update_fields=["view_count"])
    assert not Article.objects.translation_outdated().exists()


def test_original_edit_saved_with_update_fields_still_counts():
    article = translated_story()
    back_date_states(article)
    article = Article.objects.get(pk=article.pk)
    article.headline_en = "New bridge opens in Guwahati after delay"
    article.save(update_fields=["headline_en"])
    assert Article.objects.translation_outdated().get() == article


def test_story_with_no_translation_is_never_out_of_date():
    article = make_article(headline="Only in English")
    edit_original(article, body_en="<p>Edited.</p>")
    assert article.available_languages() == ["en"]
    assert not Article.objects.translation_outdated().exists()


def test_removing_a_translation_forgets_its_state():
    article = translated_story()
    edit_original(article, headline_as="", body_as="")
    assert not ArticleTranslationState.objects.filter(article=article).exists()


def test_a_language_needs_headline_and_body_to_be_available():
    article = make_article(headline="Half translated", headline_as="আধা অনুবাদ")
    assert article.available_languages() == ["en"]
    assert not article.has_language("as")


# --- The two URLs, lang and the toggle ----------------------------------------------------


def test_translated_story_has_an_english_and_an_assamese_url(client):
    article = translated_story()
    assert english_url(article) == f"/news/{article.slug}/"
    assert assamese_url(article) == f"/as/news/{article.slug}/"

    english = client.get(english_url(article)).content.decode()
    assamese = client.get(assamese_url(article)).content.decode()

    assert "New bridge opens in Guwahati" in english and ASSAMESE_HEADLINE not in english
    assert ASSAMESE_HEADLINE in assamese and "ব্ৰহ্মপুত্ৰৰ ওপৰত নিৰ্মিত" in assamese
    assert '<html lang="en">' in english
    assert '<html lang="as">' in assamese
    assert tag_attrs(english, "div", **{"class": "story-body", "lang": "en"})
    assert tag_attrs(assamese, "div", **{"class": "story-body", "lang": "as"})
    assert tag_attrs(assamese, "h1", lang="as")


def test_english_page_offers_the_assamese_version_in_assamese(client):
    article = translated_story()
    html = client.get(english_url(article)).content.decode()
    links = tag_attrs(html, "a", href=assamese_url(article), hreflang="as")
    assert any(link.get("lang") == "as" for link in links)
    assert "অসমীয়াত পঢ়ক" in html


def test_assamese_page_offers_the_english_version_in_english(client):
    article = translated_story()
    html = client.get(assamese_url(article)).content.decode()
    toggle = re.search(r'<nav class="translation-toggle.*?</nav>', html, re.S).group(0)
    assert f'href="{english_url(article)}"' in toggle
    assert 'lang="en"' in toggle and 'hreflang="en"' in toggle
    assert "Read in English" in toggle


def test_untranslated_story_offers_no_translation_toggle(client):
    article = make_article(headline="Only in English")
    html = client.get(english_url(article)).content.decode()
    assert "translation-toggle" not in html
    assert "অসমীয়াত পঢ়ক" not in html


def test_untranslated_story_in_assamese_shows_the_original_with_a_notice(client):
    article = make_article(headline="Only in English", body="<p>English words only.</p>")
    response = client.get(assamese_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="as">' in html
    assert "Only in English" in html and "English words only." in html
    assert tag_attrs(html, "div", **{"class": "story-body", "lang": "en"})
    assert tag_attrs(html, "h1", lang="en")
    notice = re.search(r'<p class="alert alert-info translation-notice" lang="as">(.*?)</p>', html, re.S)
    assert notice, "the Assamese page says the story is not translated"
    assert "অনুবাদ" in notice.group(1)  # written in Assamese


def test_english_page_of_an_untranslated_story_has_no_notice(client):
    article = make_article(headline="Only in English")
    html = client.get(english_url(article)).content.decode()
    assert "translation-notice" not in html


def test_translation_older_than_the_original_says_it_may_be_out_of_date(client):
    article = translated_story()
    back_date_states(article)
    edit_original(article, body_en="<p>The bridge opened, and the toll was dropped.</p>")

    assamese = client.get(assamese_url(article)).content.decode()
    english = client.get(english_url(article)).content.decode()

    notice = re.search(r'<p class="[^"]*translation-outdated[^"]*" lang="as">(.*?)</p>', assamese, re.S)
    assert notice, "the Assamese page warns that the translation may be out of date"
    assert f'href="{english_url(article)}"' in notice.group(1)
    assert "translation-outdated" not in english


def test_up_to_date_translation_shows_no_out_of_date_notice(client):
    article = translated_story()
    html = client.get(assamese_url(article)).content.decode()
    assert "translation-outdated" not in html


# --- Reading time and dates per language --------------------------------------------------


def test_reading_time_counts_the_words_of_the_language_shown(client):
    article = make_article(
        headline="Long in English",
        body="<p>" + "word " * 1000 + "</p>",
        headline_as="অসমীয়াত চুটি",
        body_as="<p>" + "শব্দ " * 200 + "</p>",
    )
    with translation.override("en"):
        assert article.reading_time() == 5
    with translation.override("as"):
        assert article.reading_time() == 1


def test_reading_time_of_an_untranslated_story_uses_the_original():
    article = make_article(headline="English only", body="<p>" + "word " * 600 + "</p>")
    with translation.override("as"):
        assert article.reading_time() == 3


def test_assamese_story_page_shows_assamese_month_names(client):
    published = datetime(2026, 11, 15, 10, 30, tzinfo=ZoneInfo("Asia/Kolkata"))
    article = translated_story(published_at=published)
    assamese = client.get(assamese_url(article)).content.decode()
    english = client.get(english_url(article)).content.decode()
    assert "১৫ নৱেম্বৰ ২০২৬" in assamese  # Assamese digits for readers (newsroom/shared/numerals.py)
    assert "November" not in assamese
    assert "15 November 2026" in english


def test_assamese_date_formats_name_the_month_in_assamese():
    from django.utils.formats import date_format

    day = datetime(2026, 1, 26, 9, 5)
    with translation.override("as"):
        assert date_format(day, "DATE_FORMAT") == "26 জানুৱাৰী 2026"
        assert date_format(day, "DATETIME_FORMAT") == "26 জানুৱাৰী 2026, 9:05 পূৰ্বাহ্ন"
    with translation.override("en"):
        assert date_format(day, "DATE_FORMAT") == "26 January 2026"
        assert date_format(day, "DATETIME_FORMAT") == "26 January 2026, 9:05 AM"


# --- The admin: the original and the translation side by side ----------------------------


class FormFields(HTMLParser):
    """What a browser would post for a form: every named field with its current value."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select, self._selected_any = {}, None, None, False

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self._add(name, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea and self.data[self._textarea][-1].startswith("\n"):
                self.data[self._textarea][-1] = self.data[self._textarea][-1][1:]
            self._textarea = None
        elif tag == "select":
            self._select = None


def change_form_data(html):
    form = re.search(r'<form [^>]*id="article_form".*?</form>', html, re.S).group(0)
    parser = FormFields()
    parser.feed(form)
    return {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}


@pytest.fixture
def editor(client, settings):
    settings.STAFF_REQUIRE_2FA = False
    user = make_user(email="editor@example.com", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=["change_article", "view_article"])
    )
    client.force_login(user)
    return user


def test_admin_story_form_shows_original_and_translation_side_by_side(client, editor):
    article = translated_story()
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    english = re.search(r'<fieldset class="[^"]*translation-column-en[^"]*".*?</fieldset>', html, re.S).group(0)
    assamese = re.search(r'<fieldset class="[^"]*translation-column-as[^"]*".*?</fieldset>', html, re.S).group(0)
    for field in ("headline", "summary", "body", "photo_caption", "photo_alt"):
        assert f'name="{field}_en"' in english
        assert f'name="{field}_as"' in assamese
    assert 'lang="as"' in assamese
    assert ASSAMESE_HEADLINE in assamese
    assert "css/admin_translation.css" in html


def test_editor_edits_the_translation_of_a_published_story_in_the_admin(client, editor):
    article = translated_story(section=make_section(name="Guwahati"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(client.get(url).content.decode())
    data["headline_as"] = "গুৱাহাটীত ব্ৰহ্মপুত্ৰৰ ওপৰত নতুন দলং মুকলি"
    data["_save"] = "Save"

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.headline_as == "গুৱাহাটীত ব্ৰহ্মপুত্ৰৰ ওপৰত নতুন দলং মুকলি"
    assert article.headline_en == "New bridge opens in Guwahati"
    assert article.status == Article.Status.PUBLISHED
    client.logout()
    assert "গুৱাহাটীত ব্ৰহ্মপুত্ৰৰ ওপৰত নতুন দলং মুকলি" in client.get(assamese_url(article)).content.decode()


def test_editor_adds_a_translation_to_a_published_story_in_the_admin(client, editor):
    article = make_article(headline="Tea auction prices rise", body="<p>Prices rose at the Guwahati auction.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(client.get(url).content.decode())
    data.update(headline_as="চাহ নিলামত দাম বৃদ্ধি", body_as="<p>গুৱাহাটী নিলামত দাম বাঢ়িল।</p>", _save="Save")

    assert client.post(url, data).status_code == 302
    client.logout()
    html = client.get(assamese_url(article)).content.decode()
    assert "চাহ নিলামত দাম বৃদ্ধি" in html
    assert "translation-notice" not in html


def test_admin_lists_stories_whose_translation_is_out_of_date(client, editor):
    stale = translated_story()
    back_date_states(stale)
    edit_original(stale, headline_en="New bridge opens in Guwahati, a week late")
    fresh = make_article(headline="Fresh story", headline_as="নতুন বাতৰি", body_as="<p>নতুন।</p>")

    url = reverse("admin:articles_article_changelist")
    listed = client.get(url, {"translation_outdated": "yes"}).content.decode()
    assert "a week late" in listed and "Fresh story" not in listed
    current = client.get(url, {"translation_outdated": "no"}).content.decode()
    assert "Fresh story" in current and "a week late" not in current
    assert fresh.available_languages() == ["en", "as"]
    everything = client.get(url).content.decode()
    assert "Assamese (out of date)" in everything  # the list's languages column


def test_admin_section_form_shows_both_languages_side_by_side(client, editor):
    editor.user_permissions.add(Permission.objects.get(codename="change_section"))
    section = make_section(name="Culture", name_as="সংস্কৃতি")
    html = client.get(reverse("admin:articles_section_change", args=[section.pk])).content.decode()
    assamese = re.search(r'<fieldset class="[^"]*translation-column-as[^"]*".*?</fieldset>', html, re.S).group(0)
    assert 'name="name_as"' in assamese and 'name="description_as"' in assamese and "সংস্কৃতি" in assamese


def test_editor_marks_translations_up_to_date_from_the_list(client, editor):
    stale = translated_story()
    back_date_states(stale)
    edit_original(stale, headline_en="New bridge opens in Guwahati, a week late")
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "mark_translations_current", "_selected_action": [stale.pk]},
    )
    assert response.status_code == 302
    assert not Article.objects.translation_outdated().exists()


# --- Search engines, feeds and search across languages ------------------------------------


def head_links(html):
    head = html.split("</head>")[0]
    canonical = tag_attrs(head, "link", rel="canonical")[0]["href"]
    alternates = {
        link["hreflang"]: link["href"] for link in tag_attrs(head, "link", rel="alternate") if "hreflang" in link
    }
    return canonical, alternates


def test_translated_story_pages_name_each_other_with_hreflang_and_x_default(client):
    article = translated_story()
    english = "http://testserver" + english_url(article)
    assamese = "http://testserver" + assamese_url(article)
    for url in (english, assamese):
        canonical, alternates = head_links(client.get(url).content.decode())
        assert canonical == url
        assert alternates == {"en": english, "as": assamese, "x-default": english}


def test_untranslated_story_points_search_engines_to_its_original(client):
    article = make_article(headline="Only in English")
    english = "http://testserver" + english_url(article)
    for url in (english_url(article), assamese_url(article)):
        canonical, alternates = head_links(client.get(url).content.decode())
        assert canonical == english  # the Assamese address only shows the original
        assert alternates == {"en": english, "x-default": english}


def test_shared_story_previews_name_the_language_the_text_is_in(client):
    untranslated = make_article(headline="Only in English")
    translated = translated_story()
    assert 'property="og:locale" content="en_IN"' in client.get(assamese_url(untranslated)).content.decode()
    assert 'property="og:locale" content="as_IN"' in client.get(assamese_url(translated)).content.decode()
    assert 'property="og:locale" content="en_IN"' in client.get(english_url(translated)).content.decode()


def test_sitemap_lists_each_story_in_the_languages_it_is_written_in(client):
    import xml.etree.ElementTree as ET

    translated = translated_story()
    untranslated = make_article(headline="Only in English")
    root = ET.fromstring(client.get("/sitemap-stories.xml").content)  # noqa: S314 - our own output
    sm, xhtml = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}"
    entries = {
        url.findtext(f"{sm}loc"): {link.get("hreflang"): link.get("href") for link in url.findall(f"{xhtml}link")}
        for url in root.findall(f"{sm}url")
    }
    base = "http://testserver"
    both = {
        "en": base + english_url(translated),
        "as": base + assamese_url(translated),
        "x-default": base + english_url(translated),
    }
    assert entries[base + english_url(translated)] == both
    assert entries[base + assamese_url(translated)] == both
    assert entries[base + english_url(untranslated)] == {
        "en": base + english_url(untranslated),
        "x-default": base + english_url(untranslated),
    }
    assert base + assamese_url(untranslated) not in entries


def test_search_on_the_assamese_site_finds_a_story_by_an_assamese_word(client):
    article = translated_story()
    make_article(headline="Cricket news", headline_as="ক্ৰিকেটৰ বাতৰি", body_as="<p>খেল।</p>")
    response = client.get("/as/search/", {"q": "দলংখন"})
    html = response.content.decode()
    assert [found.pk for found in response.context["object_list"]] == [article.pk]
    assert ASSAMESE_HEADLINE in html and "ক্ৰিকেটৰ বাতৰি" not in html
    assert '<html lang="as">' in html


def test_feeds_exist_per_language(client):
    translated_story()
    english = client.get("/feeds/rss/")
    assamese = client.get("/as/feeds/rss/")
    assert english.status_code == assamese.status_code == 200
    assert "New bridge opens in Guwahati" in english.content.decode()
    assert ASSAMESE_HEADLINE in assamese.content.decode()
    assert "/as/news/" in assamese.content.decode() and "/as/news/" not in english.content.decode()


def test_story_lists_on_the_assamese_site_mark_untranslated_headlines_as_english(client):
    translated = translated_story()
    make_article(headline="Only in English", section=translated.section)
    html = client.get(assamese_url(translated.section)).content.decode()
    headings = re.findall(r'<h\d class="h6 mb-1" lang="(\w+)"><a [^>]*>([^<]+)</a>', html)
    assert ("as", ASSAMESE_HEADLINE) in headings and ("en", "Only in English") in headings


def test_translation_state_follows_the_text_even_on_a_story_loaded_with_language_flags():
    article = Article.objects.with_available_languages().get(pk=translated_story().pk)
    assert article.has_language("as")
    article.headline_as, article.body_as = "", ""
    article.save()
    assert not ArticleTranslationState.objects.filter(article=article).exists()
    assert Article.objects.with_available_languages().get(pk=article.pk).has_language_as is False


def test_out_of_date_notice_appears_on_a_cached_assamese_page_once_the_original_is_edited(client):
    article = translated_story()
    back_date_states(article)
    assert "translation-outdated" not in client.get(assamese_url(article)).content.decode()  # now cached
    edit_original(article, body_en="<p>The bridge opened, and the toll was dropped.</p>")
    assert "translation-outdated" in client.get(assamese_url(article)).content.decode()
    Article.objects.get(pk=article.pk).mark_translations_current()
    assert "translation-outdated" not in client.get(assamese_url(article)).content.decode()


def test_admin_story_form_says_which_translation_is_out_of_date(client, editor):
    article = translated_story()
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert "translation-outdated" not in client.get(url).content.decode()
    back_date_states(article)
    edit_original(article, headline_en="New bridge opens in Guwahati, a week late")
    html = client.get(url).content.decode()
    assamese = re.search(r'<fieldset class="[^"]*translation-column-as[^"]*".*?</fieldset>', html, re.S).group(0)
    assert "translation-outdated" in assamese and "check the translation" in assamese
