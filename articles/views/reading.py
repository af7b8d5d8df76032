"""The public reading site: home, sections, tags, stories, reporters, search and the archive.

Every view starts from `Article.objects.published()` and fetches what its page shows in a fixed
number of queries. Anonymous pages come from the page cache (articles/caching.py).
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.dates import DayArchiveView, MonthArchiveView, YearArchiveView

from accounts.models import Reporter
from articles.caching import CachedPageMixin
from articles.models import Article, Section, Tag, navigation_sections
from articles.views.beacon import beacon_url
from newsroom.publisher import publisher

SEARCH_MAX_LENGTH = 200
STORIES_PER_PAGE = 20


class SafePaginationMixin:
    """`?page=abc` is page 1; a page past the end is a 404 (Django's own answer), never a 500."""

    paginate_by = STORIES_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        page = self.request.GET.get(self.page_kwarg)
        if page is not None and page != "last" and not page.isdigit():
            self.kwargs[self.page_kwarg] = 1
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("object_list") is not None:
            prefetch_related_objects(list(context["object_list"]), *listing_prefetches())
        return context


def has_public_page(reporter):
    return reporter.status == Reporter.Status.APPROVED and reporter.user.is_active


def listing_prefetches():
    return [Prefetch("authors", queryset=Reporter.objects.select_related("user"))]


class HomeView(CachedPageMixin, TemplateView):
    """Lead story, top stories, latest news, a block per section and the most read."""

    template_name = "articles/home.html"
    top_count = 4
    latest_count = 10
    per_section = 4

    def get_context_data(self, **kwargs):
        published = Article.objects.published().select_related("section").with_comment_count()
        lead = published.filter(is_featured=True).first()
        recent = list(published.exclude(pk=lead.pk if lead else None)[: self.top_count + self.latest_count + 1])
        if lead is None and recent:
            lead = recent.pop(0)
        sections = navigation_sections()
        blocks = {section.pk: [] for section in sections}
        for article in published.latest_per_section(sections, per_section=self.per_section):
            blocks[article.section_id].append(article)
        most_read = list(published.most_read(days=7)[:5])
        everything = [*([lead] if lead else []), *recent, *(a for block in blocks.values() for a in block)]
        prefetch_related_objects(everything, *listing_prefetches())
        return super().get_context_data(
            lead=lead,
            top_stories=recent[: self.top_count],
            latest=recent[self.top_count : self.top_count + self.latest_count],
            section_blocks=[(section, blocks[section.pk]) for section in sections if blocks[section.pk]],
            most_read=most_read,
            **kwargs,
        )


class SectionView(CachedPageMixin, SafePaginationMixin, ListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section).select_related("section").with_comment_count()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, current_section_slug=self.section.slug, **kwargs)


class TagView(CachedPageMixin, SafePaginationMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().filter(tags=self.tag).select_related("section").with_comment_count()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(CachedPageMixin, DetailView):
    """The story page. Views are counted by the image beacon it carries (articles/views/beacon.py), not
    here: the page is the same for every reader and may come from any cache."""

    # Later pages of a long comment thread (?comments=2) are as cacheable as the first.
    cache_query_params = ("comments",)

    def get_queryset(self):
        return Article.objects.published().select_related("section").prefetch_related(*listing_prefetches(), "tags")

    def get_context_data(self, **kwargs):
        article = self.object
        related = list(Article.objects.published().related_to(article).select_related("section").with_comment_count())
        page_url = self.request.build_absolute_uri(article.get_absolute_url())
        photo_url = self.request.build_absolute_uri(article.lead_photo.url) if article.lead_photo else ""
        return super().get_context_data(
            related=related,
            current_section_slug=article.section.slug,
            reading_minutes=article.reading_time(),
            page_url=page_url,
            photo_url=photo_url,
            structured_data=self.structured_data(article, page_url, photo_url),
            view_beacon_url=beacon_url(article),
            **kwargs,
        )

    def person(self, reporter):
        person = {"@type": "Person", "name": reporter.name}
        if has_public_page(reporter):
            person["url"] = self.request.build_absolute_uri(reporter.get_absolute_url())
        return person

    def structured_data(self, article, page_url, photo_url):
        """schema.org NewsArticle for search engines (JSON-LD)."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": page_url},
            "headline": article.headline[:110],
            "description": article.summary,
            "datePublished": article.published_at.isoformat(),
            "dateModified": max(article.updated_at, article.published_at).isoformat(),
            "inLanguage": get_language(),
            "articleSection": article.section.name,
            "author": [self.person(author) for author in article.authors.all()],
            "publisher": {
                "@type": "Organization",
                "name": publisher["name"],
                "logo": {"@type": "ImageObject", "url": self.request.build_absolute_uri(static("img/logo.svg"))},
            },
        }
        if photo_url:
            data["image"] = [photo_url]
        return data


class ReporterView(CachedPageMixin, SafePaginationMixin, ListView):
    """An approved reporter's page: photo, name, bio and their published stories."""

    template_name = "articles/reporter_detail.html"

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter.objects.approved().select_related("user"), slug=self.kwargs["slug"])
        return (
            self.reporter.articles.published()
            .select_related("section")
            .with_comment_count()
            .order_by("-published_at", "-id")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(reporter=self.reporter, **kwargs)


class SearchView(SafePaginationMixin, ListView):
    """Search over every language's headline, summary and body; not cached (queries are endless)."""

    template_name = "articles/search.html"

    def get_queryset(self):
        raw = self.request.GET.get("q", "")
        self.truncated = len(raw) > SEARCH_MAX_LENGTH
        self.query = " ".join(raw.split())[:SEARCH_MAX_LENGTH].strip()
        if not self.query:
            return Article.objects.none()
        return Article.objects.published().search(self.query).select_related("section").with_comment_count()

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, truncated=self.truncated, **kwargs)


class ArchiveMixin(CachedPageMixin, SafePaginationMixin):
    """Date-based archive pages (Django's generic views) over published stories, in Asia/Kolkata days."""

    date_field = "published_at"
    allow_empty = True
    allow_future = False
    month_format = "%m"

    def get_queryset(self):
        return Article.objects.published().select_related("section").with_comment_count()

    def get_context_data(self, **kwargs):
        return super().get_context_data(archive_year=int(self.get_year()), **kwargs)

    def get_dated_items(self):
        try:
            return super().get_dated_items()
        except (ValueError, OverflowError):
            raise Http404(_("There is no such date.")) from None


class YearArchiveView(ArchiveMixin, YearArchiveView):
    make_object_list = True


class MonthArchiveView(ArchiveMixin, MonthArchiveView):
    pass


class DayArchiveView(ArchiveMixin, DayArchiveView):
    pass
