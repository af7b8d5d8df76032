"""The one allow-list for story HTML: whoever wrote a story, this is all a reader gets."""

import re
from html.parser import HTMLParser

import nh3
from django.utils.html import linebreaks, strip_tags

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "hr",
    "sub",
    "sup",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "blockquote": {"cite"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# nh3 checks the scheme of href and src only; these attributes carry an address too.
URL_ATTRIBUTES = {"href", "src", "cite"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _only_safe_addresses(tag, attribute, value):
    """Drop an address attribute whose scheme is not http(s) or mailto (javascript:, data:, …)."""
    if attribute in URL_ATTRIBUTES:
        # Browsers ignore tabs, line breaks and NULs inside a scheme ("java\tscript:").
        match = _SCHEME.match(re.sub(r"[\x00-\x20]", "", value))
        if match and match.group(1).lower() not in ALLOWED_URL_SCHEMES:
            return None
    return value


# A body with none of these is text typed without the editor (bold or a link at most).
_BLOCK_TAG = re.compile(r"<(p|h[1-6]|ul|ol|li|blockquote|figure|hr|div|table|pre|br)\b", re.IGNORECASE)


def sanitise_html(html):
    """Keep the formatting a story needs; drop scripts, event handlers and javascript: links.

    Text with no paragraph or other block (typed into the plain box without JavaScript) keeps its
    paragraphs: a blank line starts one, a line break stays one; the allow-list then cleans it.
    """
    if not html:
        return ""
    if not _BLOCK_TAG.search(html):
        html = linebreaks(html.replace("\r\n", "\n").strip())
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_only_safe_addresses,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# A story folds on a phone after this many blocks (paragraphs, headings, quotes)…
FOLD_AFTER_BLOCKS = 3
# …when at least this many blocks and words come after them: a short story is never folded.
FOLD_MIN_BLOCKS_LEFT = 2
FOLD_MIN_WORDS = 150
_VOID_TAGS = {"br", "img", "hr"}


class _TopLevelBlocks(HTMLParser):
    """Where each top-level element of a (sanitised) story body ends, as offsets into the text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        for line in html.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self._depth = 0
        self.ends = []
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_TAGS:
            if self._depth == 0:
                self.ends.append(self._offset() + len(self.get_starttag_text()))
            return
        self._depth += 1

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS:
            return
        self._depth = max(0, self._depth - 1)
        if self._depth == 0:
            self.ends.append(self._offset() + len(f"</{tag}>"))


def fold_story(html):
    """(head, rest): a sanitised story body cut after its first few blocks, for the phone's "Read more".

    `rest` is empty when the story is too short to fold. Cut between top-level blocks only, so both
    halves are whole HTML.
    """
    html = html or ""
    ends = _TopLevelBlocks(html).ends
    words = len(strip_tags(html.replace("<", " <")).split())  # as articles.models.count_words
    if len(ends) < FOLD_AFTER_BLOCKS + FOLD_MIN_BLOCKS_LEFT or words < FOLD_MIN_WORDS:
        return html, ""
    cut = ends[FOLD_AFTER_BLOCKS - 1]
    head, rest = html[:cut], html[cut:]
    if not rest.strip():
        return html, ""
    return head, rest
