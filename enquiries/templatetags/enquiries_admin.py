from django import template
from django.urls import reverse

from enquiries.models import Enquiry

register = template.Library()


@register.simple_tag(takes_context=True)
def new_enquiries(context):
    """The number of new enquiries and the link to them, for staff who may see enquiries; else None."""
    request = context.get("request")
    if request is None or not request.user.has_perm("enquiries.view_enquiry"):
        return None
    url = reverse("admin:enquiries_enquiry_changelist") + f"?status__exact={Enquiry.Status.NEW}"
    return {"count": Enquiry.objects.new().count(), "url": url}
