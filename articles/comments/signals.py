"""What the comments unit tells the rest of the site, and how it keeps each story's count.

`comments_changed` is sent after the transaction commits whenever the comments readers see under
stories change (one approved, removed, marked as spam or deleted); newsroom/page_changes.py
connects it to the page cache. Stories know nothing of comments: each story's `comment_count`
(the number its cards show) is kept here, recounted whenever one of its comments is saved or deleted.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

# Sent with article_ids: the stories whose visible comments changed.
comments_changed = Signal()


def announce(article_ids):
    """Send comments_changed once the current transaction commits (at once outside one)."""
    article_ids = sorted(set(article_ids))
    transaction.on_commit(lambda: comments_changed.send(sender=announce, article_ids=article_ids))


def recount_after_save(sender, instance, **kwargs):
    from articles.comments.models import Comment

    Comment.objects.recount_stories([instance.article_id])


def recount_and_announce_after_delete(sender, instance, **kwargs):
    from articles.comments.models import Comment

    Comment.objects.recount_stories([instance.article_id])
    if instance.status == Comment.Status.APPROVED:
        announce([instance.article_id])


def connect():
    from articles.comments.models import Comment

    post_save.connect(recount_after_save, sender=Comment, dispatch_uid="comments-recount-save")
    post_delete.connect(recount_and_announce_after_delete, sender=Comment, dispatch_uid="comments-recount-delete")
