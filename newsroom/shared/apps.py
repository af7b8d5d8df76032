from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharedConfig(AppConfig):
    """Shared helpers every app may use (mail and its outbox, photos, client addresses, anti-spam,
    history, caching, retention); they import no app and nothing of the project above them.

    Its label stays "newsroom", the label the outbox's table and migrations have always had.
    """

    name = "newsroom.shared"
    label = "newsroom"
    verbose_name = _("Newsroom")
