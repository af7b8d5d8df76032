"""The moderation queue: held, reported, approved, spam and removed comments, and the block list.

Moderators act on comments with a row's own buttons (approve, remove, spam: each posts the list's
form to `<id>/moderate/<action>/` and comes back to the same filtered list, at the next row), with the
same buttons on a comment's own page (back to that page), or with the list's bulk actions; all go
through `moderate_comments`: each change is written to the comment's history and the cached story
pages refresh at once. A comment's own page is otherwise read-only: readers' words are not edited,
and removing keeps the row (who removed it and when).
"""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.admin import wrappable_email
from articles.comments.models import BlockedTerm, Comment, CommentReport
from articles.comments.services import APPROVE, REMOVE, SPAM, moderate_comments
from newsroom.shared.admin_filters import busiest_related_filter

# Held, or reported and not dealt with: what the story filter ranks stories by.
COMMENTS_WAITING = Q(status=Comment.Status.HELD) | Comment.objects.reported_condition()


# A row's buttons: (label, the status it gives), in the order shown.
ROW_ACTIONS = {
    APPROVE: (_("Approve"), Comment.Status.APPROVED),
    REMOVE: (_("Remove"), Comment.Status.REMOVED),
    SPAM: (_("Spam"), Comment.Status.SPAM),
}


def done_message(action, count):
    """What the desk says after `count` comments were approved, removed or marked as spam."""
    if action == APPROVE:
        return ngettext("%(count)d comment approved.", "%(count)d comments approved.", count) % {"count": count}
    if action == REMOVE:
        return ngettext("%(count)d comment removed.", "%(count)d comments removed.", count) % {"count": count}
    return ngettext("%(count)d comment marked as spam.", "%(count)d comments marked as spam.", count) % {"count": count}


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


class WrittenByFilter(admin.SimpleListFilter):
    """Staff replies or readers' comments: "By who wrote it: the newsroom / readers"."""

    title = _("who wrote it")
    parameter_name = "written_by"

    def lookups(self, request, model_admin):
        return [("newsroom", _("the newsroom")), ("readers", _("readers"))]

    def queryset(self, request, queryset):
        if self.value() == "newsroom":
            return queryset.filter(is_staff_reply=True)
        if self.value() == "readers":
            return queryset.filter(is_staff_reply=False)
        return queryset


