"""Template helpers of the reading pages: responsive photos, search highlights, share links."""

import logging
import re
from urllib.parse import quote

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.html import fold_story
from articles.models.stories import search_words
from articles.renditions import picture_for, portrait_for
from articles.search import snippet

register = template.Library()
logger = logging.getLogger(__name__)


def _safely(make, photo):
    """A missing or unreadable photo file costs the reader the photo, never the page."""
    try:
        return make()
    except (OSError, ValueError, SyntaxError) as error:
        logger.warning("Photo rendition failed for %s: %s", getattr(photo, "name", photo), error)
        return None


@register.inclusion_tag("includes/picture.html")
def story_picture(article, sizes="100vw", eager=False, max_width=1280, css_class="img-fluid"):
    """The lead photo of `article` as a <picture>: WebP and JPEG renditions, lazy unless `eager`."""
    return {
        "picture": _safely(
            lambda: picture_for(
                article.lead_photo,
                width=article.lead_photo_width,
                height=article.lead_photo_height,
                max_width=max_width,
            ),
            article.lead_photo,
        ),
        "alt": article.photo_alt or "",
        "sizes": sizes,
        "eager": eager,
        "priority": eager,  # the page's main photo: fetched first
        "css_class": css_class,
    }


@register.inclusion_tag("includes/picture.html")
def reporter_portrait(reporter, size=96, eager=False):
    """A reporter's photo as a small square <picture>; nothing when they have none."""
    return {
        "picture": _safely(lambda: portrait_for(reporter.photo, size=size), reporter.photo),
        "alt": "",
        "sizes": "",
        "eager": eager,
        "priority": False,
        "css_class": "reporter-portrait rounded-circle",
    }


@register.filter(needs_autoescape=True)
def highlight(text, query, autoescape=True):
    """Escape `text`, then wrap each word of the search `query` found in it in <mark>."""
    escaped = escape(text or "")
    words = sorted({escape(word) for word in search_words(query or "")}, key=len, reverse=True)
    if not words:
        return mark_safe(escaped)  # noqa: S308 - escaped just above
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escaped))  # noqa: S308


@register.filter
def urlquote(value):
    return quote(str(value), safe="")


@register.simple_tag
def story_fold(body):
    """The story body as (head, rest) for the phone's "Read more" (articles/html.py fold_story)."""
    head, rest = fold_story(body)
    return {"head": mark_safe(head), "rest": mark_safe(rest)}  # noqa: S308 (sanitised when saved)


@register.filter
def search_snippet(article, query):
    """Plain text of `article` around the words of `query` (articles/search.py); escape it with |highlight."""
    return snippet(article, query)
