"""Reader comments under published stories, their reports and the editable block list.

The rules for posting and moderating live in `articles/comments/services.py`; these models
hold the data and the queries every page and the admin start from.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_ipv46_address
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles.comments.text import comment_body_html
from articles.models import Article

COMMENT_MAX_LENGTH = 3000


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def held(self):
        return self.filter(status=Comment.Status.HELD)

    @staticmethod
    def reported_condition():
        """Reported by readers and not yet dealt with (removed or marked as spam): the one rule, as a
        condition for the desk's counts and the moderation queue's filters."""
        return Q(report_count__gt=0) & ~Q(status__in=[Comment.Status.REMOVED, Comment.Status.SPAM])

    def reported(self):
        return self.filter(self.reported_condition())

    def top_level(self):
        return self.filter(parent__isnull=True)

    def shown(self):
        """What readers see under a story: approved conversations and the approved replies of those
        (a reply to a removed comment goes with it)."""
        return self.approved().filter(Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED))

    def thread(self, article):
        """The approved conversations under `article`, newest first, each with its approved replies.

        Two queries whatever the size of the page: one for the comments, one for all their replies.
        """
        replies = Comment.objects.approved().order_by("created_at", "pk")
        return (
            self.approved()
            .top_level()
            .filter(article=article)
            .order_by("-created_at", "-pk")
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="approved_replies"))
        )

    def recount_stories(self, article_ids):
        """Write each story's `comment_count` (the comments readers see, shown(): the number its cards
        show) and move its `comments_version` on (the key of its cached comment fragments): one query."""
        shown = (
            Comment.objects.shown()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        Article.objects.filter(pk__in=article_ids).update(
            comment_count=Coalesce(Subquery(shown, output_field=models.IntegerField()), 0),
            comments_version=F("comments_version") + 1,
        )

    def whole_thread(self, article):
        """Every approved conversation under `article` as thread() gives it (newest first, each with its
        approved_replies), in one query: for a thread short enough to show whole."""
        comments = list(self.approved().filter(article=article).order_by("created_at", "pk"))
        replies = {}
        for comment in comments:
            if comment.parent_id is not None:
                replies.setdefault(comment.parent_id, []).append(comment)
        conversations = [comment for comment in reversed(comments) if comment.parent_id is None]
        for conversation in conversations:
            conversation.approved_replies = replies.get(conversation.pk, [])
        return conversations

    def conversation_count(self, article):
        """How many conversations readers see under `article` (the comment pages count these)."""
        return self.shown().top_level().filter(article=article).count()


class Comment(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    class HoldReason(models.TextChoices):
        MODERATION = "", _("New comment")
        LINKS = "links", _("Too many links")
        BLOCKED_WORD = "blocked_word", _("A blocked word")
        BLOCKED_ADDRESS = "blocked_address", _("A blocked e-mail or IP address")
        KNOWN_SPAMMER = "known_spammer", _("Earlier comments from this address were spam")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments", verbose_name=_("story")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail address"), help_text=_("Never shown to readers."))
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    # The body as readers see it (articles/comments/text.py), made on save so a page only copies it.
    body_html = models.TextField(editable=False, blank=True, default="")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.HELD)
    hold_reason = models.CharField(
        _("why it was held"), max_length=20, choices=HoldReason.choices, blank=True, default=""
    )
    is_staff_reply = models.BooleanField(
        _("from the newsroom"), default=False, help_text=_("Posted by a member of staff.")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    reported_at = models.DateTimeField(_("last reported at"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_date"),
            models.Index(fields=["status", "-created_at"], name="comment_status_date"),
            models.Index(fields=["email", "status"], name="comment_email_status"),
            # The moderation queue's "stories with the most comments waiting": read from this index
            # alone (4 ms), not from 200,000 comments (45 ms).
            models.Index(
                fields=["article", "status", "report_count", "id"],
                condition=Q(status="held") | Q(report_count__gt=0),
                name="comment_waiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="removed") | models.Q(removed_at__isnull=False),
                name="comment_removed_has_date",
            ),
        ]

    def __str__(self):
        excerpt = " ".join(self.body.split())
        if len(excerpt) > 60:
            excerpt = excerpt[:59] + "…"
        return f"{self.name}: {excerpt}"

    def save(self, *args, **kwargs):
        self.body_html = comment_body_html(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def html(self):
        """The text as readers see it: made on save, or now for a row written without save() (bulk_create)."""
        return mark_safe(self.body_html) if self.body_html else comment_body_html(self.body)  # noqa: S308 - ours


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Abusive or hateful")
        SPAM = "spam", _("Spam or advertising")
        PERSONAL = "personal", _("Shares someone's personal details")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, default=Reason.ABUSE)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class BlockedTerm(models.Model):
    """A word, e-mail address (or @domain) or IP address that sends a comment to moderation."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL = "email", _("E-mail address or @domain")
        IP = "ip", _("IP address")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.WORD)
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_("A word or phrase; an e-mail address, or @example.com for a whole domain; an IP address."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked term")
        verbose_name_plural = _("blocked terms")
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="blockedterm_unique_kind_value")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = " ".join(self.value.split()).casefold()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.value = " ".join(self.value.split()).casefold()
        if self.kind == self.Kind.IP:
            try:
                validate_ipv46_address(self.value)
            except ValidationError:
                raise ValidationError({"value": _("Enter a valid IPv4 or IPv6 address.")}) from None
        elif self.kind == self.Kind.EMAIL:
            address = self.value if not self.value.startswith("@") else "someone" + self.value
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {"value": _("Enter an e-mail address, or @ and a domain (@example.com).")}
                ) from None
