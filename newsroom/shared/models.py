"""The project's shared models: the outbox every e-mail waits in until it has gone out.

Nothing here imports an app: accounts, articles, enquiries and the desk all hand their messages to
newsroom/shared/mail.py, which stores them here, and the worker (newsroom/shared/mail.py) sends them.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMailQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=OutgoingMail.State.WAITING)

    def due(self, now=None):
        """Waiting messages whose next try has come (the retry command and the worker send these)."""
        return self.waiting().filter(next_attempt_at__lte=now or timezone.now())

    def past_retention(self, days):
        """Messages done with (sent or given up) and queued more than `days` days ago."""
        return self.exclude(state=OutgoingMail.State.WAITING).filter(
            created_at__lt=timezone.now() - timedelta(days=days)
        )


class OutgoingMail(models.Model):
    """One rendered e-mail: stored with the change that caused it, sent after the commit, retried until sent."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        GIVEN_UP = "given_up", _("Not sent: retries given up")

    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    from_email = models.CharField(_("from"), max_length=254)
    to = models.JSONField(_("to"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10)
    template = models.CharField(_("template"), max_length=200, help_text=_("Which kind of message this is."))
    # What the message is about, for the app that queued it (enquiries find their acknowledgement by it).
    topic = models.CharField(_("about"), max_length=100, blank=True, db_index=True)

    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WAITING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next try at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outgoingmail_state_next"),
            models.Index(fields=["-created_at"], name="outgoingmail_created"),
        ]
        constraints = [
            # A sent message says when; nothing else claims to have been sent.
            models.CheckConstraint(
                condition=Q(state="sent", sent_at__isnull=False) | (~Q(state="sent") & Q(sent_at__isnull=True)),
                name="newsroom_outgoingmail_sent_at_iff_sent",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def recipients(self):
        return ", ".join(self.to)

    def retry_delay(self):
        """How long to wait after the `attempts`-th failure: MAIL_RETRY_SECONDS, doubled each time, a day at most."""
        seconds = settings.MAIL_RETRY_SECONDS * 2 ** max(self.attempts - 1, 0)
        return timedelta(seconds=min(seconds, 24 * 60 * 60))
