"""The sitemaps (every language, with hreflang alternates) and the Google News sitemap.

/sitemap.xml is an index naming /sitemap-sections.xml, /sitemap-stories.xml and
/sitemap-reporters.xml, each in pages of SITEMAP_PAGE_SIZE addresses (?p=2, ?p=3, …), so the
archive can grow without a file passing the protocol's limit, and each page is made from its own
rows only.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from accounts.models import Reporter
from articles.caching import cached_page
from articles.models import Article, Section

NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_LIMIT = 1000
# Addresses per sitemap file. The protocol allows 50,000; a file of 2,000 is made in about half a second.
SITEMAP_PAGE_SIZE = 2000


def _newest_story_date(**story_filter):
    """The publication date of the newest published story matching `story_filter`, as a subquery:
    one index lookup per row, where an aggregate over a join read every story."""
    newest = Article.objects.published().filter(**story_filter).order_by("-published_at")
    return Subquery(newest.values("published_at")[:1])


class AddressesByLanguage:
    """Every (item, language) address of a sitemap, a language at a time, counted and sliced in the
    database: a page of the sitemap reads only its own rows. (Django pairs items with languages
    in memory, which reads the whole archive for every page.)"""

    def __init__(self, blocks):
        self.blocks = blocks  # [(language code, queryset of the items with an address in it)]
        self._sizes = None

    def count(self):
        if self._sizes is None:
            self._sizes = [items.count() for _code, items in self.blocks]
        return sum(self._sizes)

    def __getitem__(self, index):
        self.count()
        start, stop = index.start or 0, index.stop
        pairs = []
        for (code, items), size in zip(self.blocks, self._sizes, strict=True):
            if start < size and stop > 0:
                pairs += [(item, code) for item in items[max(start, 0) : min(stop, size)]]
            start, stop = start - size, stop - size
        return pairs


class TranslatedSitemap(Sitemap):
    """One <url> per language, each naming the others and x-default."""

    i18n = True
    alternates = True
    x_default = True
    limit = SITEMAP_PAGE_SIZE

    def items_in(self, language):
        """The items with an address in `language`: all of them unless a sitemap says otherwise."""
        return self.items()

    @property
    def paginator(self):
        blocks = [(code, self.items_in(code)) for code, _name in settings.LANGUAGES]
        return Paginator(AddressesByLanguage(blocks), self.limit)


class SectionSitemap(TranslatedSitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Section.objects.annotate(last_story=_newest_story_date(section=OuterRef("pk"))).order_by("order", "pk")

    def lastmod(self, section):
        return section.last_story

    def get_latest_lastmod(self):
        # For the index; Django's default reads every item to find the newest.
        return Article.objects.published().aggregate(latest=Max("published_at"))["latest"]


class ArticleSitemap(TranslatedSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return (
            Article.objects.published()
            .with_available_languages()
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def items_in(self, language):
        return self.items().filter(**{f"has_language_{language}": True})

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max(Greatest("updated_at", "published_at")))["latest"]

    def get_languages_for_item(self, article):
        # Only the languages the story is written in: an untranslated story's other addresses show the original.
        return article.available_languages()

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)


class ReporterSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return (
            Reporter.objects.approved().annotate(last_story=_newest_story_date(authors=OuterRef("pk"))).order_by("slug")
        )

    def lastmod(self, reporter):
        return reporter.last_story

    def get_latest_lastmod(self):
        bylines = Article.objects.published().filter(authors__in=Reporter.objects.approved())
        return bylines.aggregate(latest=Max("published_at"))["latest"]


SITEMAPS = {"sections": SectionSitemap, "stories": ArticleSitemap, "reporters": ReporterSitemap}


@require_GET
@cached_page(allowed_params=())
def news_sitemap(request):
    """Google News: the stories of the last two days (at most 1,000), in every language they exist in."""
    since = timezone.now() - timedelta(days=NEWS_SITEMAP_DAYS)
    articles = Article.objects.published().filter(published_at__gte=since).order_by("-published_at", "-id")
    entries = []
    for article in articles[:NEWS_SITEMAP_LIMIT]:
        for code, _name in settings.LANGUAGES:
            headline = getattr(article, f"headline_{code}", None)
            if not headline:
                continue
            with translation.override(code):
                location = request.build_absolute_uri(article.get_absolute_url())
            entries.append({"location": location, "language": code, "title": headline, "article": article})
            if len(entries) >= NEWS_SITEMAP_LIMIT:
                break
        if len(entries) >= NEWS_SITEMAP_LIMIT:
            break
    return render(
        request,
        "articles/news_sitemap.xml",
        {"entries": entries, "publication": settings.PUBLISHER["name"]},
        content_type="application/xml; charset=utf-8",
    )
