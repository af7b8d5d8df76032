"""Posting and reporting reader comments. The rules live in articles/comments/services.py.

Why these views are `csrf_exempt`, and why that is safe
-------------------------------------------------------
Anonymous readers get the story page from the full-page cache (articles/caching.py), shared by
everybody, so the forms on it cannot carry a per-reader CSRF token (and rendering one would set
a cookie and stop the page being cached). So:
- A logged-in reader (never served a cached page) gets `{% csrf_token %}` in the form, and here
  the view runs Django's own CSRF check (`csrf_protect`, i.e. CsrfViewMiddleware) itself: a
  forged cross-site POST from a logged-in reader's browser is refused with 403.
- An anonymous POST carries no session, but it does carry the reader's address: a page of another
  site must not make its visitors post from theirs. One the browser marks as sent from another
  site (Sec-Fetch-Site, Origin) is refused with the form-expired page. The rest are checked by the signed
  form stamp of newsroom/shared/antispam.py (which also binds the form to the time it was shown), the
  honeypot, the rate limits and moderation.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from articles.comments.forms import CommentForm, ReportForm
from articles.comments.models import Comment
from articles.comments.services import (
    POSTED_SALT,
    REPORTED_SALT,
    CommentRefused,
    comments_open,
    post_comment,
    report_comment,
    sign_comment_id,
)
from articles.models import Article
from newsroom.shared.antispam import posted_from_another_site
from newsroom.shared.clients import client_ip

_REFUSAL_STATUS = {"rate_limited": 429, "closed": 403}


def _back_to_story(comment, *, param, salt):
    query = urlencode({param: sign_comment_id(comment, salt)})
    return HttpResponseRedirect(f"{comment.article.get_absolute_url()}?{query}#comment-{comment.pk}")


def _csrf_for_logged_in(view):
    """Run `view` behind Django's CSRF check for logged-in readers only (see the module docstring)."""
    protected = csrf_protect(view)

    @csrf_exempt
    @require_POST
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return protected(request, *args, **kwargs)
        if posted_from_another_site(request):
            return import_string(settings.CSRF_FAILURE_VIEW)(request, reason="Posted from another site.")
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _post(request, slug):
    """A reader posts a comment (or a reply) under a published story."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = CommentForm(request.POST, user=request.user)
    status = 400
    closed = not comments_open(article)
    if closed:
        # Checked again by post_comment; here so the reader is told before anything else, and only
        # that: mistakes in a form they cannot send again are beside the point.
        form.errors.clear()
        form.add_error(None, _("Comments are closed on this story."))
        status = 403
    elif form.is_valid():
        data = form.cleaned_data
        try:
            parent = None
            if data.get("parent"):
                parent = Comment.objects.select_related("parent").filter(pk=data["parent"]).first()
                if parent is None:
                    raise CommentRefused(_("The comment you replied to is no longer available."), code="bad_parent")
            comment = post_comment(
                article=article,
                body=data["body"],
                name=data.get("name", ""),
                email=data.get("email", ""),
                user=request.user,
                parent=parent,
                ip_address=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
            )
        except CommentRefused as refusal:
            form.add_error(None, refusal.message)
            status = _REFUSAL_STATUS.get(refusal.code, 400)
            closed = refusal.code == "closed"
        except ValidationError as invalid:
            form.add_error(None, invalid.messages)
        else:
            return _back_to_story(comment, param="posted", salt=POSTED_SALT)
    context = {"article": article, "form": form, "closed": closed}
    return render(request, "comments/comment_form.html", context, status=status)


def _report(request, pk):
    """A reader reports a published comment to the moderators: the form (GET), then the report (POST)."""
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    if request.method != "POST":
        form = ReportForm(auto_id=f"id_report_{comment.pk}_%s")
        context = {"article": comment.article, "comment": comment, "form": form}
        return render(request, "comments/report_form.html", context)
    form = ReportForm(request.POST, auto_id=f"id_report_{comment.pk}_%s")
    status = 400
    if form.is_valid():
        try:
            report_comment(comment=comment, reason=form.cleaned_data["reason"], ip_address=client_ip(request))
        except CommentRefused as refusal:
            form.add_error(None, refusal.message)
            status = _REFUSAL_STATUS.get(refusal.code, 400)
        else:
            return _back_to_story(comment, param="reported", salt=REPORTED_SALT)
    return render(
        request,
        "comments/report_form.html",
        {"article": comment.article, "comment": comment, "form": form},
        status=status,
    )


_send_comment = _csrf_for_logged_in(_post)
_send_report = _csrf_for_logged_in(_report)


@csrf_exempt  # the POST is checked by _csrf_for_logged_in
@require_http_methods(["GET", "HEAD", "POST"])
def post(request, slug):
    """The comment itself (POST). The address opened again (back from the page of a refused comment,
    reloaded) leads to the story's comment form rather than an empty page."""
    if request.method == "POST":
        return _send_comment(request, slug)
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return HttpResponseRedirect(f"{article.get_absolute_url()}#comment-form")


@csrf_exempt  # the POST is checked by _csrf_for_logged_in, as for comments
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk):
    """The report page of one comment (GET) and the report itself (POST)."""
    if request.method == "POST":
        return _send_report(request, pk)
    return _report(request, pk)
