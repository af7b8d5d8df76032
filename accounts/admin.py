"""Users and reporters in the admin. Staff approve, reject or suspend reporters one by one or in bulk;
each decision goes through accounts/services.py (admin history + e-mail to the reporter)."""

import re
from typing import NamedTuple

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from modeltranslation.admin import TranslationAdmin

from accounts import services
from accounts.models import Reporter, ReporterTerms, User
from newsroom.shared.history import record_change


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class ReporterInline(admin.StackedInline):
    model = Reporter
    can_delete = False
    fields = ["status", "phone", "district", "bio", "photo", "email_confirmed_at", "terms_accepted_at"]
    readonly_fields = ["status", "email_confirmed_at", "terms_accepted_at"]
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    inlines = [ReporterInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal details"), {"fields": ["full_name"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "usable_password", "password1", "password2"]}),
    ]

    # --- the second factor: what the person has, and a superuser's reset, <id>/second-factor/reset/ ----

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        fields = ["second_factor", "second_factor_reset"] if request.user.is_superuser else ["second_factor"]
        return [*fieldsets, (_("Second factor"), {"fields": fields})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "second_factor", "second_factor_reset"]

    @admin.display(description=_("second factor"))
    def second_factor(self, user):
        app = TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-pk").first()
        codes = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
        if app is None and not codes:
            return gettext("Not set up")
        parts = []
        if app is not None:
            since = formats.localize(timezone.template_localtime(app.created_at)) if app.created_at else "-"
            parts.append(gettext("Authenticator app, set up on %(date)s") % {"date": since})
        parts.append(
            ngettext("%(count)d recovery code left", "%(count)d recovery codes left", codes) % {"count": codes}
        )
        return "; ".join(parts)

    @admin.display(description=_("reset"))
    def second_factor_reset(self, user):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_reset_second_factor", args=[user.pk])
        return format_html(
            '<a href="{}" class="button">{}</a><div class="help">{}</div>',
            url,
            gettext("Reset the second factor"),
            gettext("For a lost phone: removes their authenticator app and recovery codes; they are told by e-mail."),
        )

    def get_urls(self):
        opts = self.opts
        custom = [
            path(
                "<path:object_id>/second-factor/reset/",
                self.admin_site.admin_view(self.reset_second_factor_view),
                name=f"{opts.app_label}_{opts.model_name}_reset_second_factor",
            )
        ]
        return custom + super().get_urls()

    def reset_second_factor_view(self, request, object_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        user = self.get_object(request, unquote(object_id))
        if user is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        change_url = add_preserved_filters(
            {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts},
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[user.pk]),
        )
        form = forms.Form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                devices = list(devices_for_user(user, confirmed=None))
                for device in devices:
                    device.delete()  # an authenticator app's owner is e-mailed (newsroom/otp.py)
                if devices:
                    names = ", ".join(sorted({device.name for device in devices}))
                    record_change(
                        actor=request.user,
                        obj=user,
                        message=gettext("Second factor reset: %(devices)s removed") % {"devices": names},
                    )
            if devices:
                self.message_user(
                    request,
                    gettext(
                        "The second factor of %(name)s is reset: they set up a new authenticator app from a "
                        "link e-mailed to them when they next log in."
                    )
                    % {"name": user.full_name or user.email},
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    gettext("Nothing changed: %(name)s had no second factor.") % {"name": user.full_name or user.email},
                    messages.INFO,
                )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Reset the second factor: %(name)s") % {"name": user.full_name or user.email},
            "opts": self.opts,
            "object": user,
            "object_url": change_url,
            "changelist_url": add_preserved_filters(
                {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts},
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"),
            ),
            "summary": format_html(
                "{} ({}): {}. {}",
                user.full_name,
                user.email,
                self.second_factor(user),
                gettext(
                    "Resetting removes their authenticator app and recovery codes. They are told by e-mail, "
                    "and set up a new app from a link e-mailed to them when they next log in."
                ),
            ),
            "form": form,
            "form_action": request.get_full_path(),
            "action_label": gettext("Reset the second factor"),
            "cancel_url": change_url,
        }
        return TemplateResponse(request, "admin/desk_object_action.html", context)


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("e-mail confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(email_confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(email_confirmed_at__isnull=True)
        return queryset


class StatusChange(NamedTuple):
    """A decision offered on a reporter's page: `<id>/status/<name>/` (ReporterAdmin.status_view)."""

    label: str
    status: str
    offered_from: tuple
    note: str  # "required", "optional" or "" (no note asked)
    help: str = ""  # said beside a button that asks no note


Status = Reporter.Status
STATUS_CHANGES = {
    # name in the address: (button, the new status, the statuses it is offered from, the note it asks for)
    "approve": StatusChange(
        _("Approve"),
        Status.APPROVED,
        (Status.PENDING, Status.REJECTED, Status.SUSPENDED),
        "",
        _("They are told by e-mail, without a note."),
    ),
    "reject": StatusChange(_("Reject"), Status.REJECTED, (Status.PENDING,), "required"),
    "suspend": StatusChange(_("Suspend"), Status.SUSPENDED, (Status.APPROVED,), "optional"),
}


class ReporterNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the reporter"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        max_length=4000,
        help_text=_("It goes into the e-mail the reporter gets."),
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = required
        if not required:
            self.fields["note"].label = _("Note for the reporter (optional)")


def status_form(change, data=None, *, action):
    """The form a decision asks for: a note (required or optional), or nothing but the button."""
    if not change.note:
        return forms.Form(data)
    return ReporterNoteForm(data, required=change.note == "required", auto_id=f"id_{action}_%s")


def wrappable_email(address):
    """An e-mail address a narrow list column wraps only after its @ and dots (a <wbr> there, and CSS
    .desk-email forbids breaks inside the words), never in the middle of a name."""
    return format_html(
        '<span class="desk-quiet desk-email">{}</span>',
        format_html_join(mark_safe("<wbr>"), "{}", ((part,) for part in re.split(r"(?<=[@.])(?=.)", address))),
    )


def status_summary(reporter):
    """“Awaiting approval”, and whether their e-mail address is confirmed when it is not."""
    if reporter.email_confirmed_at is None:
        return format_html(
            '{} <span class="desk-quiet">({})</span>', reporter.get_status_display(), gettext("e-mail not confirmed")
        )
    return reporter.get_status_display()


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    # Few, wrapping columns: the list fits a 1280 px screen beside the desk's menu and the filters.
    # The phone number is on the reporter's page and found by the search.
    list_display = ["name", "district", "status_shown", "registered"]
    list_filter = ["status", ConfirmedFilter, "district", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__full_name", "name_as", "user__email", "district", "phone", "slug"]
    readonly_fields = ["user", "status", "email_confirmed_at", "terms_accepted_at", "created_at", "portrait"]
    fields = [
        "user",
        "name_as",
        "slug",
        "status",
        "phone",
        "district",
        "bio",
        "photo",
        "portrait",
        "email_confirmed_at",
        "terms_accepted_at",
        "created_at",
    ]
    actions = ["approve_selected", "reject_selected", "suspend_selected"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # A reporter's name is their user's: read it in the same query everywhere (the story form's
        # author autocomplete too, which list_select_related does not reach).
        return super().get_queryset(request).select_related("user")

    def get_ordering(self, request):
        # The list opens on the work waiting: reporters awaiting approval first, then everyone by name
        # (a column's header still sorts by that column alone). Elsewhere, as in the story form's byline
        # search, reporters come by name (Reporter.Meta.ordering).
        match = request.resolver_match
        if match is not None and match.url_name == f"{self.opts.app_label}_{self.opts.model_name}_changelist":
            awaiting_first = Case(When(status=Reporter.Status.PENDING, then=Value(0)), default=Value(1))
            return [awaiting_first, "user__full_name"]
        return super().get_ordering(request)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "name_as":
            formfield.widget.attrs["lang"] = "as"  # the right font and spelling checker for Assamese
        return formfield

    def has_add_permission(self, request):
        return False  # Reporters register themselves (accounts:register).

    def view_on_site(self, reporter):
        # Only a reporter readers can see has a public page; the others' would be a 404.
        if Reporter.objects.approved().filter(pk=reporter.pk).exists():
            return reporter.get_absolute_url()
        return None

    @admin.display(description=_("reporter"), ordering="user__full_name")
    def name(self, reporter):
        return format_html("{}{}", reporter.user.full_name, wrappable_email(reporter.user.email))

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, reporter):
        return status_summary(reporter)

    @admin.display(description=_("registered at"), ordering="created_at")
    def registered(self, reporter):
        return formats.localize(timezone.template_localtime(reporter.created_at))

    @admin.display(description=_("portrait"))
    def portrait(self, reporter):
        if not reporter.photo:
            return "-"
        return format_html('<img src="{}" alt="{}" width="120">', reporter.photo.url, reporter.name)

    # --- one reporter: the decisions on their page, <id>/status/<name>/ --------------------------

    def get_urls(self):
        opts = self.opts
        custom = [
            path(
                "<path:object_id>/status/<str:action>/",
                self.admin_site.admin_view(self.status_view),
                name=f"{opts.app_label}_{opts.model_name}_status",
            )
        ]
        return custom + super().get_urls()

    def _status_url(self, reporter, action, preserved_filters):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_status", args=[reporter.pk, action])
        return add_preserved_filters({"preserved_filters": preserved_filters, "opts": self.opts}, url)

    def _change_url(self, request, reporter):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[reporter.pk])
        return add_preserved_filters({"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}, url)

    def status_changes(self, request, reporter):
        """The decisions that make sense for this reporter now, for whoever may change reporters."""
        if reporter is None or not self.has_change_permission(request, reporter):
            return []
        preserved_filters = self.get_preserved_filters(request)
        return [
            {
                "name": action,
                "label": change.label,
                "help": change.help,
                "url": self._status_url(reporter, action, preserved_filters),
                "form": status_form(change, action=action),
            }
            for action, change in STATUS_CHANGES.items()
            if reporter.status in change.offered_from
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["status_changes"] = self.status_changes(request, obj) if change else []
        context["status_summary"] = status_summary(obj) if obj is not None else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def status_view(self, request, object_id, action):
        change = STATUS_CHANGES.get(action)
        if change is None:
            raise Http404
        reporter = self.get_object(request, unquote(object_id))
        if reporter is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, reporter):
            raise PermissionDenied
        change_url = self._change_url(request, reporter)
        if reporter.status not in change.offered_from:
            self.message_user(
                request,
                gettext("%(name)s is “%(status)s”: “%(action)s” does not apply.")
                % {"name": reporter.name, "status": reporter.get_status_display(), "action": change.label},
                messages.WARNING,
            )
            return HttpResponseRedirect(change_url)
        form = status_form(change, request.POST if request.method == "POST" else None, action=action)
        if request.method == "POST" and form.is_valid():
            if services.set_reporter_status(
                reporter=reporter, status=change.status, actor=request.user, note=form.cleaned_data.get("note", "")
            ):
                self.message_user(
                    request,
                    gettext("%(name)s is now “%(status)s”; they are told by e-mail.")
                    % {"name": reporter.name, "status": reporter.get_status_display()},
                    messages.SUCCESS,
                )
            else:  # another editor decided a moment earlier
                self.message_user(
                    request,
                    gettext("Nothing changed: %(name)s was “%(status)s” already.")
                    % {"name": reporter.name, "status": reporter.get_status_display()},
                    messages.INFO,
                )
            return HttpResponseRedirect(change_url)
        # Opened directly, or a note is missing: the decision on a page of its own.
        context = {
            **self.admin_site.each_context(request),
            "title": f"{change.label}: {reporter.name}",
            "opts": self.opts,
            "object": reporter,
            "object_url": change_url,
            "changelist_url": add_preserved_filters(
                {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts},
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"),
            ),
            "summary": format_html("{} ({}): {}", reporter.name, reporter.user.email, status_summary(reporter)),
            "form": form,
            "form_action": request.get_full_path(),
            "action_label": change.label,
            "cancel_url": change_url,
        }
        return TemplateResponse(request, "admin/desk_object_action.html", context)

    # --- many reporters: the list's bulk actions ----------------------------------------------

    def _set_status(self, request, queryset, status):
        changed = 0
        for reporter in queryset.select_related("user"):
            if services.set_reporter_status(reporter=reporter, status=status, actor=request.user):
                changed += 1
        label = Reporter.Status(status).label
        if changed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d reporter is now “%(status)s”; they are told by e-mail.",
                    "%(count)d reporters are now “%(status)s”; they are told by e-mail.",
                    changed,
                )
                % {"count": changed, "status": label},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                gettext("Nothing changed: they were all “%(status)s” already.") % {"status": label},
                messages.INFO,
            )

    @admin.action(description=_("Approve the selected reporters"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._set_status(request, queryset, Reporter.Status.APPROVED)

    @admin.action(description=_("Reject the selected reporters"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._set_status(request, queryset, Reporter.Status.REJECTED)

    @admin.action(description=_("Suspend the selected reporters"), permissions=["change"])
    def suspend_selected(self, request, queryset):
        self._set_status(request, queryset, Reporter.Status.SUSPENDED)


@admin.register(ReporterTerms)
class ReporterTermsAdmin(TranslationAdmin):
    """The terms reporters agree to on registering (accounts:terms), in every language; English is required."""

    list_display = ["__str__", "title", "updated_at"]
    fields = ["title", "body"]

    def has_add_permission(self, request):
        # One row only; while there is none, the page shows the newsroom's default terms.
        return super().has_add_permission(request) and not ReporterTerms.objects.exists()
