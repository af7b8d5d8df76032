from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The project's own app: site-wide pieces, the staff desk's home page and its second factor."""

    default = True
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from newsroom import (
            checks,  # noqa: F401 - registers the deploy checks
            outbox_admin,  # noqa: F401 - the desk's outbox (after the admin's autodiscover)
        )


class NewsroomAdminConfig(AdminConfig):
    """Django's admin with the newsroom's desk as its default site (newsroom/admin.py)."""

    default = False
    default_site = "newsroom.admin.NewsroomAdminSite"
