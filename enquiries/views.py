from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_ratelimit.core import get_usage

from enquiries.forms import EnquiryForm
from enquiries.models import NEXT_STEPS, ContactDetails, Enquiry
from enquiries.services import site_hosts, submit_enquiry
from newsroom.shared.clients import client_ip, rate_limit_key
from newsroom.shared.metadata import PageMetadataMixin

RATE_LIMIT_GROUP = "enquiries:contact"
SESSION_KEY = "enquiries.sent"


def rate_limit(group, request):
    """How many enquiries one IP address may send, e.g. "5/10m" (read per request, so tests can change it)."""
    return settings.ENQUIRY_RATE_LIMIT


@method_decorator(never_cache, name="dispatch")
class ContactView(PageMetadataMixin, FormView):
    """Contact Us: the publisher's details and the enquiry form. Never cached: it carries a CSRF token."""

    form_class = EnquiryForm
    template_name = "enquiries/contact.html"

    def get_initial(self):
        # Links such as "Advertise with us" can choose the type: /contact/?type=advertising
        kind = self.request.GET.get("type")
        return {"kind": kind} if kind in Enquiry.Kind.values else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hosts": site_hosts(self.request)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact=ContactDetails.current(), **kwargs)

    def page_title(self, context):
        return gettext("Contact Us")

    def page_description(self, context):
        return gettext(
            "How to reach %(name)s: address, e-mail, phone, and a form for news tips, corrections, advertising "
            "and complaints."
        ) % {"name": context["contact"].name}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        valid = form.is_valid()
        if not valid and not form.is_spam:
            # A person correcting a mistake: shown the errors, and not counted against the rate limit.
            return self.form_invalid(form)
        if self._over_rate_limit():
            return self.render_to_response(self.get_context_data(form=form, rate_limited=True), status=429)
        if valid:
            return self._accept(form.cleaned_data)
        # Only a robot fills the honeypot or forges the stamp: kept for the staff to look at, and
        # answered like any other, so robots learn nothing.
        return self._accept(form.submitted_data(), spam_reason=form.spam_reason)

    def _over_rate_limit(self):
        """Count one more enquiry from this address; True when that is more than the limit allows."""
        usage = get_usage(
            self.request, group=RATE_LIMIT_GROUP, key=rate_limit_key, rate=rate_limit, method="POST", increment=True
        )
        return bool(usage and usage["should_limit"])

    def _accept(self, data, spam_reason=""):
        enquiry = submit_enquiry(
            data=data,
            ip_address=client_ip(self.request),
            user_agent=self.request.META.get("HTTP_USER_AGENT", ""),
            language=translation.get_language(),
            hosts=site_hosts(self.request),
            spam_reason=spam_reason,
        )
        # The thank-you page reads the reference from this visitor's session: its URL shows nobody else's.
        self.request.session[SESSION_KEY] = {"reference": enquiry.reference, "kind": enquiry.kind}
        return redirect("enquiries:thanks")


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    template_name = "enquiries/enquiry_thanks.html"

    def get(self, request, *args, **kwargs):
        sent = request.session.get(SESSION_KEY)
        if not sent:
            return redirect("enquiries:contact")
        return self.render_to_response(
            self.get_context_data(
                reference=sent["reference"],
                kind=sent["kind"],
                next_steps=NEXT_STEPS.get(sent["kind"], NEXT_STEPS[Enquiry.Kind.GENERAL]),
                contact=ContactDetails.current(),
            )
        )
