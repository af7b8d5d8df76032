import re
from html import unescape as html_unescape

import pytest
from django.urls import reverse

from articles.models import Article, Section
from articles.tests.factories import make_article, make_reporter, make_section, make_tag, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, settings):
    settings.STAFF_REQUIRE_2FA = False
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_story_list_has_columns_filters_search_and_date_hierarchy(editor_client):
    reporter = make_reporter(full_name="Anjali Baruah")
    make_article(headline="Flood waters recede", authors=[reporter])
    make_article(headline="Tea prices rise", published=False)
    url = reverse("admin:articles_article_changelist")
    html = editor_client.get(url).content.decode()
    for column in ("column-headline", "column-section", "column-status", "column-published_at", "column-byline"):
        assert column in html
    assert "Anjali Baruah" in html
    for filter_title in ("By status", "By section", "By authors", "By published at"):
        assert filter_title in html
    assert '<nav class="toplinks">' in html  # the date hierarchy

    found = editor_client.get(url, {"q": "flood"}).content.decode()
    assert "Flood waters recede" in found and "Tea prices rise" not in found
    by_author = editor_client.get(url, {"q": "Baruah"}).content.decode()
    assert "Flood waters recede" in by_author
    drafts = editor_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Tea prices rise" in drafts and "Flood waters recede" not in drafts


def test_story_list_runs_a_fixed_number_of_queries(editor_client, django_assert_max_num_queries):
    reporters = [make_reporter() for _ in range(3)]
    for _ in range(3):
        make_article(authors=reporters)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:articles_article_changelist")
    with CaptureQueriesContext(connection) as small:
        editor_client.get(url)
    for _ in range(20):
        make_article(authors=reporters, tags=[make_tag()])
    with django_assert_max_num_queries(len(small) + 2):  # a filter or two may gain a choice
        editor_client.get(url)


def test_story_form_has_every_language_autocomplete_prefilled_slug_and_photo_preview(
    editor_client, photo_bytes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the worker has made the renditions
        article = make_article(photo=photo_bytes(800, 450), authors=[make_reporter()])
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'name="headline_en"' in html and 'name="headline_as"' in html
    assert 'name="body_as"' in html
    assert "admin-autocomplete" in html and 'name="authors"' in html and 'name="tags"' in html
    prefill = html_unescape(re.search(r'data-prepopulated-fields="([^"]+)"', html).group(1))
    assert '"id": "#id_slug", "name": "slug", "dependency_ids": ["#id_headline_en"]' in prefill
    preview = re.search(r'<img src="([^"]+)"[^>]*class="photo-preview"', html)
    assert preview and preview.group(1).startswith("/media/CACHE/images/articles/")
    view_on_site = re.search(r'<a href="(/admin/r/\d+/\d+/)" class="viewsitelink">', html)
    assert view_on_site
    assert editor_client.get(view_on_site.group(1))["Location"].endswith(article.get_absolute_url())


def test_editors_write_every_languages_body_in_the_reporters_rich_text_editor(editor_client):
    article = make_article(authors=[make_reporter()])
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    for name in ("body_en", "body_as"):
        textarea = re.search(rf'<textarea[^>]*name="{name}"[^>]*>', html).group(0)
        assert "rich-text" in textarea and 'data-style-label="Paragraph style"' in textarea
    assert re.search(r'<script src="/static/vendor/quill/quill[^"]*\.js"', html)
    assert re.search(r'<script src="/static/js/story-editor[^"]*\.js"', html)
    assert re.search(r'<link href="/static/vendor/quill/quill\.snow[^"]*\.css"', html)


def test_what_an_editor_saves_in_the_body_passes_the_same_allow_list_as_a_reporters(editor_client):
    from tests.browser_forms import submission

    article = make_article(authors=[make_reporter()])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = submission(editor_client.get(url).content.decode(), form_id="article_form").post_data(button="_save")
    data["body_en"] = ['<p onclick="steal()">Kept <a href="javascript:alert(1)">link</a></p><script>x()</script>']

    assert editor_client.post(url, data).status_code == 302

    article.refresh_from_db()
    assert "Kept" in article.body_en
    for dangerous in ("onclick", "javascript:", "<script"):
        assert dangerous not in article.body_en


def test_author_autocomplete_finds_reporters_by_name(editor_client):
    make_reporter(full_name="Chandana Saikia")
    make_reporter(full_name="Bikash Gogoi")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "authors", "term": "Chandana"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Chandana Saikia"]


def test_sections_and_tags_are_editable_in_every_language(editor_client):
    response = editor_client.post(
        reverse("admin:articles_section_add"),
        {
            "name_en": "Environment",
            "name_as": "পৰিৱেশ",
            "slug": "environment",
            "description_en": "",
            "description_as": "",
            "order": 3,
            "show_in_navigation": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    section = Section.objects.get(slug="environment")
    assert section.name_as == "পৰিৱেশ"
    html = editor_client.get(reverse("admin:articles_tag_add")).content.decode()
    assert 'name="name_en"' in html and 'name="name_as"' in html


def test_section_list_counts_stories(editor_client):
    section = make_section(name="Sports")
    make_article(section=section)
    make_article(section=section)
    html = editor_client.get(reverse("admin:articles_section_changelist")).content.decode()
    assert re.search(r'class="field-story_count">2<', html)


def test_readers_cannot_open_the_story_admin(client):
    client.force_login(make_user())
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert Article.objects.count() == 0
