"""Template tags of reader comments: the thread under a story, its forms, and safe comment text.

    {% load comments %}
    {% comment_thread article as thread %}   {# page of conversations, counts, the form, the reader's own comment #}
    {{ comment.body|comment_html }}          {# escaped plain text, links with rel="nofollow ugc noopener" #}

The story page is cached for anonymous readers, so nothing here may depend on who is reading
except through the query string (?posted=, ?reported=, ?reply=, ?comments=), and pages with a
query string are never served from the cache.
"""

import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from articles.comments.forms import CommentForm, ReportForm
from articles.comments.models import Comment
from articles.comments.services import (
    POSTED_SALT,
    REPORTED_SALT,
    comments_open,
    unsign_comment_id,
)

register = template.Library()

LINK_REL = "nofollow ugc noopener"
_PARAGRAPHS = re.compile(r"\n\s*\n")


@register.filter(is_safe=True)
def comment_html(text):
    """A comment's plain text as HTML: everything escaped, web addresses made into links
    (rel="nofollow ugc noopener", opened in the same tab), paragraphs and line breaks kept.

    `urlize` escapes all the text and makes only http(s)/www addresses and e-mail addresses into
    links, so `javascript:` never becomes a link, and the only anchors in its output are its own.
    """
    linked = urlize(str(text or ""), trim_url_limit=60, nofollow=False, autoescape=True)
    linked = linked.replace("<a href=", f'<a rel="{LINK_REL}" href=')
    paragraphs = [p.strip().replace("\n", "<br>") for p in _PARAGRAPHS.split(linked.replace("\r\n", "\n")) if p.strip()]
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S308 - built from urlize's escaped output


@dataclass
class Thread:
    article: object
    page: Page
    total: int
    is_open: bool
    form: CommentForm | None
    reply_to: Comment | None = None
    own_comment: Comment | None = None
    reported_id: int | None = None
    # A preview of a story not yet public: the section as readers will see it, with a form that sends nothing.
    is_preview: bool = False

    @property
    def own_comment_is_held(self):
        return self.own_comment is not None and self.own_comment.status == Comment.Status.HELD


@register.simple_tag(takes_context=True)
def comment_thread(context, article):
    """Everything the comments section of `article` shows, in a fixed number of queries:
    one count, one page of conversations, one for all their replies (and one for each of the
    reader's own ?posted= / ?reply= comments when the link carries one)."""
    request = context.get("request")
    params = request.GET if request is not None else {}
    user = getattr(request, "user", None)

    counts = Comment.objects.counts_for(article)
    paginator = Paginator(Comment.objects.thread(article), settings.COMMENTS_PER_PAGE)
    paginator.count = counts["top_level"]  # known already: saves Paginator its own COUNT query
    page = paginator.get_page(params.get("comments"))

    own_comment = None
    posted_id = unsign_comment_id(params.get("posted"), POSTED_SALT)
    if posted_id is not None:
        own_comment = (
            Comment.objects.filter(pk=posted_id, article=article)
            .exclude(status__in=[Comment.Status.SPAM, Comment.Status.REMOVED])
            .select_related("parent")
            .first()
        )

    is_preview = bool(context.get("preview")) and not article.is_published
    is_open = comments_open(article) or (is_preview and article.comments_enabled)
    form = reply_to = None
    if is_open:
        reply_id = params.get("reply", "")
        if reply_id.isdigit():
            reply_to = Comment.objects.approved().top_level().filter(pk=int(reply_id), article=article).first()
        form = CommentForm(
            user=user,
            initial={"parent": reply_to.pk if reply_to else None},
            auto_id="id_comment_%s",
        )
    return Thread(
        article=article,
        page=page,
        total=counts["total"],
        is_open=is_open,
        form=form,
        reply_to=reply_to,
        own_comment=own_comment,
        reported_id=unsign_comment_id(params.get("reported"), REPORTED_SALT),
        is_preview=is_preview,
    )


@register.simple_tag
def report_form_for(comment):
    """A small report form for one comment, with ids of its own so many can share a page."""
    return ReportForm(auto_id=f"id_report_{comment.pk}_%s")
