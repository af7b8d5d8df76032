"""The public reading site: home, sections, tags, stories, reporters, search and the archive.

Every view starts from `Article.objects.published()` and fetches what its page shows in a fixed
number of queries. Anonymous pages come from the page cache (articles/caching.py).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.dates import DayArchiveView, MonthArchiveView, YearArchiveView

from accounts.models import Reporter
from articles import metadata, search
from articles.caching import CachedPageMixin
from articles.forms.search import SearchForm
from articles.models import Article, Section, Tag, navigation_sections
from articles.views.beacon import beacon_url
from newsroom.shared.fragments import cached_fragment, fragment_key, scope_versions
from newsroom.shared.metadata import PageMetadataMixin, publisher_organization

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


def listing_prefetches():
    return [Prefetch("authors", queryset=Reporter.objects.select_related("user"))]


class HomeView(CachedPageMixin, PageMetadataMixin, TemplateView):
    """Lead story, top stories, latest news, a block per section and the most read."""

    template_name = "articles/home.html"
    top_count = 4
    latest_count = 10
    per_section = 4

    def get_context_data(self, **kwargs):
        published = Article.objects.published().for_cards()
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

    def page_structured_data(self, context, url):
        return [publisher_organization(self.request), metadata.website(self.request)]


class SectionView(CachedPageMixin, PageMetadataMixin, SafePaginationMixin, ListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section).for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, current_section_slug=self.section.slug, **kwargs)

    def page_title(self, context):
        return self.section.name

    def page_description(self, context):
        return self.section.description or super().page_description(context)

    def page_structured_data(self, context, url):
        return [metadata.collection_page(self.request, url, self.section.name, self.section.description)]


class TagView(CachedPageMixin, PageMetadataMixin, SafePaginationMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().filter(tags=self.tag).for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def page_title(self, context):
        return _("Stories about %(name)s") % {"name": self.tag.name}

    page_description = page_title

    def page_structured_data(self, context, url):
        return [metadata.collection_page(self.request, url, self.page_title(context))]


class ArticleDetailView(CachedPageMixin, DetailView):
    """The story page. Views are counted by the image beacon it carries (articles/views/beacon.py), not
    here: the page is the same for every reader and may come from any cache."""

    @property
    def cache_query_params(self):
        # What the sections under the story page through (a long comment thread's ?comments=2) is as
        # cacheable as the first page.
        return tuple(settings.STORY_PAGE_CACHED_PARAMS)

    def get_queryset(self):
        # Reporters and tags are fetched only when the story is rendered anew (story_fragment).
        return Article.objects.published().select_related("section")

    def get_context_data(self, **kwargs):
        article = self.object
        related = list(Article.objects.published().related_to(article).for_cards())
        page_url = self.request.build_absolute_uri(article.get_absolute_url())
        most_read = list(Article.objects.published().exclude(pk=article.pk).most_read(days=7)[:5])
        context = super().get_context_data(
            related=related,
            most_read=most_read,
            current_section_slug=article.section.slug,
            page_url=page_url,
            **kwargs,
        )
        return {**context, **self.story_fragment(context)}

    def story_fragment(self, context):
        """The story itself (header, photo, text, tags, share links) and its metadata, the same for every
        reader: kept by the story, the page's language and address, and the versions of what it shows
        (the story, its reporters, sections and tags; newsroom/page_changes.py moves them on). At most
        CACHE_MIDDLEWARE_SECONDS, as long as a page may be kept."""
        article = self.object
        versions = scope_versions(f"story:{article.pk}", "people", "taxonomy")
        key = fragment_key("story", article.pk, translation.get_language(), context["page_url"], versions)

        def make():
            prefetch_related_objects([article], *listing_prefetches(), "tags")
            made = {**context, "reading_minutes": article.reading_time(), "view_beacon_url": beacon_url(article)}
            return {
                "story_main": render_to_string("articles/includes/story_main.html", made, request=self.request),
                "page_meta": metadata.story_metadata(self.request, article),
            }

        fragment = cached_fragment(key, make, settings.CACHE_MIDDLEWARE_SECONDS)
        return {**fragment, "story_main": mark_safe(fragment["story_main"])}  # noqa: S308 - our own template


class ReporterView(CachedPageMixin, PageMetadataMixin, SafePaginationMixin, ListView):
    """An approved reporter's page: photo, name, bio and their published stories."""

    template_name = "articles/reporter_detail.html"

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter.objects.approved().select_related("user"), slug=self.kwargs["slug"])
        return self.reporter.articles.published().for_cards().order_by("-published_at", "-id")

    def get_context_data(self, **kwargs):
        return super().get_context_data(reporter=self.reporter, **kwargs)

    def page_title(self, context):
        return self.reporter.name

    def page_description(self, context):
        return self.reporter.bio or self.reporter.name

    def page_metadata(self, context):
        page = super().page_metadata(context)
        page.type = "profile"
        if self.reporter.photo:
            page.image = {"url": self.request.build_absolute_uri(self.reporter.photo.url), "alt": self.reporter.name}
        return page

    def page_structured_data(self, context, url):
        return [metadata.profile_page(self.request, url, self.reporter)]


class SearchView(PageMetadataMixin, SafePaginationMixin, ListView):
    """Search over every language's text and the section and tag names, filtered by section and date;
    not cached (queries are endless). An empty result suggests close spellings and the latest stories."""

    template_name = "articles/search.html"
    latest_count = 5

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.form.is_valid()  # wrong filters are reported on the page and left out of the search
        self.query = self.form.cleaned_data.get("q", "")
        if not self.query:
            return Article.objects.none()
        filters = self.form.filters()
        # Filtered first: search ranks only the newest matches, which must be the filtered ones.
        articles = Article.objects.published().published_between(filters.get("since"), filters.get("until"))
        if "section" in filters:
            articles = articles.filter(section=filters["section"])
        return articles.search(self.query).for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            form=self.form,
            query=self.query,
            truncated=self.form.truncated,
            search_params=urlencode(self.form.query_string_items()),
            **kwargs,
        )
        if self.query and not context["paginator"].count:
            context["suggestions"] = search.suggestions(self.query)
            context["latest"] = list(Article.objects.published().for_cards()[: self.latest_count])
        return context

    def page_title(self, context):
        return _("Search: %(query)s") % {"query": self.query} if self.query else _("Search")


class ArchiveMixin(CachedPageMixin, PageMetadataMixin, SafePaginationMixin):
    """Date-based archive pages (Django's generic views) over published stories, in Asia/Kolkata days."""

    date_field = "published_at"
    allow_empty = True
    allow_future = False
    month_format = "%m"

    def get_queryset(self):
        return Article.objects.published().for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(archive_year=int(self.get_year()), **kwargs)

    def page_title(self, context):
        if context.get("day"):
            shown = date_filter(context["day"], "DATE_FORMAT")
        elif context.get("month"):
            shown = date_filter(context["month"], "YEAR_MONTH_FORMAT")
        else:
            shown = date_filter(context["year"], "Y")
        return _("News of %(date)s") % {"date": shown}

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


def story_at(path):
    """The published story at `path` (/news/<slug>/ or /as/news/<slug>/, decoded), or None: how Contact Us
    finds the story a correction request names (settings.ENQUIRY_STORY_AT)."""
    for language, _name in settings.LANGUAGES:
        # English lives at /news/…, Assamese at /as/news/…: each resolves under its own language.
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                continue
        if match.view_name == "articles:detail":
            return Article.objects.published().filter(slug=match.kwargs["slug"]).first()
    return None
