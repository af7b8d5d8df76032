from django.conf import settings


def site(request):
    """The publisher's details and the section navigation, on every page."""
    from articles.models import navigation_sections

    return {
        "publisher": settings.PUBLISHER,
        "navigation_sections": navigation_sections,
    }
