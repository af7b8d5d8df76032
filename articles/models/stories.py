import math
import re
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.cache import cache
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from articles.html import sanitise_html
from articles.models.translations import TranslatedArticleMixin, TranslationStateQuerySetMixin
from newsroom.shared.photos import strip_new_photo, validate_photo
from newsroom.shared.slugs import UnicodeSlugField, unicode_slugify

NAVIGATION_CACHE_KEY = "articles:navigation"
# An edit this long after publication shows "Updated On" on the story.
UPDATE_SHOWN_AFTER = timedelta(minutes=10)
# A reader's views of one story within this many seconds count once.
VIEW_COUNTED_ONCE_PER = 3600


class RowByRowExists(Exists):
    """EXISTS that the database checks for each candidate row, by index, and stops with the query.

    PostgreSQL would otherwise turn a plain EXISTS inside an OR into a hash of every matching row
    (every story with a common tag: thousands, growing with the archive) before reading the first
    candidate. OFFSET 0 keeps the subquery as it is written; SQLite reads it as a no-op.
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"


class SectionQuerySet(models.QuerySet):
    def in_navigation(self):
        return self.filter(show_in_navigation=True)


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = UnicodeSlugField(_("slug"), max_length=80, unique=True)
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
    slug = UnicodeSlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class ArticleQuerySet(TranslationStateQuerySetMixin, models.QuerySet):
    # The one rule for "public" and "still to come", as conditions, so the reporter's desk and the
    # staff desk's counts (which filter with them inside larger queries) agree with the public pages.
    @staticmethod
    def live_condition(now):
        """Published, or scheduled and its time has come."""
        return Q(status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED], published_at__lte=now)

    @staticmethod
    def upcoming_condition(now):
        """Scheduled (or published with a future date), its time not yet come."""
        return Q(status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED], published_at__gt=now)

    def published(self):
        """The only door public code uses (live_condition).

        The search document (a long tsvector of every language's text) is left in the database:
        no page shows it, and search reads it there.
        """
        return self.filter(self.live_condition(timezone.now())).defer("search_document")

    def upcoming(self):
        """Stories whose time has not come yet (upcoming_condition), soonest first."""
        return self.filter(self.upcoming_condition(timezone.now())).order_by("published_at")

    def breaking(self):
        """Published stories marked as breaking news whose mark has not expired, newest first."""
        return self.published().filter(breaking_until__gt=timezone.now()).order_by("-published_at", "-id")

    def for_cards(self):
        """What a story card shows (headline, section, date, photo, comment count), in one query."""
        return self.select_related("section")

    def for_listing(self):
        """for_cards() with each story's reporters (a list that names them), in a fixed number of queries."""
        from accounts.models import Reporter

        return self.for_cards().prefetch_related(
            models.Prefetch("authors", queryset=Reporter.objects.select_related("user"))
        )

    def most_read(self, *, days=7):
        """The most viewed stories published in the last `days` days."""
        since = timezone.now() - timedelta(days=days)
        return self.filter(published_at__gte=since).order_by("-view_count", "-published_at")

    def latest_per_section(self, sections, *, per_section=4, days=60):
        """The newest `per_section` stories of the last `days` of each of `sections`, in one query, by section.

        PostgreSQL: one small index scan per section, put together with UNION ALL, so a few rows are
        read per section however large the archive grows (ranking every recent story with a window
        function took 45 ms at 20,000 stories). SQLite, which cannot limit the parts of a UNION,
        ranks with the window function.
        """
        recent = self.filter(published_at__gte=timezone.now() - timedelta(days=days), section__in=sections)
        order = ["-published_at", "-id"]
        if connection.features.supports_slicing_ordering_in_compound:
            newest = [
                recent.filter(section_id=section.pk).order_by(*order).values("pk")[:per_section] for section in sections
            ]
            if not newest:
                return self.none()
            chosen = recent.filter(pk__in=newest[0].union(*newest[1:], all=True))
        else:
            rank = Window(RowNumber(), partition_by=[F("section_id")], order_by=[F(name[1:]).desc() for name in order])
            chosen = recent.annotate(section_rank=rank).filter(section_rank__lte=per_section)
        return chosen.order_by("section_id", *order)

    def related_to(self, article, *, limit=4):
        """Other stories from the same section or with a tag in common, newest first."""
        tag_ids = [tag.pk for tag in article.tags.all()]
        # EXISTS rather than a join: no DISTINCT, so the database walks the newest stories and stops at `limit`.
        shares_a_tag = RowByRowExists(
            Article.tags.through.objects.filter(article_id=OuterRef("pk"), tag_id__in=tag_ids)
        )
        return (
            self.filter(Q(section_id=article.section_id) | shares_a_tag)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-id")[:limit]
        )

    def search(self, query):
        """Stories matching `query` in the headline, summary or body of any language, or in the
        name of their section or of one of their tags (a reader's "floods" finds the story tagged Floods).

        PostgreSQL: full-text search ('simple' configuration, so English and Assamese words both
        match as written), best matches first. Elsewhere: a plain substring match, newest first.
        """
        languages = [code for code, _name in settings.LANGUAGES]
        columns = [f"{field}_{code}" for field in ("headline", "summary", "body") for code in languages]
        names = [f"name_{code}" for code in languages]
        if connection.vendor == "postgresql":
            search_query = SearchQuery(query, search_type="websearch", config="simple")
            named = SearchVector(*names, config="simple")
            # Read first (two small queries): a way of matching that matches nothing is then left out,
            # instead of the database walking every story to find that out.
            section_ids = list(
                Section.objects.annotate(document=named).filter(document=search_query).values_list("pk", flat=True)
            )
            tag_ids = list(
                Tag.objects.annotate(document=named).filter(document=search_query).values_list("pk", flat=True)
            )
            # Rank only the newest matches: ranking reads every candidate's whole text, and a word
            # common in the news would otherwise make the database rank half the archive. Each way
            # of matching (the text, the section, a tag) walks the newest stories and stops at the
            # limit; one OR, or a union of every match, would make it read every story's text.
            limit = settings.SEARCH_MAX_RESULTS

            def newest(articles):
                return articles.order_by("-published_at", "-id").values("pk")[:limit]

            matches = newest(self.filter(search_document=search_query))
            others = [newest(self.filter(section_id__in=section_ids))] if section_ids else []
            if tag_ids:  # a join (the tag's index, then the newest): a duplicate row goes in the union
                others.append(newest(self.filter(tags__in=tag_ids)))
            if others:
                matches = matches.union(*others)
            newest_matches = self.filter(pk__in=matches).order_by("-published_at", "-id").values("pk")[:limit]
            return (
                self.filter(pk__in=newest_matches)
                .annotate(rank=SearchRank(F("search_document"), search_query))
                .order_by("-rank", "-published_at", "-id")
            )
        words = search_words(query)
        if not words:
            return self.none()
        condition = Q()
        for word in words:
            matches_word = Q()
            for column in columns:
                matches_word |= Q(**{f"{column}__icontains": word})
            tag_named = Q()
            for name in names:
                matches_word |= Q(**{f"section__{name}__icontains": word})
                tag_named |= Q(**{f"tag__{name}__icontains": word})
            matches_word |= Q(Exists(Article.tags.through.objects.filter(tag_named, article_id=OuterRef("pk"))))
            condition &= matches_word
        return self.filter(condition).order_by("-published_at", "-id")

    def published_between(self, since=None, until=None):
        """Stories published from the day `since` to the day `until`, both included, in the site's time zone."""
        articles = self
        if since:
            articles = articles.filter(published_at__gte=start_of_day(since))
        if until:
            articles = articles.filter(published_at__lt=start_of_day(until + timedelta(days=1)))
        return articles

    def filed_by(self, reporter):
        """The stories a reporter filed (they are among its authors): their desk, their edit rights."""
        return self.filter(authors=reporter)


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def search_words(query):
    """The words of a search, as a reader typed them (quotes and operators dropped)."""
    return [word for word in re.split(r"[\s\"'()]+", query) if word and word.lower() not in {"or", "and", "-"}][:20]


# An average reader's pace: a story's "min read", and the reporter's live count (static/js/story-form.js).
WORDS_PER_MINUTE = 200


def count_words(text):
    """Words in `text` (HTML allowed), split at whitespace and at tags, so paragraphs do not run together.

    Words are counted by whitespace, so Assamese counts the same way as English.
    """
    return len(strip_tags((text or "").replace("<", " <")).split())


def reading_minutes(text):
    """Minutes an average reader needs for `text` (HTML allowed), at WORDS_PER_MINUTE; at least 1."""
    return max(1, math.ceil(count_words(text) / WORDS_PER_MINUTE))


class Article(TranslatedArticleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to the reporter")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    headline = models.CharField(_("headline"), max_length=200)
    slug = UnicodeSlugField(
        _("slug"), max_length=220, unique=True, blank=True, help_text=_("Leave empty to make it from the headline.")
    )
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
    breaking_until = models.DateTimeField(
        _("breaking news until"),
        null=True,
        blank=True,
        help_text=_(
            "While published, the story is named in the breaking-news strip on every page until this time. "
            "Leave empty for no strip."
        ),
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # Approved comments, kept by the comments unit (articles/comments/signals.py) for the story cards.
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    # Changes whenever the story's comments do: the cached comment fragments are keyed by it.
    comments_version = models.PositiveIntegerField(default=0, editable=False)
    comments_enabled = models.BooleanField(_("comments open"), default=True)
    # PostgreSQL only: every language's headline (weight A), summary (B) and body (C) as a tsvector,
    # kept up to date by a database trigger (migration 0006) and GIN-indexed. Unused on SQLite.
    search_document = SearchVectorField(null=True, editable=False)
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
            # Newest first across every status: lists that filter on more than the status stop early.
            models.Index(fields=["-published_at", "-id"], name="article_newest"),
            # The home page's lead story: found at once even when no story has been featured for months.
            models.Index(
                fields=["-published_at", "-id"], condition=Q(is_featured=True), name="article_featured_newest"
            ),
            # The breaking-news strip on every page: the few marked stories, found without a scan.
            models.Index(fields=["breaking_until"], condition=Q(breaking_until__isnull=False), name="article_breaking"),
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
        base = unicode_slugify(self.headline)[:200].strip("-") or "story"
        slug, n = base, 2
        while Article.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def reading_time(self, text=None):
        """Minutes to read the story in the current language (or the `text` given)."""
        return reading_minutes(self.body if text is None else text)

    @classmethod
    def record_view(cls, slug, *, reader=None):
        """Count one reading of a story: once an hour for each `reader` (articles/caching.py
        reader_key), so reloading, or one client asking a hundred times, does not push "Most read".

        Views are added up in the shared cache and written to the database once every
        VIEW_COUNT_BATCH views, so a page served from the cache costs no database write.
        If the cache is lost, at most one batch of views goes uncounted.
        """
        if reader is not None and not cache.add(f"articles:viewed:{slug}:{reader}", 1, VIEW_COUNTED_ONCE_PER):
            return
        batch = settings.VIEW_COUNT_BATCH
        if batch <= 1:
            cls.objects.published().filter(slug=slug).update(view_count=F("view_count") + 1)
            return
        key = f"articles:views:{slug}"
        try:
            views = cache.incr(key)
        except ValueError:  # the first view since the last count, or the cache is down: start counting
            cache.add(key, 1, None)
            return
        if views % batch == 0:
            # update() sends no signal and leaves updated_at alone: counting never empties the page cache.
            cls.objects.published().filter(slug=slug).update(view_count=F("view_count") + batch)

    @property
    def correction_language(self):
        """The language of the correction note shown (`correction`): the page's, else the one it falls back to."""
        for language in resolution_order(get_language()):
            if (getattr(self, build_localized_fieldname("correction", language), None) or "").strip():
                return language
        return self.original_language()

    @property
    def was_updated(self):
        """True when the story was changed meaningfully later than it went out (10 minutes or more)."""
        return bool(self.published_at and self.updated_at and self.updated_at - self.published_at >= UPDATE_SHOWN_AFTER)

    @property
    def is_breaking(self):
        """True while the story is in the breaking-news strip (published, its mark not expired)."""
        return self.is_published and self.breaking_until is not None and self.breaking_until > timezone.now()

    @property
    def is_published(self):
        return (
            self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
