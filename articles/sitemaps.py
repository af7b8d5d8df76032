"""sitemap.xml (every language, with hreflang alternates), the Google News sitemap and robots.txt."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from accounts.models import Reporter
from articles.caching import cached_page
from articles.models import Article, Section

NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_LIMIT = 1000


class TranslatedSitemap(Sitemap):
    """One <url> per language, each naming the others and x-default."""

    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(TranslatedSitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Section.objects.annotate(
            last_story=Max(
                "articles__published_at",
                filter=Q(articles__in=Article.objects.published()),
            )
        ).order_by("order", "pk")

    def lastmod(self, section):
        return section.last_story


class ArticleSitemap(TranslatedSitemap):
    changefreq = "daily"
    priority = 0.6
    # Django's default page size is the protocol's limit, 50,000 addresses; past that, /sitemap.xml?p=2
    # exists and /sitemap.xml should become a sitemap index (django.contrib.sitemaps.views.index).

    def items(self):
        return (
            Article.objects.published()
            .with_available_languages()
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

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
            Reporter.objects.approved()
            .annotate(last_story=Max("articles__published_at", filter=Q(articles__in=Article.objects.published())))
            .order_by("slug")
        )

    def lastmod(self, reporter):
        return reporter.last_story


SITEMAPS = {"sections": SectionSitemap, "articles": ArticleSitemap, "reporters": ReporterSitemap}


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


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: " + reverse("admin:index"),
        "Disallow: /accounts/",
        "Disallow: " + reverse("articles:search"),
        "",
        "Sitemap: " + request.build_absolute_uri(reverse("sitemap")),
        "Sitemap: " + request.build_absolute_uri(reverse("news-sitemap")),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
