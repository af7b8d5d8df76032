"""The staff's enquiry inbox, and the contact details shown on Contact Us."""

import csv
from functools import partial

from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename, get_user_model
from django.db import transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from enquiries import services
from enquiries.models import ContactDetails, Enquiry, EnquiryReply, mail_max_attempts


@admin.register(ContactDetails)
class ContactDetailsAdmin(TranslationAdmin):
    list_display = ["__str__", "email", "updated_at"]
    fields = ["address", "email", "phones", "office_hours", "directions"]

    def has_add_permission(self, request):
        # One row only; while there is none, the page shows the defaults from settings.PUBLISHER.
        return super().has_add_permission(request) and not ContactDetails.objects.exists()


class MailStateFilter(admin.SimpleListFilter):
    title = _("mail")
    parameter_name = "mail"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Waiting to be sent")),
            ("given_up", _("Not sent: retries given up")),
            ("sent", _("All sent")),
        ]

    def queryset(self, request, queryset):
        # The acknowledgement, the staff notification and the staff's replies to the reader alike.
        if self.value() == "pending":
            return queryset.mail_pending()
        if self.value() == "given_up":
            return queryset.mail_given_up()
        if self.value() == "sent":
            return queryset.mail_all_sent()
        return queryset


def reply_delivery_state(reply):
    """What became of a reply's e-mail, in words for the staff."""
    if reply.delivery == EnquiryReply.Delivery.SENT:
        when = formats.localize(timezone.localtime(reply.mailed_at))
        return _("E-mailed to the reader on %(when)s.") % {"when": when}
    if reply.delivery == EnquiryReply.Delivery.RECORDED:
        return _("Recorded only: written before replies were e-mailed from the desk.")
    if reply.mail_given_up:
        return _("Not sent; retries given up after %(count)d attempts. %(error)s") % {
            "count": reply.mail_attempts,
            "error": reply.mail_last_error,
        }
    return ngettext(
        "Waiting to be sent (%(count)d attempt so far); it will be tried again automatically. %(error)s",
        "Waiting to be sent (%(count)d attempts so far); it will be tried again automatically. %(error)s",
        reply.mail_attempts,
    ) % {"count": reply.mail_attempts, "error": reply.mail_last_error}


class EnquiryReplyThreadInline(admin.StackedInline):
    """The replies on the enquiry's thread, newest first. A record: they can be read, not edited."""

    model = EnquiryReply
    extra = 0
    fields = ["sent_at", "sent_by", "delivery_state", "body"]
    readonly_fields = fields
    ordering = ["-sent_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sent_by")

    def has_add_permission(self, request, obj=None):
        # New replies are written in the reply box (EnquiryReplyInline) and e-mailed from there.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("e-mail to the reader"))
    def delivery_state(self, reply):
        return reply_delivery_state(reply)


