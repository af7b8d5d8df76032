"""The moderation queue: held, reported, approved, spam and removed comments, and the block list.

Moderators act on comments with the list's bulk actions (approve, remove, mark as spam), which go
through `moderate_comments`: each change is written to the comment's history and the cached
story pages refresh at once. A comment's own page is read-only: readers' words are not edited,
and removing keeps the row (who removed it and when).
"""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import BlockedTerm, Comment, CommentReport
from articles.services_comments import APPROVE, REMOVE, SPAM, moderate_comments
from newsroom.admin import busiest_related_filter

# Held, or reported and not dealt with: what the story filter ranks stories by.
COMMENTS_WAITING = Q(status=Comment.Status.HELD) | (
    Q(report_count__gt=0) & ~Q(status__in=[Comment.Status.REMOVED, Comment.Status.SPAM])
)


class ReportedFilter(admin.SimpleListFilter):
    title = _("reported")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported, to deal with")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.reported()
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    fields = ("reason", "ip_address", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may moderate the comment may see why readers reported it.
        return request.user.has_perm("articles.view_comment")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("excerpt", "status_shown", "reports", "article", "name", "email", "ip_address", "created_at")
    list_display_links = ("excerpt",)
    list_filter = (
        "status",
        ReportedFilter,
        # The stories with the most comments waiting, not every story (newsroom/admin.py).
        ("article", busiest_related_filter(where=COMMENTS_WAITING)),
        "is_staff_reply",
        "created_at",
    )
    search_fields = ("body", "name", "email", "ip_address")
    # No date_hierarchy: its list of years reads every comment (90 ms at 200,000); the date filter above
    # (today, past 7 days, this month, this year) answers from the created_at index.
    list_select_related = ("article",)
    list_per_page = 50
    # One COUNT over 200,000 comments per page is enough.
    show_full_result_count = False
    ordering = ("-created_at",)
    actions = ("approve", "remove", "mark_spam")
    inlines = (CommentReportInline,)
    fieldsets = (
        (None, {"fields": ("article", "parent", "body", "status", "hold_reason", "is_staff_reply")}),
        (_("Who posted it"), {"fields": ("name", "email", "user", "ip_address", "user_agent", "created_at")}),
        (
            _("Moderation"),
            {"fields": ("report_count", "reported_at", "moderated_at", "moderated_by", "removed_at", "removed_by")},
        ),
    )
    readonly_fields = tuple(field for fieldset in fieldsets for field in fieldset[1]["fields"])

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(" ".join(comment.body.split())).chars(80)

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, comment):
        if comment.status == Comment.Status.HELD and comment.hold_reason:
            return f"{comment.get_status_display()} ({comment.get_hold_reason_display()})"
        return comment.get_status_display()

    @admin.display(description=_("reports"), ordering="report_count")
    def reports(self, comment):
        if not comment.report_count:
            return "–"
        return format_html('<strong class="comment-reported">{}</strong>', comment.report_count)

    def has_change_permission(self, request, obj=None):
        # One comment's page is for reading (and its reports): readers' words are not edited here.
        # The list's moderation actions need the change permission (asked with obj=None).
        if obj is not None:
            return False
        return super().has_change_permission(request)

    def has_add_permission(self, request):
        # Comments are posted on the site (staff too: their replies are marked "from the newsroom").
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Removing is a soft delete with who and when; rows are never deleted from the queue.
        actions.pop("delete_selected", None)
        return actions

    def _moderate(self, request, queryset, action, done_message):
        changed = moderate_comments(comments=queryset, action=action, moderator=request.user)
        self.message_user(request, done_message(len(changed)) % {"count": len(changed)}, messages.SUCCESS)

    @admin.action(description=_("Approve: show on the story"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            APPROVE,
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        )

    @admin.action(description=_("Remove from the story (kept here)"), permissions=["change"])
    def remove(self, request, queryset):
        self._moderate(
            request,
            queryset,
            REMOVE,
            lambda n: ngettext("%(count)d comment removed.", "%(count)d comments removed.", n),
        )

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            SPAM,
            lambda n: ngettext("%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n),
        )


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ("value", "kind", "note", "created_at")
    list_filter = ("kind",)
    search_fields = ("value", "note")
    fields = ("kind", "value", "note")
