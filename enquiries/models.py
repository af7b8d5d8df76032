"""Contact Us: the publisher's contact details and the enquiries readers send."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from newsroom.shared.publisher import publisher

MESSAGE_MAX_LENGTH = 5000


PHONE_LINE = re.compile(r"^(?P<number>\+?[\d][\d\s\-]*\d)\s*(?P<label>.*)$")


@dataclass(frozen=True)
class Phone:
    number: str  # as written, e.g. "+91 361 254 0000"
    label: str  # e.g. "news desk"
    tel: str  # for the tel: link, e.g. "+913612540000"


def parse_phone_line(line):
    """'+91 361 254 0000 (news desk)' → Phone('+91 361 254 0000', 'news desk', '+913612540000')."""
    line = line.strip()
    match = PHONE_LINE.match(line)
    if match is None:
        return Phone(number=line, label="", tel="")
    number = match["number"].strip()
    return Phone(number=number, label=match["label"].strip(" ()-–"), tel=re.sub(r"[^\d+]", "", number))


@dataclass(frozen=True)
class ContactInfo:
    """What the Contact Us page shows, from the staff's ContactDetails row or from settings.PUBLISHER."""

    name: str
    address: str
    email: str
    phones: list
    directions: str
    office_hours: str

    @classmethod
    def from_settings(cls):
        """settings.PUBLISHER's details in the current language: before staff have written theirs, and for
        the error pages, which must render when the database does not answer."""
        return cls(
            name=publisher["name"],
            address=publisher["address"],
            email=publisher["email"],
            phones=[parse_phone_line(publisher["phone"])] if publisher.get("phone") else [],
            directions="",
            office_hours="",
        )


