from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.html import sanitise_html
from articles.models.translations import TranslatedArticleMixin, TranslationStateQuerySetMixin
from newsroom.photos import strip_new_photo, validate_photo

NAVIGATION_CACHE_KEY = "articles:navigation"


class SectionQuerySet(models.QuerySet):
    def in_navigation(self):
        return self.filter(show_in_navigation=True)


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    show_in_navigation = models.BooleanField(_("shown in the navigation"), default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(NAVIGATION_CACHE_KEY)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(NAVIGATION_CACHE_KEY)
        return result


def navigation_sections():
    """The sections in the header, read from the cache: no query on a warm page."""
    sections = cache.get(NAVIGATION_CACHE_KEY)
    if sections is None:
        sections = list(Section.objects.in_navigation())
        cache.set(NAVIGATION_CACHE_KEY, sections, 3600)
    return sections


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class ArticleQuerySet(TranslationStateQuerySetMixin, models.QuerySet):
    def published(self):
        """The only door public code uses: published, or scheduled and its time has come."""
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=timezone.now(),
        )

    def for_listing(self):
        """What a list of stories shows, fetched in a fixed number of queries."""
        return self.select_related("section").prefetch_related("authors__user")

    def filed_by(self, reporter):
        """The stories a reporter filed (they are among its authors): their desk, their edit rights."""
        return self.filter(authors=reporter)


class Article(TranslatedArticleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to the reporter")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    summary = models.TextField(
        _("summary"), max_length=500, blank=True, help_text=_("The standfirst under the headline.")
    )
    body = models.TextField(_("body"), blank=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section"))
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    authors = models.ManyToManyField(
        "accounts.Reporter", blank=True, related_name="articles", verbose_name=_("authors")
    )
    lead_photo = models.ImageField(
        _("lead photo"),
        upload_to="articles/%Y/%m/",
        blank=True,
        validators=[validate_photo],
        width_field="lead_photo_width",
        height_field="lead_photo_height",
    )
    lead_photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_caption = models.CharField(_("photo caption"), max_length=300, blank=True)
    photo_credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    photo_alt = models.CharField(
        _("photo alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # When the original-language text last changed; translations older than this are out of date
    # (articles/models/translations.py).
    original_updated_at = models.DateTimeField(_("original text updated at"), null=True, blank=True, editable=False)
    correction = models.TextField(_("correction note"), blank=True)
    is_featured = models.BooleanField(_("lead story"), default=False)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    comments_enabled = models.BooleanField(_("comments open"), default=True)
    # Optimistic locking for the editorial workflow (articles/services.py): every transition bumps it.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", _("Can publish, schedule, return and reject stories"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "scheduled"]) | models.Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        for language, _name in settings.LANGUAGES:
            field = f"body_{language}"
            if hasattr(self, field):
                setattr(self, field, sanitise_html(getattr(self, field)))
        strip_new_photo(self.lead_photo)
        changed_languages = self._changed_languages(kwargs.get("update_fields"))
        now = timezone.now()
        if self.original_language() in changed_languages:
            self.original_updated_at = now
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "original_updated_at"}
        super().save(*args, **kwargs)
        self._record_translation_changes(changed_languages, now)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def _unique_slug(self):
        base = slugify(self.headline, allow_unicode=True)[:200] or "story"
        slug, n = base, 2
        while Article.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def is_published(self):
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
