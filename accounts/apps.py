from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Reporters and accounts")

    def ready(self):
        from accounts import signals  # noqa: F401 - login logging
        from accounts.groups import ensure_groups_after_migrate

        post_migrate.connect(ensure_groups_after_migrate, dispatch_uid="accounts.ensure_groups")
