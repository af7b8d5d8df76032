"""The editors' workflow in the admin: publish now, schedule, return, reject or withdraw with a note.

`WorkflowAdminMixin` (ArticleAdmin inherits it) adds bulk actions on the story list and, on
each story's page, a "Workflow" panel with the story's history and a button per transition
(`<id>/workflow/<action>/`, a small form with the note or the time). Every one calls the
functions of articles/services.py, which check the publish permission, lock the row and
compare the version the editor saw, so two editors acting at once cannot both succeed.
Status and publication time are read-only in the admin: only the workflow changes them.
"""

import threading

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.models import Article, ArticleTransition

# The request being answered, for the read-only panel (admin instances are shared between threads).
_current = threading.local()


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the reporter"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=4000,
        help_text=_("The reporter reads this on their desk and in the e-mail."),
    )


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("In the newsroom's time zone (India Standard Time)."),
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value


class ConfirmForm(forms.Form):
    pass


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


ACTIONS = {
    # name: (button label, form class, the statuses it applies to for a given story)
    "publish": (_("Publish now"), ConfirmForm, services.publishable_from),
    "schedule": (_("Schedule"), ScheduleForm, services.publishable_from),
    "return": (_("Return to the reporter"), NoteForm, lambda article: services.REVIEWABLE),
    "reject": (_("Reject"), NoteForm, lambda article: services.REVIEWABLE),
    "withdraw": (_("Withdraw from the site"), NoteForm, lambda article: services.WITHDRAWABLE),
}


def run_transition(name, *, article, actor, data, expected_version=None):
    """Take the workflow step `name` with what its form gave (a note, or the time to publish at)."""
    if name not in ACTIONS:
        raise Http404
    details = {}
    if name == "schedule":
        details["at"] = data["publish_at"]
    elif "note" in data:
        details["note"] = data["note"]
    return services.take_step(name, article=article, actor=actor, expected_version=expected_version, **details)