class ContactDetails(models.Model):
    """The one row of contact details staff edit in the admin; without it settings.PUBLISHER is shown."""

    address = models.TextField(_("postal address"))
    email = models.EmailField(_("e-mail address"))
    phones = models.TextField(
        _("phone numbers"), help_text=_("One a line, as readers should dial them, e.g. +91 361 254 0000 (news desk).")
    )
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    directions = models.TextField(
        _("how to find the office"),
        blank=True,
        help_text=_("Landmarks, bus stops, parking: words, not a map."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        constraints = [
            # One row only: the page has one address.
            models.CheckConstraint(condition=Q(id=1), name="enquiries_contactdetails_single_row"),
        ]

    def __str__(self):
        return str(_("Contact details"))

    def save(self, *args, **kwargs):
        # Always the row with id 1: saving "another" one replaces it.
        self.pk = 1
        kwargs.pop("force_insert", None)
        super().save(*args, **kwargs)
        forget_contact_details()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_contact_details()
        return result

    @classmethod
    def current(cls):
        """The details to show: the staff's row when there is one, else the defaults from settings."""
        row = cls.objects.filter(pk=1).first()
        if row is None:
            return ContactInfo.from_settings()
        return ContactInfo(
            name=publisher["name"],
            address=row.address,  # in the current language, else English (enquiries/translation.py)
            email=row.email,
            phones=[parse_phone_line(line) for line in row.phones.splitlines() if line.strip()],
            directions=row.directions,
            office_hours=row.office_hours,
        )


CONTACT_CACHE_KEY = "enquiries:contact-details:{language}"


def contact_details():
    """ContactDetails.current() in the reader's language, from the cache: the footer of every page
    shows it, and a warm page costs no query for it."""
    key = CONTACT_CACHE_KEY.format(language=get_language())
    info = cache.get(key)
    if info is None:
        info = ContactDetails.current()
        cache.set(key, info, None)
    return info


def forget_contact_details():
    cache.delete_many([CONTACT_CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


# The acknowledgement and the staff notification of an enquiry (not spam) that have not gone out yet.
_ACK_PENDING = ~Q(status="spam") & (Q(ack_sent_at__isnull=True) | Q(staff_notified_at__isnull=True))


class EnquiryQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=Enquiry.Status.NEW)

    def mail_pending(self):
        """Enquiries with mail not gone out yet: the acknowledgement or staff notification (never for
        spam), or a reply of the staff to the reader."""
        return self.filter(_ACK_PENDING | Exists(EnquiryReply.objects.queued().filter(enquiry=OuterRef("pk"))))

    def mail_to_retry(self):
        """Enquiries with mail waiting that has been tried fewer than ENQUIRY_MAIL_MAX_ATTEMPTS times."""
        limit = mail_max_attempts()
        replies = EnquiryReply.objects.queued().filter(enquiry=OuterRef("pk"), mail_attempts__lt=limit)
        return self.filter((_ACK_PENDING & Q(mail_attempts__lt=limit)) | Exists(replies))

    def mail_given_up(self):
        """Enquiries with mail waiting that the retries have given up on."""
        limit = mail_max_attempts()
        replies = EnquiryReply.objects.queued().filter(enquiry=OuterRef("pk"), mail_attempts__gte=limit)
        return self.filter((_ACK_PENDING & Q(mail_attempts__gte=limit)) | Exists(replies))

    def mail_all_sent(self):
        return self.filter(ack_sent_at__isnull=False, staff_notified_at__isnull=False).exclude(
            Exists(EnquiryReply.objects.queued().filter(enquiry=OuterRef("pk")))
        )

    def with_mail_state(self):
        """Each enquiry knows whether a reply is waiting to be sent without a query of its own (lists)."""
        return self.annotate(replies_waiting=Exists(EnquiryReply.objects.queued().filter(enquiry=OuterRef("pk"))))

    def for_email(self, email):
        """Everything sent from one e-mail address, whatever its case."""
        return self.annotate(email_lower=Lower("email")).filter(email_lower=email.strip().lower())

    def past_retention(self, days=None, now=None):
        """Closed and spam enquiries nobody has touched for the retention period."""
        days = retention_days() if days is None else days
        cutoff = (now or timezone.now()) - timedelta(days=days)
        return self.filter(status__in=[Enquiry.Status.CLOSED, Enquiry.Status.SPAM], updated_at__lt=cutoff)


def retention_days():
    return settings.ENQUIRY_RETENTION_DAYS


def mail_max_attempts():
    return settings.ENQUIRY_MAIL_MAX_ATTEMPTS


class Enquiry(models.Model):
    """One message sent through Contact Us, and what the staff did with it."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General enquiry")
        NEWS_TIP = "news_tip", _("News tip")
        ADVERTISING = "advertising", _("Advertising")
        CORRECTION = "correction", _("Correction request")
        COMPLAINT = "complaint", _("Complaint")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text=_("Stored in international form, e.g. +919864012345.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    story_url = models.CharField(_("story address"), max_length=500, blank=True)
    consent = models.BooleanField(_("consented to be contacted"), default=False)
    language = models.CharField(_("language"), max_length=10, default="en", editable=False)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    spam_reason = models.CharField(_("why it looks like spam"), max_length=20, blank=True, editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_enquiries",
        limit_choices_to={"is_staff": True},
        verbose_name=_("assigned to"),
    )
    internal_notes = models.TextField(_("internal notes"), blank=True, help_text=_("Seen only by staff."))
    related_article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("story concerned"),
    )

    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True, editable=False)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Mail delivery: the enquiry is saved first; these say what has gone out since.
    ack_sent_at = models.DateTimeField(_("acknowledgement sent at"), null=True, blank=True, editable=False)
    staff_notified_at = models.DateTimeField(_("staff notified at"), null=True, blank=True, editable=False)
    mail_attempts = models.PositiveSmallIntegerField(_("mail attempts"), default=0, editable=False)
    mail_last_error = models.TextField(_("last mail error"), blank=True, editable=False)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="enquiry_status_created"),
            models.Index(fields=["kind", "-created_at"], name="enquiry_kind_created"),
            models.Index(Lower("email"), name="enquiry_email_lower"),
        ]

    def __str__(self):
        # Only the reference: the admin's history keeps this text, and it must hold no personal data.
        return self.reference or str(_("New enquiry"))

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not self.reference:
            self.reference = self.make_reference()
            type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    def make_reference(self):
        year = timezone.localtime(self.created_at).year
        return f"ENQ-{year}-{self.pk:06d}"

    def get_admin_url(self):
        return reverse("admin:enquiries_enquiry_change", args=[self.pk])

    @property
    def next_steps(self):
        return NEXT_STEPS[self.kind]

    @property
    def language_name(self):
        """The reader's language in words ("Assamese"), in the language active now."""
        return str(dict(settings.LANGUAGES).get(self.language, self.language))

    @property
    def acknowledgement_pending(self):
        return self.status != self.Status.SPAM and (self.ack_sent_at is None or self.staff_notified_at is None)

    @cached_property
    def replies_waiting(self):
        # Lists read it from EnquiryQuerySet.with_mail_state()'s annotation of the same name instead.
        return self.replies.queued().exists()

    @property
    def mail_pending(self):
        return self.acknowledgement_pending or self.replies_waiting


# What the sender is told will happen next, on the thank-you page and in the acknowledgement.
NEXT_STEPS = {
    Enquiry.Kind.GENERAL: _("We read every message and answer most within two working days."),
    Enquiry.Kind.NEWS_TIP: _(
        "An editor on the news desk reads every tip. If we follow it up, a reporter may contact you. "
        "We never name a source without their agreement."
    ),
    Enquiry.Kind.ADVERTISING: _("Our advertising team will send you our rates and dates within two working days."),
    Enquiry.Kind.CORRECTION: _(
        "An editor will check the story. If we got something wrong, we correct it and say so at the top of the story."
    ),
    Enquiry.Kind.COMPLAINT: _("The editor reads every complaint and will reply to you within seven days."),
}


class EnquiryReplyQuerySet(models.QuerySet):
    def queued(self):
        return self.filter(delivery=EnquiryReply.Delivery.QUEUED)


class EnquiryReply(models.Model):
    """A reply of the staff on an enquiry's thread: e-mailed to the reader, kept as written."""

    class Delivery(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("E-mailed to the reader")
        # Replies recorded before the desk e-mailed them (told by phone or letter): never sent.
        RECORDED = "recorded", _("Recorded only, not e-mailed")

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="replies", verbose_name=_("enquiry"))
    body = models.TextField(_("what we replied"))
    sent_at = models.DateTimeField(_("written at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )

    # Mail delivery: the reply is saved first, mailed after the commit, retried by send_pending_enquiry_mail.
    # Only services.send_reply queues a reply for sending; anything else stored is a record.
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.RECORDED, editable=False
    )
    mailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True, editable=False)
    mail_attempts = models.PositiveSmallIntegerField(_("mail attempts"), default=0, editable=False)
    mail_last_error = models.TextField(_("last mail error"), blank=True, editable=False)

    objects = EnquiryReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["sent_at", "id"]
        constraints = [
            # E-mailed replies say when; nothing else claims to have been e-mailed.
            models.CheckConstraint(
                condition=Q(delivery="sent", mailed_at__isnull=False)
                | (~Q(delivery="sent") & Q(mailed_at__isnull=True)),
                name="enquiries_enquiryreply_mailed_at_iff_sent",
            ),
        ]

    def __str__(self):
        return str(_("Reply of %(date)s")) % {"date": date_format(timezone.localtime(self.sent_at), "DATETIME_FORMAT")}

    @property
    def mail_given_up(self):
        return self.delivery == self.Delivery.QUEUED and self.mail_attempts >= mail_max_attempts()
