"""RSS and Atom feeds of the whole site and of each section, with the lead photo as an enclosure."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _

from articles.caching import serve_cached
from articles.models import Article, Section
from newsroom.shared.publisher import publisher

FEED_LENGTH = 30
PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class LatestStoriesFeed(Feed):
    """The newest published stories (RSS 2.0). Feeds come from the page cache, like pages."""

    def __call__(self, request, *args, **kwargs):
        return serve_cached(
            request, lambda: super(LatestStoriesFeed, self).__call__(request, *args, **kwargs), allowed_params=()
        )

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self, obj):
        return publisher["name"]

    def description(self, obj):
        return publisher["tagline"]

    def link(self, obj):
        return reverse("articles:home")

    def feed_url(self, obj):
        return reverse("articles:feed-rss")

    def items(self, obj):
        return Article.objects.published().for_listing()[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [item.section.name]

    def item_enclosures(self, item):
        if not item.lead_photo:
            return []
        try:
            length = item.lead_photo.size
        except OSError:
            return []
        extension = item.lead_photo.name.rsplit(".", 1)[-1].lower()
        url = self.request.build_absolute_uri(item.lead_photo.url)
        return [Enclosure(url, str(length), PHOTO_TYPES.get(extension, "image/jpeg"))]


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return reverse("articles:feed-atom")


class SectionFeed(LatestStoriesFeed):
    """The newest published stories of one section (RSS 2.0)."""

    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return _("%(section)s · %(publisher)s") % {"section": obj.name, "publisher": publisher["name"]}

    def description(self, obj):
        return obj.description or publisher["tagline"]

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("articles:section-feed-rss", kwargs={"slug": obj.slug})

    def items(self, obj):
        return Article.objects.published().filter(section=obj).for_listing()[:FEED_LENGTH]


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return reverse("articles:section-feed-atom", kwargs={"slug": obj.slug})