class WorkflowAdminMixin:
    actions = ["publish_selected", "schedule_selected", "return_selected", "reject_selected", "withdraw_selected"]
    workflow_fieldset_name = _("Workflow")

    # --- permissions ------------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        return services.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, *[f for f in ("status", "published_at", "workflow_panel") if f not in fields]]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append((self.workflow_fieldset_name, {"fields": ["workflow_panel"]}))
        return fieldsets

    # --- the panel on a story's page ------------------------------------------

    @admin.display(description=_("history and actions"))
    def workflow_panel(self, article):
        if article is None or article.pk is None:
            return "-"
        steps = ArticleTransition.objects.filter(article=article).select_related("actor")
        history = format_html_join(
            "",
            "<li>{}: {} → {}{}{}</li>",
            (
                (
                    date_format(timezone.localtime(step.created_at), "DATETIME_FORMAT"),
                    step.get_from_status_display(),
                    step.get_to_status_display(),
                    format_html(" · {}", step.actor) if step.actor else "",
                    format_html(": {}", step.note) if step.note else "",
                )
                for step in steps
            ),
        )
        request = getattr(_current, "request", None)
        buttons = ""
        if request is not None and self.has_publish_permission(request):
            buttons = format_html_join(
                " ",
                '<a class="button" href="{}">{}</a>',
                (
                    (reverse(f"admin:{self._workflow_url_prefix()}_workflow", args=[article.pk, name]), label)
                    for name, (label, _form, allowed) in ACTIONS.items()
                    if article.status in allowed(article)
                ),
            )
        return format_html(
            '<ol class="workflow-history">{}</ol><p class="workflow-actions">{}</p>',
            history or format_html("<li>{}</li>", gettext("No workflow step yet.")),
            buttons,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        _current.request = request
        try:
            response = super().change_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # The panel needs the request: render while we hold it.
            return response
        finally:
            _current.request = None

    # --- one story: <id>/workflow/<action>/ -------------------------------------

    def _workflow_url_prefix(self):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{self._workflow_url_prefix()}_workflow",
            )
        ]
        return custom + super().get_urls()

    def workflow_view(self, request, object_id, action):
        if action not in ACTIONS:
            raise Http404
        if not self.has_publish_permission(request):
            raise PermissionDenied
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        label, form_class, allowed = ACTIONS[action]
        change_url = reverse(f"admin:{self._workflow_url_prefix()}_change", args=[article.pk])
        if request.method == "POST":
            form = form_class(request.POST)
            version_form = VersionForm(request.POST)
            if form.is_valid() and version_form.is_valid():
                try:
                    run_transition(
                        action,
                        article=article,
                        actor=request.user,
                        data=form.cleaned_data,
                        expected_version=version_form.cleaned_data["version"],
                    )
                except services.TransitionError as error:
                    self.message_user(request, str(error), messages.ERROR)
                    return HttpResponseRedirect(change_url)
                self.message_user(request, self._done_message(action, article), messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        else:
            if article.status not in allowed(article):
                self.message_user(
                    request,
                    gettext("“%(headline)s” is %(status)s: this action does not apply.")
                    % {"headline": article.headline, "status": article.get_status_display().lower()},
                    messages.WARNING,
                )
                return HttpResponseRedirect(change_url)
            form = form_class()
            version_form = VersionForm(initial={"version": article.version})
        context = {
            **self.admin_site.each_context(request),
            "title": f"{label}: {article.headline}",
            "opts": self.model._meta,
            "original": article,
            "article": article,
            "form": form,
            "version_form": version_form,
            "action_label": label,
            "change_url": change_url,
            "selected": None,
        }
        return TemplateResponse(request, "admin/articles/article/workflow_action.html", context)

    @staticmethod
    def _done_message(action, article):
        if article.status == Article.Status.SCHEDULED:
            return gettext("“%(headline)s” is scheduled for %(when)s.") % {
                "headline": article.headline,
                "when": date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT"),
            }
        return gettext("“%(headline)s” is now %(status)s.") % {
            "headline": article.headline,
            "status": article.get_status_display().lower(),
        }

    # --- bulk actions on the story list ---------------------------------------

    def _bulk(self, request, queryset, action):
        label, form_class, _allowed = ACTIONS[action]
        form = form_class(request.POST) if "apply" in request.POST else None
        if form_class is ConfirmForm:
            form = form_class({})
        if form is not None and form.is_valid():
            done, failed = 0, []
            for article in queryset:
                try:
                    run_transition(
                        action,
                        article=article,
                        actor=request.user,
                        data=form.cleaned_data,
                        expected_version=article.version,
                    )
                    done += 1
                except services.TransitionError as error:
                    failed.append(str(error))
            if done:
                self.message_user(
                    request,
                    gettext("%(action)s: %(count)d stories done.") % {"action": label, "count": done},
                    messages.SUCCESS,
                )
            for message in failed:
                self.message_user(request, message, messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": label,
            "opts": self.model._meta,
            "form": form or form_class(),
            "action_label": label,
            "action_name": f"{action}_selected",
            "selected": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/workflow_action.html", context)

    @admin.action(description=_("Publish the selected stories now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        return self._bulk(request, queryset, "publish")

    @admin.action(description=_("Schedule the selected stories"), permissions=["publish"])
    def schedule_selected(self, request, queryset):
        return self._bulk(request, queryset, "schedule")

    @admin.action(description=_("Return the selected stories with a note"), permissions=["publish"])
    def return_selected(self, request, queryset):
        return self._bulk(request, queryset, "return")

    @admin.action(description=_("Reject the selected stories with a note"), permissions=["publish"])
    def reject_selected(self, request, queryset):
        return self._bulk(request, queryset, "reject")

    @admin.action(description=_("Withdraw the selected stories from the site with a note"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        return self._bulk(request, queryset, "withdraw")

    def has_delete_permission(self, request, obj=None):
        # A public story is withdrawn (with a note, in its history), never deleted; the delete
        # confirmation asks this for every story selected, so a bulk delete refuses them too.
        if obj is not None and obj.status in services.WITHDRAWABLE:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ArticleTransition)
class ArticleTransitionAdmin(admin.ModelAdmin):
    """The whole newsroom's workflow history, read-only: it is written by articles/services.py alone."""

    list_display = ["created_at", "article", "from_status", "to_status", "actor", "note"]
    list_filter = ["to_status", "from_status", "created_at"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__headline_en", "article__headline_as", "actor__full_name", "actor__email", "note"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
