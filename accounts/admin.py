"""Users and reporters in the admin. Staff approve, reject or suspend reporters one by one or in bulk;
each decision goes through accounts/services.py (admin history + e-mail to the reporter)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import Reporter, User


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


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "district", "phone", "status", "confirmed", "created_at"]
    list_filter = ["status", ConfirmedFilter, "district", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__full_name", "user__email", "district", "phone", "slug"]
    readonly_fields = ["user", "status", "email_confirmed_at", "terms_accepted_at", "created_at", "portrait"]
    fields = [
        "user",
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

    def has_add_permission(self, request):
        return False  # Reporters register themselves (accounts:register).

    @admin.display(description=_("name"), ordering="user__full_name")
    def name(self, reporter):
        return reporter.user.full_name

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, reporter):
        return reporter.user.email

    @admin.display(description=_("confirmed"), boolean=True, ordering="email_confirmed_at")
    def confirmed(self, reporter):
        return reporter.email_confirmed_at is not None

    @admin.display(description=_("portrait"))
    def portrait(self, reporter):
        if not reporter.photo:
            return "-"
        return format_html('<img src="{}" alt="{}" width="120">', reporter.photo.url, reporter.name)

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
