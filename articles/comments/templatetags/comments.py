"""Template tags of reader comments: the thread under a story, its forms, and safe comment text.

    {% load comments %}
    {% comment_thread article as thread %}   {# page of conversations, counts, the form, the reader's own comment #}
    {{ comment.body|comment_html }}          {# escaped plain text, links with rel="nofollow ugc noopener" #}

The story page is cached for anonymous readers, so nothing here may depend on who is reading
except through the query string (?posted=, ?reported=, ?reply=, ?comments=), and pages with a
query string are never served from the cache.
"""

from dataclasses import dataclass
from functools import cached_property

from django import template
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from articles.comments.forms import CommentForm, ReportForm
from articles.comments.models import Comment
from articles.comments.services import (
    POSTED_SALT,
    REPORTED_SALT,
    comments_open,
    unsign_comment_id,
)
from articles.comments.text import comment_body_html
from newsroom.shared.antispam import make_form_stamp
from newsroom.shared.fragments import cached_fragment, fragment_key

register = template.Library()


@register.filter(is_safe=True)
def comment_html(text):
    """A comment's plain text as HTML (articles/comments/text.py); saved comments carry it as body_html."""
    return comment_body_html(text)


# Stands in for the signed form stamp in the cached comment form; each page fills in its own.
STAMP_PLACEHOLDER = "form-stamp-filled-in-per-page"


@dataclass
class Thread:
    """The comments section of a story. What every reader sees the same (the page of conversations,
    the form for visitors) is kept as fragments keyed by the story's comments_version; `page` runs its
    queries only when the fragment is rendered anew."""

    article: object
    page_number: str
    is_open: bool
    form: CommentForm | None
    reply_to: Comment | None = None
    own_comment: Comment | None = None
    reported_id: int | None = None
    # A preview of a story not yet public: the section as readers will see it, with a form that sends nothing.
    is_preview: bool = False
    # A visitor (not logged in) replying to nobody: the form is the same for all of them.
    form_is_shared: bool = False

    @property
    def total(self):
        return self.article.comment_count

    @property
    def own_comment_is_held(self):
        return self.own_comment is not None and self.own_comment.status == Comment.Status.HELD

    @cached_property
    def page(self):
        """One page of conversations with their replies: one query when every approved comment fits
        on a page (most stories), else a count and two queries."""
        per_page = settings.COMMENTS_PER_PAGE
        if self.article.comment_count <= per_page:
            return Paginator(Comment.objects.whole_thread(self.article), per_page).get_page(1)
        paginator = Paginator(Comment.objects.thread(self.article), per_page)
        paginator.count = Comment.objects.conversation_count(self.article)
        return paginator.get_page(self.page_number)

    def list_html(self):
        """The page of conversations, kept until the story's comments change (comments_version)."""
        article = self.article
        key = fragment_key(
            "comment-list",
            article.pk,
            article.comments_version,
            self.page_number,
            int(self.is_open),
            translation.get_language(),
        )

        def make():
            return render_to_string("comments/list.html", {"thread": self, "article": article})

        return mark_safe(cached_fragment(key, make, settings.FRAGMENT_CACHE_SECONDS))  # noqa: S308 - our template

    def shared_form_html(self):
        """The visitors' form, rendered once per story and language; only its stamp is this page's own."""
        article = self.article
        key = fragment_key("comment-form", article.pk, article.slug, translation.get_language(), int(self.is_preview))

        def make():
            form = CommentForm(auto_id="id_comment_%s")
            form.initial["form_stamp"] = STAMP_PLACEHOLDER
            context = {"form": form, "article": article, "reply_to": None, "preview": self.is_preview}
            return render_to_string("comments/form.html", {**context, "user": AnonymousUser()})

        html = cached_fragment(key, make, settings.FRAGMENT_CACHE_SECONDS)
        return mark_safe(html.replace(STAMP_PLACEHOLDER, make_form_stamp()))  # noqa: S308 - our own template


@register.simple_tag(takes_context=True)
def comment_thread(context, article):
    """Everything the comments section of `article` shows. Nothing is fetched until a fragment
    needs it (Thread.page), apart from the reader's own ?posted= / ?reply= comment when the link
    carries one."""
    request = context.get("request")
    params = request.GET if request is not None else {}
    user = getattr(request, "user", None)
    visitor = user is None or not user.is_authenticated

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
        if not visitor or reply_to is not None:
            form = CommentForm(
                user=user,
                initial={"parent": reply_to.pk if reply_to else None},
                auto_id="id_comment_%s",
            )
    page_number = params.get("comments", "")
    return Thread(
        article=article,
        page_number=page_number if page_number.isdigit() else "1",
        is_open=is_open,
        form=form,
        reply_to=reply_to,
        own_comment=own_comment,
        reported_id=unsign_comment_id(params.get("reported"), REPORTED_SALT),
        is_preview=is_preview,
        form_is_shared=is_open and form is None,
    )


@register.simple_tag
def report_form_for(comment):
    """A small report form for one comment, with ids of its own so many can share a page."""
    return ReportForm(auto_id=f"id_report_{comment.pk}_%s")
