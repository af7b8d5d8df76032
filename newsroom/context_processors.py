from django.utils.functional import SimpleLazyObject

from newsroom.publisher import publisher


def site(request):
    """The publisher's details in the page's language, the contact details staff keep and the section
    navigation, on every page."""
    from articles.models import navigation_sections
    from enquiries.models import contact_details

    return {
        "publisher": publisher,
        "contact": SimpleLazyObject(contact_details),
        "navigation_sections": navigation_sections,
    }
