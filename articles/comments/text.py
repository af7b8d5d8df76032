"""A comment's plain text as the HTML readers see, made once when the comment is saved."""

import re

from django.utils.html import urlize
from django.utils.safestring import mark_safe

LINK_REL = "nofollow ugc noopener"
_PARAGRAPHS = re.compile(r"\n\s*\n")


def comment_body_html(text):
    """Everything escaped, web addresses made into links (rel="nofollow ugc noopener", opened in the
    same tab), paragraphs and line breaks kept.

    `urlize` escapes all the text and makes only http(s)/www addresses and e-mail addresses into
    links, so `javascript:` never becomes a link, and the only anchors in its output are its own.
    """
    linked = urlize(str(text or ""), trim_url_limit=60, nofollow=False, autoescape=True)
    linked = linked.replace("<a href=", f'<a rel="{LINK_REL}" href=')
    paragraphs = [p.strip().replace("\n", "<br>") for p in _PARAGRAPHS.split(linked.replace("\r\n", "\n")) if p.strip()]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S308 - built from urlize's escaped output
