"""The desk's outbox: every e-mail the site has queued, what became of it, and "retry now".

Read-only: messages are written by newsroom/shared/mail.py alone. A message's body is never shown (a
password-reset or set-up link in it is a key to somebody's account) and is erased once sent.
"""

from django.contrib import admin, messages
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.shared import mail as outbox
from newsroom.shared.models import OutgoingMail


def mail_state(mail):
    """What became of a message, in the words the enquiry inbox uses."""
    if mail.state == OutgoingMail.State.SENT:
        return _("Sent on %(when)s.") % {"when": formats.localize(timezone.localtime(mail.sent_at))}
    if mail.state == OutgoingMail.State.GIVEN_UP:
        return _("Not sent; retries given up after %(count)d attempts. %(error)s") % {
            "count": mail.attempts,
            "error": mail.last_error,
        }
    return ngettext(
        "Waiting to be sent (%(count)d attempt so far); it will be tried again automatically. %(error)s",
        "Waiting to be sent (%(count)d attempts so far); it will be tried again automatically. %(error)s",
        mail.attempts,
    ) % {"count": mail.attempts, "error": mail.last_error}


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "state", "attempts", "created_at", "next_attempt_at", "sent_at"]
    list_filter = ["state", "created_at"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    fields = [
        "subject",
        "recipients",
        "language",
        "template",
        "delivery",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    readonly_fields = fields
    actions = ["retry"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        # Trying a message again is the one change the desk makes to the outbox.
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    @admin.display(description=_("to"))
    def recipients(self, mail):
        return mail.recipients

    @admin.display(description=_("state"))
    def delivery(self, mail):
        return mail_state(mail)

    @admin.action(description=_("Retry the selected e-mail now"), permissions=["retry"])
    def retry(self, request, queryset):
        count = outbox.retry_now(queryset.exclude(state=OutgoingMail.State.SENT))
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail is being sent again.",
                "%(count)d e-mails are being sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


def hide_task_results(site):
    """The outbox (and a story's photo) say what the worker did; its own task records stay out of the desk."""
    from django_tasks_db.models import DBTaskResult

    if site.is_registered(DBTaskResult):
        site.unregister(DBTaskResult)


hide_task_results(admin.site)
