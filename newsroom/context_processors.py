from django.conf import settings
from django.utils.functional import SimpleLazyObject

from newsroom.shared.publisher import publisher


def site(request):
    """The publisher's details in the page's language, the contact details staff keep, the section
    navigation and the breaking-news strip, on every page (the last two read from the cache, only when
    a page shows them), and what the project puts under a story (its comments: STORY_PAGE_SECTIONS)."""
    from articles.caching import breaking_stories
    from articles.models import navigation_sections
    from enquiries.models import contact_details

    return {
        "publisher": publisher,
        "contact": SimpleLazyObject(contact_details),
        "navigation_sections": navigation_sections,
        "breaking_news": breaking_stories,
        "sections_under_the_story": settings.STORY_PAGE_SECTIONS,
    }
