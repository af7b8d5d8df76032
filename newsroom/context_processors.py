from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    """The publisher's details, the contact details staff keep and the section navigation, on every page."""
    from articles.models import navigation_sections
    from enquiries.models import contact_details

    return {
        "publisher": settings.PUBLISHER,
        "contact": SimpleLazyObject(contact_details),
        "navigation_sections": navigation_sections,
    }
