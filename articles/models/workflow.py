"""The editorial history of a story: one row per workflow transition (articles/services.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.stories import Article


class ArticleTransition(models.Model):
    """Who moved a story from which state to which, when, and the note they left."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("story"))
    from_status = models.CharField(_("from"), max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Article.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_transitions",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow history")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["article", "created_at"], name="transition_article_created")]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"
