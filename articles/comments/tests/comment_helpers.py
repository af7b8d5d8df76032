"""Small helpers shared by the comment tests (articles/comments/tests/)."""

import time

from django.urls import reverse

from articles.comments.models import Comment
from newsroom.shared.antispam import make_form_stamp


def comment_data(**overrides):
    """What a person's browser sends: the form as shown ten seconds ago, filled in."""
    return {
        "name": "Mridul Bora",
        "email": "mridul@example.com",
        "body": "A fair report. The bridge was long overdue.",
        "website": "",
        "form_stamp": make_form_stamp(time.time() - 10),
        **overrides,
    }


def report_data(**overrides):
    return {"reason": "abuse", "website": "", "form_stamp": make_form_stamp(time.time() - 10), **overrides}


def post_url(article):
    return reverse("comments:post", kwargs={"slug": article.slug})


def report_url(comment):
    return reverse("comments:report", kwargs={"pk": comment.pk})


def make_comment(article, *, status=Comment.Status.APPROVED, **fields):
    """A comment saved directly (as if posted and moderated earlier)."""
    n = Comment.objects.count() + 1
    fields.setdefault("name", f"Reader {n}")
    fields.setdefault("email", f"reader{n}@example.com")
    fields.setdefault("body", f"Comment number {n} on this story.")
    if status == Comment.Status.REMOVED:
        fields.setdefault("removed_at", fields.get("created_at") or article.published_at)
    return Comment.objects.create(article=article, status=status, **fields)