def row_anchor(pk):
    """The id of a row's buttons, which the list's address names after a row's button was pressed."""
    return f"comment-{pk}-moderation"


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
        return request.user.has_perm("comments.view_comment")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # Few, wrapping columns, so the list (and each row's buttons, added by get_list_display) fits a
    # 1280 px screen beside the desk's menu and the filters: the story is named under the comment,
    # reports are counted under the status (the "reported" filter finds them), the IP address is on
    # the comment's page and found by the search.
    list_display = ("excerpt", "status_shown", "posted_by", "posted_at")
    list_display_links = ("excerpt",)
    list_filter = (
        "status",
        ReportedFilter,
        # The stories with the most comments waiting, not every story (newsroom/admin.py).
        ("article", busiest_related_filter(where=COMMENTS_WAITING)),
        WrittenByFilter,
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
        # The id names the comment for the row's buttons (aria-describedby); its story is under it.
        return format_html(
            '<span id="comment-{}-excerpt">{}</span><span class="desk-quiet">{}</span>',
            comment.pk,
            Truncator(" ".join(comment.body.split())).chars(60),
            gettext("on “%(headline)s”") % {"headline": Truncator(comment.article.headline).words(8)},
        )

    @staticmethod
    def status_text(comment):
        status = comment.get_status_display()
        if comment.status == Comment.Status.HELD and comment.hold_reason:
            status = f"{status} ({comment.get_hold_reason_display()})"
        return status

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, comment):
        status = self.status_text(comment)
        if not comment.report_count:
            return status
        reports = ngettext("%(count)d report", "%(count)d reports", comment.report_count) % {
            "count": comment.report_count
        }
        return format_html('{}<strong class="desk-quiet comment-reported">{}</strong>', status, reports)

    @admin.display(description=_("posted by"), ordering="name")
    def posted_by(self, comment):
        return format_html("{}{}", comment.name, wrappable_email(comment.email))

    @admin.display(description=_("posted at"), ordering="created_at")
    def posted_at(self, comment):
        return formats.localize(timezone.template_localtime(comment.created_at))

    # --- one comment: the buttons on its row and its page, <id>/moderate/<action>/ ----------------

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if self.has_change_permission(request):
            changelist.list_display = [*changelist.list_display, self.moderation_column(request, changelist)]
        return changelist

    def moderation_column(self, request, changelist):
        """The list's last column: each row's buttons. Their addresses carry the list's filters, to come
        back to the same list; each names the row to come back to: the next one (or, on the last row,
        the one before), as the comment acted on may leave a filtered list."""
        preserved_filters = self.get_preserved_filters(request)
        following = {}

        @admin.display(description=_("Moderation"))
        def moderate(comment):
            if not following:  # the page's rows, read once (the list reads the same, already fetched, rows)
                pks = [row.pk for row in changelist.result_list]
                following.update({pk: (pks[i + 1] if i + 1 < len(pks) else pks[i - 1]) for i, pk in enumerate(pks)})
            return self.row_buttons(comment, preserved_filters, back_to=following.get(comment.pk, comment.pk))

        return moderate

    def row_buttons(self, comment, preserved_filters, *, back_to):
        """Submit buttons of the list's own form (it carries the CSRF token; forms cannot nest), each
        sending it to this comment's action: only the actions that would change something. The group
        is where the keyboard's focus comes back to (`#comment-<id>-moderation`), named by its comment."""
        buttons = format_html_join(
            "",
            '<button type="submit" class="button desk-row-action" formaction="{}" name="_back_to" value="{}"'
            ' aria-describedby="comment-{}-excerpt">{}</button>',
            (
                (self._moderate_url(comment, action, preserved_filters), back_to, comment.pk, label)
                for action, label in self.actions_for(comment)
            ),
        )
        return format_html(
            '<div class="desk-row-actions" id="{}" role="group" aria-labelledby="comment-{}-excerpt"'
            ' tabindex="-1">{}</div>',
            row_anchor(comment.pk),
            comment.pk,
            buttons,
        )

    @staticmethod
    def actions_for(comment):
        """(action, button label) of what would change this comment, in the order shown."""
        return [(action, label) for action, (label, status) in ROW_ACTIONS.items() if comment.status != status]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A comment's page: the same buttons as its row, each its own form, back to this page.
        if obj is not None and self.has_change_permission(request):
            preserved_filters = self.get_preserved_filters(request)
            context["moderation_buttons"] = [
                {"name": action, "label": label, "url": self._moderate_url(obj, action, preserved_filters)}
                for action, label in self.actions_for(obj)
            ]
            context["moderation_status"] = self.status_text(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _moderate_url(self, comment, action, preserved_filters):
        url = reverse("admin:comments_comment_moderate", args=[comment.pk, action])
        return add_preserved_filters({"preserved_filters": preserved_filters, "opts": self.opts}, url)

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/moderate/<str:action>/",
                self.admin_site.admin_view(self.moderate_view),
                name="comments_comment_moderate",
            )
        ]
        return custom + super().get_urls()

    def moderate_view(self, request, object_id, action):
        if action not in ROW_ACTIONS:
            raise Http404
        if not self.has_change_permission(request):
            raise PermissionDenied
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        changelist_url = add_preserved_filters(preserved, reverse("admin:comments_comment_changelist"))
        change_url = add_preserved_filters(preserved, reverse("admin:comments_comment_change", args=[comment.pk]))
        label, _status = ROW_ACTIONS[action]
        if request.method == "POST":
            if moderate_comments(comments=[comment], action=action, moderator=request.user):
                self.message_user(request, done_message(action, 1), messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    gettext("Nothing changed: the comment was “%(status)s” already.")
                    % {"status": comment.get_status_display()},
                    messages.INFO,
                )
            if "_continue" in request.POST:  # from the comment's own page
                return HttpResponseRedirect(change_url)
            # From a row: back to the list, where the keyboard left off (the row named by the button).
            back_to = request.POST.get("_back_to", "")
            if re.fullmatch(r"[0-9]{1,20}", back_to):
                return HttpResponseRedirect(f"{changelist_url}#{row_anchor(back_to)}")
            return HttpResponseRedirect(changelist_url)
        # The address opened directly (a new tab, say): nothing changes until the button is pressed.
        context = {
            **self.admin_site.each_context(request),
            "title": f"{label}: {comment}",
            "opts": self.opts,
            "object": comment,
            "object_url": change_url,
            "changelist_url": changelist_url,
            "summary": f"{comment} ({comment.get_status_display()})",
            "form": forms.Form(),
            "form_action": request.get_full_path(),
            "action_label": label,
            "cancel_url": changelist_url,
        }
        return TemplateResponse(request, "admin/desk_object_action.html", context)

    # --- permissions and the list's bulk actions ---------------------------------------------------

    def has_change_permission(self, request, obj=None):
        # One comment's page is for reading (and its reports): readers' words are not edited here.
        # Moderating (the list's actions, the row and page buttons) needs the change permission, asked
        # with obj=None.
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

    def _moderate(self, request, queryset, action):
        changed = moderate_comments(comments=queryset, action=action, moderator=request.user)
        self.message_user(request, done_message(action, len(changed)), messages.SUCCESS)

    @admin.action(description=_("Approve: show on the story"), permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, APPROVE)

    @admin.action(description=_("Remove from the story (kept here)"), permissions=["change"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, REMOVE)

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, SPAM)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ("value", "kind", "note", "created_at")
    list_filter = ("kind",)
    search_fields = ("value", "note")
    fields = ("kind", "value", "note")
