"""What the reading pages tell link previews and search engines (schema.org JSON-LD and Open Graph).

The shapes shared by every page live in newsroom/shared/metadata.py; here are the stories, sections,
tags and reporters. A story's addresses follow its text: an untranslated story opened at its /as/
address shows the English text, so it names the English address and "en" (`story_canonical_url`).
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.shared.metadata import PageMetadata, publisher_organization, with_context
from newsroom.shared.publisher import publisher


def story_url(request, article, language):
    with translation.override(language):
        return request.build_absolute_uri(article.get_absolute_url())


def story_canonical_url(request, article):
    """The story's address in the language of the text shown: the original's when this page falls back to it."""
    if article.is_translation_fallback:
        return story_url(request, article, article.original_language())
    return request.build_absolute_uri(request.path)


def website(request):
    """The site, with the search box search engines may offer (SearchAction), in the page's language."""
    home = request.build_absolute_uri(reverse("articles:home"))
    return {
        "@type": "WebSite",
        "name": publisher["name"],
        "url": home,
        "inLanguage": get_language(),
        "publisher": publisher_organization(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": request.build_absolute_uri(reverse("articles:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs(request, *crumbs):
    """A schema.org BreadcrumbList from (name, absolute url) pairs, the page itself last."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def person(request, reporter, *, has_page):
    data = {"@type": "Person", "name": reporter.name}
    if has_page:
        data["url"] = request.build_absolute_uri(reporter.get_absolute_url())
    return data


def story_metadata(request, article):
    """The story page: NewsArticle and its breadcrumbs (home → section → story), Open Graph article."""
    url = story_canonical_url(request, article)
    language = article.text_language
    photo_url = request.build_absolute_uri(article.lead_photo.url) if article.lead_photo else ""
    tags = list(article.tags.all())
    news_article = {
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline[:110],
        "description": article.summary,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at, article.published_at).isoformat(),
        "inLanguage": language,
        "articleSection": article.section.name,
        "author": [person(request, author, has_page=author.has_public_page) for author in article.authors.all()],
        "publisher": publisher_organization(request),
    }
    if tags:
        news_article["keywords"] = [tag.name for tag in tags]
    image = None
    if photo_url:
        news_article["image"] = [photo_url]
        image = {
            "url": photo_url,
            "width": article.lead_photo_width,
            "height": article.lead_photo_height,
            "alt": article.photo_alt,
        }
    properties = [("article:published_time", article.published_at.isoformat())]
    properties.append(("article:modified_time", article.updated_at.isoformat()))
    properties.append(("article:section", article.section.name))
    properties += [("article:tag", tag.name) for tag in tags]
    trail = breadcrumbs(
        request,
        (_("Home"), request.build_absolute_uri(reverse("articles:home"))),
        (article.section.name, request.build_absolute_uri(article.section.get_absolute_url())),
        (article.headline, url),
    )
    return PageMetadata(
        title=article.headline,
        description=article.summary or article.headline,
        url=url,
        type="article",
        language=language,
        other_languages=[code for code in article.available_languages() if code != language],
        image=image,
        properties=properties,
        structured_data=[with_context(news_article), with_context(trail)],
    )


def collection_page(request, url, name, description=""):
    """A list of stories (a section, a tag): schema.org CollectionPage, part of the site."""
    data = {
        "@type": "CollectionPage",
        "name": name,
        "url": url,
        "inLanguage": get_language(),
        "isPartOf": {"@type": "WebSite", "url": request.build_absolute_uri(reverse("articles:home"))},
    }
    if description:
        data["description"] = description
    return data


def profile_page(request, url, reporter):
    """A reporter's page: schema.org ProfilePage about the Person."""
    reporter_person = person(request, reporter, has_page=True)
    if reporter.bio:
        reporter_person["description"] = reporter.bio
    if reporter.photo:
        reporter_person["image"] = request.build_absolute_uri(reporter.photo.url)
    reporter_person["worksFor"] = publisher_organization(request)
    return {"@type": "ProfilePage", "url": url, "inLanguage": get_language(), "mainEntity": reporter_person}
