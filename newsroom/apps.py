from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The project shell and the staff desk, above every app: site-wide pages, the desk's home page, its
    second factor and the demo. The shared helpers below the apps are newsroom.shared, an app of its own."""

    default = True
    name = "newsroom"
    # "newsroom" is newsroom.shared's label, which the outbox's table has always had.
    label = "newsroom_site"
    verbose_name = _("Newsroom site")

    def ready(self):
        from newsroom import (
            checks,  # noqa: F401 - registers the deploy checks
            outbox_admin,  # noqa: F401 - the desk's outbox (after the admin's autodiscover)
            page_changes,
        )

        page_changes.connect()


class NewsroomAdminConfig(AdminConfig):
    """Django's admin with the newsroom's desk as its default site (newsroom/admin.py)."""

    default = False
    default_site = "newsroom.admin.NewsroomAdminSite"
