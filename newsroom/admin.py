"""The staff desk: Django's admin site, branded as the publication's desk.

`NewsroomAdminSite` is the project's default admin site (newsroom/apps.py `NewsroomAdminConfig`),
so every app's `admin.site.register` lands on it. On top of Django's admin it:

- names itself after the publication (settings.PUBLISHER["name"]), in every language of the site;
- opens on "work waiting" (newsroom/desk.py): counts of what staff have to act on, each a link
  to the filtered list;
- asks staff for a second factor (a TOTP code, django-otp) when settings.STAFF_REQUIRE_2FA is on:
  a staff member who logged in with a password alone is sent to enrol an authenticator app
  (first time, through a set-up link e-mailed to their own address) or to type its code or a
  recovery code (newsroom/otp.py) before any admin page opens.
"""

from functools import update_wrapper

from django.contrib import admin
from django.db.models.base import ModelBase
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect

# The second factor's notices (an authenticator app added or removed: its owner is e-mailed) are
# signal receivers in newsroom/otp.py; the admin site is loaded in every process, so they are too.
from newsroom import otp
from newsroom.shared.publisher import publisher
from newsroom.shared.staff import is_verified, staff_second_factor_required


def _publication_name():
    return publisher["name"]


def _desk_name():
    # Translators: the admin's header, e.g. "Brahmaputra Times desk".
    return gettext("%(publication)s desk") % {"publication": _publication_name()}


class NewsroomAdminSite(admin.AdminSite):
    site_header = lazy(_desk_name, str)()
    site_title = lazy(_desk_name, str)()
    index_title = _("Work waiting")
    index_template = "admin/index.html"

    # --- Second factor ---------------------------------------------------------

    def register(self, model_or_iterable, admin_class=None, **options):
        # Recovery codes are made by the set-up page and removed by "Reset the second factor" on the
        # user's page (accounts/admin.py); django-otp's own page for them would store codes typed in
        # clear, which never match the hashes newsroom/otp.py keeps.
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else list(model_or_iterable)
        models = [model for model in models if model._meta.label != "otp_static.StaticDevice"]
        if models:
            super().register(models, admin_class, **options)

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not staff_second_factor_required() or is_verified(request.user)

    def needs_second_factor(self, request):
        """A staff member who gave the right password but no TOTP code yet, when codes are required."""
        user = request.user
        return staff_second_factor_required() and user.is_active and user.is_staff and not is_verified(user)

    def second_factor_url(self, request):
        from newsroom.otp import has_confirmed_device

        name = "otp-verify" if has_confirmed_device(request.user) else "otp-setup"
        url = reverse(f"admin:{name}", current_app=self.name)
        return f"{url}?{urlencode({'next': request.get_full_path()})}"

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if self.needs_second_factor(request):
                if request.path == reverse("admin:logout", current_app=self.name):
                    # Logging out needs no second factor.
                    return csrf_protect(self.logout)(request)
                return HttpResponseRedirect(self.second_factor_url(request))
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request, extra_context=None):
        if request.method == "GET" and self.needs_second_factor(request):
            return HttpResponseRedirect(self.second_factor_url(request))
        if request.method == "POST":
            # The desk's log-in is slowed and refused like the reporters' (accounts/slowdown.py).
            from accounts.slowdown import seconds_to_wait
            from accounts.views import locked_out

            wait = seconds_to_wait(request, request.POST.get("username", ""))
            if wait:
                return locked_out(request, wait)
        return super().login(request, extra_context)

    def get_urls(self):
        second_factor = [
            path("2fa/setup/", otp.SetupView.as_view(admin_site=self), name="otp-setup"),
            path("2fa/setup/link/", otp.SendSetupLinkView.as_view(admin_site=self), name="otp-setup-link"),
            path(
                "2fa/setup/<str:uidb64>/<str:token>/",
                otp.SetupLinkView.as_view(admin_site=self),
                name="otp-setup-open",
            ),
            path("2fa/verify/", otp.VerifyView.as_view(admin_site=self), name="otp-verify"),
            path("2fa/recovery/", otp.RecoveryView.as_view(admin_site=self), name="otp-recovery"),
        ]
        from newsroom.preview import StaffStoryPreviewView

        preview = [
            path(
                "articles/article/<int:pk>/preview/",
                self.admin_view(StaffStoryPreviewView.as_view(admin_site=self)),
                name="articles_article_preview",
            ),
        ]
        return second_factor + preview + super().get_urls()

    # --- The desk's home page ----------------------------------------------------

    def index(self, request, extra_context=None):
        from newsroom.desk import work_waiting

        context = {"work_waiting": work_waiting(request, self), **(extra_context or {})}
        return super().index(request, context)
