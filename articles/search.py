"""The reader's side of search: where the words matched (snippets) and, when nothing did, close spellings.

Finding the stories is `Article.objects.search()` (articles/models/stories.py); this only shapes
what the results page says about them. Snippets are plain text: the template escapes them and
marks the words (the `highlight` filter), so a story's text never becomes markup.
"""

import difflib
import html
import re

from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import Article, Section, Tag
from articles.models.stories import search_words
from articles.models.translations import site_languages

SNIPPET_BEFORE = 60  # characters of context before the first word found
SNIPPET_LENGTH = 220
SUGGESTION_HEADLINES = 300  # the newest headlines whose words may be suggested
SUGGESTIONS = 3


def plain_text(text):
    """HTML as the reader reads it: tags gone, entities as characters, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags((text or "").replace("<", " <"))).split())


def snippet(article, query):
    """The piece of the story's text (body, else summary) around the first word of `query` found there;
    the start of the summary when the words matched elsewhere (the headline, a tag, the section)."""
    words = [word.lower() for word in search_words(query)]
    summary = " ".join((article.summary or "").split())  # plain text already; only the body is HTML
    for text in (plain_text(article.body), summary):
        lower = text.lower()
        found = [position for position in (lower.find(word) for word in words) if position >= 0]
        if found:
            return excerpt(text, min(found))
    return Truncator(summary).words(30)


def excerpt(text, position):
    start = max(0, position - SNIPPET_BEFORE)
    if start:  # begin at a word
        space = text.find(" ", start, position)
        start = space + 1 if space >= 0 else position
    end = start + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", position, end)
        end = space if space > position else end
    piece = text[start:end].strip()
    return f"{'… ' if start else ''}{piece}{' …' if end < len(text) else ''}"


def vocabulary():
    """Words a reader may have meant: tag and section names in every language, and the words of the
    newest headlines. Lower case → as written. Three queries, whatever the size of the archive."""
    words = {}

    def add(text):
        if text:
            words.setdefault(text.lower(), text)

    name_fields = [f"name_{code}" for code in site_languages()]
    for names in Tag.objects.values_list(*name_fields):
        for name in names:
            add(name)
    for names in Section.objects.values_list(*name_fields):
        for name in names:
            add(name)
    headline_fields = [f"headline_{code}" for code in site_languages()]
    newest = Article.objects.published().order_by("-published_at", "-id")[:SUGGESTION_HEADLINES]
    for headlines in newest.values_list(*headline_fields):
        for headline in headlines:
            for word in re.findall(r"\w{3,}", headline or ""):
                add(word)
    return words


def suggestions(query):
    """Close spellings of `query` (difflib), best first: "flods" → "floods". Nothing when none are close."""
    words = search_words(query)
    if not words:
        return []
    known = vocabulary()
    candidates = list(known)
    options = []
    for word in words:
        lower = word.lower()
        matches = [] if lower in known else difflib.get_close_matches(lower, candidates, n=SUGGESTIONS, cutoff=0.75)
        options.append([known[match] for match in matches] or [word])
    if all(option == [word] for option, word in zip(options, words, strict=True)):
        return []
    if len(words) == 1:
        return options[0]
    return [" ".join(option[0] for option in options)]
