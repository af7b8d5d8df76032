"""What a page tells link previews and search engines about itself: Open Graph, Twitter cards, JSON-LD.

A public view gives its page a `PageMetadata` (`PageMetadataMixin`); base.html renders it through
includes/page_metadata.html, so every page type says these things the same way and the canonical
link, `og:url` and the JSON-LD addresses are one value. Pages without one (forms, errors) get a
plain default built from the request (newsroom/templatetags/site_tags.py).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language

from newsroom.shared.publisher import publisher

# Open Graph names a locale, not a language: our readers are in India.
OG_LOCALES = {"en": "en_IN", "as": "as_IN"}


def og_locale(language):
    return OG_LOCALES.get(language, language.replace("-", "_"))


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


@dataclass
class PageMetadata:
    title: str
    description: str
    url: str  # the canonical address
    type: str = "website"
    # The language of the text shown, and the other languages this page's text can be read in.
    language: str = ""
    other_languages: list = field(default_factory=list)
    image: dict | None = None  # {"url", "width", "height", "alt"}
    properties: list = field(default_factory=list)  # more Open Graph (property, content) pairs
    structured_data: list = field(default_factory=list)  # JSON-LD objects, one <script> each

    @property
    def locale(self):
        return og_locale(self.language or get_language())

    @property
    def alternate_locales(self):
        return [og_locale(code) for code in self.other_languages if og_locale(code) != self.locale]

    @property
    def twitter_card(self):
        return "summary_large_image" if self.image else "summary"


def canonical_url(request, page_obj=None):
    """This page's address without tracking or filter parameters; later pages of a list keep ?page=."""
    url = request.build_absolute_uri(request.path)
    if page_obj is not None and page_obj.number > 1:
        url += f"?page={page_obj.number}"
    return url


def default_metadata(request, title=None, description=None):
    language = get_language()
    return PageMetadata(
        title=title or publisher["name"],
        description=description or publisher["tagline"],
        url=canonical_url(request),
        language=language,
        other_languages=[code for code in site_languages() if code != language],
    )


def publisher_organization(request):
    """The paper itself, as schema.org knows it: the publisher of every story and the home page's subject."""
    organization = {
        "@type": "NewsMediaOrganization",
        "name": publisher["name"],
        "url": request.build_absolute_uri("/"),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static("img/logo.svg"))},
    }
    if publisher.get("email"):
        organization["email"] = publisher["email"]
    return organization


def with_context(data):
    return {"@context": "https://schema.org", **data}


class PageMetadataMixin:
    """Gives a public view's page its `page_meta`. Override `page_title`, `page_description`,
    `page_structured_data` (and `page_metadata` for more)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = self.page_metadata(context)
        return context

    def page_title(self, context):
        return publisher["name"]

    def page_description(self, context):
        return publisher["tagline"]

    def page_structured_data(self, context, url):
        return []

    def page_metadata(self, context):
        metadata = default_metadata(self.request, self.page_title(context), self.page_description(context))
        metadata.url = canonical_url(self.request, context.get("page_obj"))
        metadata.structured_data = [with_context(data) for data in self.page_structured_data(context, metadata.url)]
        return metadata