class EnquiryReplyInline(admin.StackedInline):
    """The reply box: what staff write here is e-mailed to the reader when the enquiry is saved."""

    model = EnquiryReply
    fields = ["body"]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = _("new reply")
    verbose_name_plural = _("Reply to the reader")

    def get_queryset(self, request):
        # Only ever a new reply: the thread shows the ones written before.
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("labels", {"body": _("Your reply")})
        if obj is not None:
            kwargs.setdefault("help_texts", {"body": self.reply_box_help(obj)})
        return super().get_formset(request, obj, **kwargs)

    @staticmethod
    def reply_box_help(enquiry):
        # The admin shows help text as HTML: the reader's address is escaped here.
        return escape(
            _(
                "This text is e-mailed to the reader at %(email)s in %(language)s: write it in %(language)s. "
                "We add a greeting, the reference %(reference)s and our sign-off."
            )
            % {"email": enquiry.email, "language": enquiry.language_name, "reference": enquiry.reference}
        )

    def has_add_permission(self, request, obj=None):
        # Sending a reply changes the enquiry (it becomes answered): both permissions are needed.
        parent = self.parent_model._meta
        return (
            obj is not None
            and super().has_add_permission(request, obj)
            and request.user.has_perm(f"{parent.app_label}.{get_permission_codename('change', parent)}")
        )

    def has_view_permission(self, request, obj=None):
        # Without the right to send, no empty box either.
        return self.has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def csv_safe(value):
    """A spreadsheet must not run what a reader typed: cells that look like formulas are quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "created_at",
        "kind",
        "status",
        "subject",
        "name",
        "email",
        "assignee",
        "mail_sent",
    ]
    list_display_links = ["reference", "subject"]
    list_filter = [
        "status",
        "kind",
        ("assignee", admin.RelatedOnlyFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
        MailStateFilter,
    ]
    list_select_related = ["assignee"]
    list_per_page = 50
    date_hierarchy = "created_at"
    search_fields = ["reference", "name", "email", "phone", "subject", "message"]
    raw_id_fields = ["related_article"]
    inlines = [EnquiryReplyInline, EnquiryReplyThreadInline]
    actions = [
        "mark_in_progress",
        "mark_answered",
        "mark_closed",
        "mark_spam",
        "assign_to_me",
        "export_csv",
        "export_personal_data",
        "erase_personal_data",
    ]
    readonly_fields = [
        "reference",
        "mail_state",
        "created_at",
        "name",
        "email",
        "phone",
        "subject",
        "message",
        "story_url",
        "consent",
        "language",
        "spam_reason",
        "ip_address",
        "user_agent",
        "updated_at",
        "ack_sent_at",
        "staff_notified_at",
        "mail_attempts",
        "mail_last_error",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "created_at", "mail_state", "kind", "status", "assignee"]}),
        (_("From the reader"), {"fields": ["name", "email", "phone", "subject", "message", "story_url", "consent"]}),
        (_("Staff"), {"fields": ["related_article", "internal_notes"]}),
        (
            _("Delivery and origin"),
            {
                "classes": ["collapse"],
                "fields": [
                    "ack_sent_at",
                    "staff_notified_at",
                    "mail_attempts",
                    "mail_last_error",
                    "language",
                    "spam_reason",
                    "ip_address",
                    "user_agent",
                    "updated_at",
                ],
            },
        ),
    ]

    def has_add_permission(self, request):
        # Enquiries come in through Contact Us only.
        return False

    def get_autocomplete_fields(self, request):
        # Searching staff by name needs the user admin (accounts) registered with search fields.
        user_admin = self.admin_site._registry.get(get_user_model())
        return ["assignee"] if user_admin is not None and user_admin.search_fields else []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "assignee" and formfield is not None:
            # Choosing a colleague, not editing their account from here.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
        return formfield

    def get_queryset(self, request):
        # The list's mail column knows about replies waiting without a query per row.
        return super().get_queryset(request).with_mail_state()

    @admin.display(boolean=True, description=_("mail sent"))
    def mail_sent(self, obj):
        if obj.status == Enquiry.Status.SPAM and not obj.replies_waiting:
            return None
        return not obj.mail_pending

    @admin.display(description=_("mail"))
    def mail_state(self, obj):
        state = self.acknowledgement_state(obj)
        waiting = obj.replies.queued().count() if obj.replies_waiting else 0
        if waiting:
            replies = ngettext(
                "%(count)d reply to the reader is waiting to be sent (see the replies below).",
                "%(count)d replies to the reader are waiting to be sent (see the replies below).",
                waiting,
            ) % {"count": waiting}
            return format_html("{} {}", state, replies)
        return state

    @staticmethod
    def acknowledgement_state(obj):
        if obj.status == Enquiry.Status.SPAM and obj.spam_reason:
            return _("None sent: kept as suspected spam.")
        if not obj.acknowledgement_pending:
            return _("Acknowledgement and staff notification sent.")
        if obj.mail_attempts >= mail_max_attempts():
            return _("Not sent; retries given up after %(count)d attempts. %(error)s") % {
                "count": obj.mail_attempts,
                "error": obj.mail_last_error,
            }
        return _("Waiting to be sent (%(count)d attempts so far). %(error)s") % {
            "count": obj.mail_attempts,
            "error": obj.mail_last_error,
        }

    def save_formset(self, request, form, formset, change):
        if formset.model is not EnquiryReply:
            return super().save_formset(request, form, formset, change)
        # Only the reply box gives a new reply (an empty box gives none); recorded replies never change.
        for written in formset.save(commit=False):
            reply = services.send_reply(enquiry=form.instance, body=written.body, user=request.user)
            # After the commit, once services.send_reply's own callback has tried the mail server.
            transaction.on_commit(partial(self.report_reply, request, reply))

    def report_reply(self, request, reply):
        reply.refresh_from_db(fields=["delivery", "mail_attempts"])
        enquiry = reply.enquiry
        if reply.delivery == EnquiryReply.Delivery.SENT:
            self.message_user(
                request,
                _("Your reply was e-mailed to %(email)s in %(language)s.")
                % {"email": enquiry.email, "language": enquiry.language_name},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _(
                    "Your reply is saved on the thread but could not be e-mailed yet: it is waiting to be sent "
                    "to %(email)s and will be tried again automatically."
                )
                % {"email": enquiry.email},
                messages.WARNING,
            )

    # --- Actions -------------------------------------------------------------------------

    def _set_status(self, request, queryset, status):
        changed = services.change_status(enquiries=queryset, status=status, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d enquiry marked “%(status)s”.", "%(count)d enquiries marked “%(status)s”.", changed)
            % {"count": changed, "status": Enquiry.Status(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._set_status(request, queryset, Enquiry.Status.IN_PROGRESS)

    @admin.action(description=_("Mark as answered"), permissions=["change"])
    def mark_answered(self, request, queryset):
        self._set_status(request, queryset, Enquiry.Status.ANSWERED)

    @admin.action(description=_("Mark as closed"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, Enquiry.Status.CLOSED)

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Enquiry.Status.SPAM)

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        changed = services.assign(enquiries=queryset, assignee=request.user, user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d enquiry assigned to you.", "%(count)d enquiries assigned to you.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the selected enquiries (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="enquiries-{timezone.localdate():%Y%m%d}.csv"'
        response.write("\ufeff")  # spreadsheets then read the Assamese text as UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("reference"),
                _("received at"),
                _("type"),
                _("status"),
                _("name"),
                _("e-mail address"),
                _("phone"),
                _("subject"),
                _("message"),
                _("story address"),
                _("assigned to"),
                _("internal notes"),
            ]
        )
        for enquiry in queryset.select_related("assignee", "related_article").order_by("created_at"):
            story = enquiry.related_article.get_absolute_url() if enquiry.related_article else enquiry.story_url
            writer.writerow(
                [
                    csv_safe(value)
                    for value in [
                        enquiry.reference,
                        timezone.localtime(enquiry.created_at).strftime("%Y-%m-%d %H:%M"),
                        enquiry.get_kind_display(),
                        enquiry.get_status_display(),
                        enquiry.name,
                        enquiry.email,
                        enquiry.phone,
                        enquiry.subject,
                        enquiry.message,
                        story,
                        enquiry.assignee or "",
                        enquiry.internal_notes,
                    ]
                ]
            )
        return response

    def _selected_emails(self, queryset):
        return sorted({email.strip().lower() for email in queryset.values_list("email", flat=True) if email})

    @admin.action(
        description=_("Export everything held about these senders' e-mail addresses (DPDP Act)"),
        permissions=["view"],
    )
    def export_personal_data(self, request, queryset):
        emails = self._selected_emails(queryset)
        response = HttpResponse(services.personal_data_json(emails), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{timezone.localdate():%Y%m%d}.json"'
        return response

    @admin.action(
        description=_("Erase everything held about these senders' e-mail addresses (DPDP Act)"),
        permissions=["delete"],
    )
    def erase_personal_data(self, request, queryset):
        emails = self._selected_emails(queryset)
        if request.POST.get("post") == "yes":
            erased = services.erase_personal_data(emails=emails, user=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(count)d enquiry erased, with everything it held.",
                    "%(count)d enquiries erased, with everything they held.",
                    erased,
                )
                % {"count": erased},
                messages.SUCCESS,
            )
            return None
        held = [(email, Enquiry.objects.for_email(email).count()) for email in emails]
        return TemplateResponse(
            request,
            "admin/enquiries/enquiry/erase_personal_data.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Erase personal data"),
                "opts": self.model._meta,
                "held": held,
                "total": sum(count for _email, count in held),
                "queryset": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
