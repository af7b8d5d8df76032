"""The one allow-list for story HTML: whoever wrote a story, this is all a reader gets."""

import re

import nh3
from django.utils.html import linebreaks

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
