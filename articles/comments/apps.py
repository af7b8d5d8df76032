from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Readers' comments under stories: a unit of its own that uses stories, never the reverse."""

    name = "articles.comments"
    label = "comments"
    verbose_name = _("Reader comments")

    def ready(self):
        from articles.comments import signals

        signals.connect()
