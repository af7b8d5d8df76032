"""The languages of a story on its page: the toggle to the other versions and the notices."""

from django import template
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from articles.metadata import story_canonical_url

register = template.Library()


def language_name(code):
    """The language's name in the language of the page ("ইংৰাজী" on an Assamese page)."""
    return get_language_info(code)["name_translated"]


def version_of(article, code):
    """A link to the story in `code`, labelled in that language ("অসমীয়াত পঢ়ক", "Read in English")."""
    with translation.override(code):
        return {
            "code": code,
            "url": article.get_absolute_url(),
            "label": _("Read in %(language)s") % {"language": get_language_info(code)["name_local"]},
        }


@register.simple_tag(takes_context=True)
def story_languages(context, article):
    """What the article page needs to say about languages.

    - `versions`: the story in each other language it is written in (the toggle);
    - `text_language`: the language of the text shown (the original when not translated);
    - `is_fallback`: the reader's language has no translation, the original is shown;
    - `is_outdated`: the translation shown is older than the original's last edit.
    """
    page_language = translation.get_language()
    text_language = article.text_language
    return {
        "page_language": page_language,
        "text_language": text_language,
        "versions": [version_of(article, code) for code in article.available_languages() if code != page_language],
        "is_fallback": text_language != page_language,
        "is_outdated": article.is_translation_outdated(page_language),
        "page_language_name": language_name(page_language),
        "text_language_name": language_name(text_language),
        "original_url": version_of(article, article.original_language())["url"],
        "original_language_name": language_name(article.original_language()),
    }


@register.simple_tag(takes_context=True)
def story_alternates(context, article):
    """The story's addresses for search engines: one per language it is written in, x-default
    (the original) and the canonical address (the original, when this page only falls back to it)."""
    request = context["request"]
    links = [
        {"code": code, "url": request.build_absolute_uri(version_of(article, code)["url"])}
        for code in article.available_languages()
    ]
    return {
        "links": links,
        "x_default": request.build_absolute_uri(version_of(article, article.original_language())["url"]),
        "canonical": story_canonical_url(request, article),
    }
