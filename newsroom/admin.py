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

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
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
from newsroom.publisher import publisher


def _publication_name():
    return publisher["name"]


def _desk_name():
    # Translators: the admin's header, e.g. "Brahmaputra Times desk".
    return gettext("%(publication)s desk") % {"publication": _publication_name()}


def staff_second_factor_required():
    """True when staff must prove a TOTP code on top of their password (on in production)."""
    return getattr(settings, "STAFF_REQUIRE_2FA", False)


def speaks_for_the_newsroom(user):
    """True when what `user` writes on the public site goes out as the newsroom's: staff who have
    passed the second factor when it is required. A stolen staff password alone is not enough."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_staff
        and (not staff_second_factor_required() or _is_verified(user))
    )


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
        return not staff_second_factor_required() or _is_verified(request.user)

    def needs_second_factor(self, request):
        """A staff member who gave the right password but no TOTP code yet, when codes are required."""
        user = request.user
        return staff_second_factor_required() and user.is_active and user.is_staff and not _is_verified(user)

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


def busiest_related_filter(*, where=None, limit=20, title=None, select_related=()):
    """A related-object filter that lists only the `limit` objects with the most rows (matching `where`).

    Django's related filters list every related object: filtering 200,000 comments by story would
    load and print all 20,000 stories on every page of the list. This one lists the stories with
    the most comments waiting (say), plus the one selected; links such as
    ``?article__id__exact=42`` keep working for any story. Two queries, whatever the size
    (`select_related` names what the related objects' names need, e.g. a reporter's user).
    """

    class BusiestRelatedFilter(admin.RelatedFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if title is not None:
                self.title = title

        def field_choices(self, field, request, model_admin):
            rows = model_admin.model._default_manager.order_by()
            if where is not None:
                rows = rows.filter(where)
            busiest = rows.values(self.field_path).annotate(rows=Count("pk")).order_by("-rows")[:limit]
            pks = [row[self.field_path] for row in busiest if row[self.field_path] is not None]
            pks += [int(value) for value in self.lookup_val or [] if str(value).isdigit()]
            related = field.remote_field.model._default_manager.filter(pk__in=pks).select_related(*select_related)
            ordering = self.field_admin_ordering(field, request, model_admin)
            if ordering:
                related = related.order_by(*ordering)
            return [(obj.pk, str(obj)) for obj in related]

    return BusiestRelatedFilter


def _is_verified(user):
    # OTPMiddleware gives request.user `is_verified`; a user object made elsewhere has no device.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())
