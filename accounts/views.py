import logging
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, UpdateView
from django_ratelimit.decorators import ratelimit

from accounts import services, slowdown, tasks
from accounts.forms import EmailAuthenticationForm, EmailForm, PasswordResetForm, ProfileForm, RegistrationForm
from accounts.models import ReporterTerms
from newsroom.shared.clients import client_ip, rate_limit_key

logger = logging.getLogger("accounts")


def form_rate(group, request):
    """Registration, password reset and new-link requests allowed per address (IP) and hour."""
    return settings.ACCOUNTS_FORM_RATE


def throttled(group):
    """Count POSTs per client address in `group` (each form has its own count); the view decides what to say."""
    return method_decorator(
        ratelimit(group=group, key=rate_limit_key, rate=form_rate, method="POST", block=False), name="dispatch"
    )


THROTTLED_MESSAGE = _(
    "Too many attempts from your network. Please wait a while and try again; your form is kept below."
)


class ThrottledFormMixin:
    """A throttled POST shows the form again, filled in, with a message and status 429."""

    def post(self, request, *args, **kwargs):
        if getattr(request, "limited", False):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, THROTTLED_MESSAGE)
            logger.warning("Throttled %s", request.path, extra={"event": "throttled", "ip": client_ip(request)})
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)


@throttled("accounts.register")
class RegisterView(ThrottledFormMixin, FormView):
    template_name = "accounts/register.html"
    form_class = RegistrationForm
    success_url = reverse_lazy("accounts:register-done")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("articles:desk")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        services.register_reporter(
            full_name=data["full_name"],
            email=data["email"],
            password=data["password1"],
            phone=data["phone"],
            district=data["district"],
            bio=data["bio"],
            photo=data.get("photo"),
        )
        # The same answer whether or not the address was already registered.
        self.request.session["registered_email"] = data["email"]
        return super().form_valid(form)


class TermsView(TemplateView):
    """The terms a reporter agrees to when registering: the staff's, else the newsroom's default text."""

    template_name = "accounts/reporter_terms.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(terms=ReporterTerms.current(), **kwargs)


class RegisterDoneView(TemplateView):
    template_name = "accounts/register_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(email=self.request.session.get("registered_email", ""), **kwargs)


@method_decorator(never_cache, name="dispatch")
class ConfirmEmailView(TemplateView):
    template_name = "accounts/confirm_email_done.html"

    def get(self, request, *args, **kwargs):
        try:
            reporter, newly = services.confirm_email(token=kwargs["token"])
        except services.ConfirmationLinkError as error:
            return render(
                request,
                "accounts/confirm_email_invalid.html",
                {"reason": error.reason, "form": EmailForm()},
                status=400,
            )
        return self.render_to_response(self.get_context_data(reporter=reporter, newly_confirmed=newly))


@throttled("accounts.resend-confirmation")
class ResendConfirmationView(ThrottledFormMixin, FormView):
    template_name = "accounts/resend_confirmation.html"
    form_class = EmailForm
    success_url = reverse_lazy("accounts:resend-confirmation-done")

    def form_valid(self, form):
        # Looked up by the worker: known and unknown addresses cost this page the same (accounts/tasks.py).
        tasks.send_new_confirmation_link.enqueue(email=form.cleaned_data["email"], language=translation.get_language())
        return super().form_valid(form)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Slowed before refused (accounts/slowdown.py): an attempt too soon after failures is not even checked.
        wait = slowdown.seconds_to_wait(request, request.POST.get("username", ""))
        if slowdown.is_refused(wait):
            return locked_out(request, wait)
        if wait:
            # An unbound form (binding would check the password), keeping the address typed.
            form = self.get_form_class()(request, initial={"username": request.POST.get("username", "")})
            wait_message = ngettext(
                "Too many failed log-ins: wait %(seconds)d second before trying again.",
                "Too many failed log-ins: wait %(seconds)d seconds before trying again.",
                wait,
            ) % {"seconds": wait}
            context = self.get_context_data(form=form, wait_message=wait_message)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)


@throttled("accounts.password-reset")
class PasswordResetView(ThrottledFormMixin, auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset_email.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        # Looked up by the worker: known and unknown addresses cost this page the same (accounts/tasks.py).
        tasks.send_password_reset.enqueue(
            email=form.cleaned_data["email"],
            language=translation.get_language(),
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
            subject_template_name=self.subject_template_name,
            email_template_name=self.email_template_name,
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        # The lock-out page offers a reset as the way out: a new password starts the account afresh.
        response = super().form_valid(form)
        slowdown.clear_account(form.user.email)
        return response


def locked_out(request, wait):
    """The lock-out page (the one django-axes shows), for an address refused by the slow-down."""
    context = {"cooloff_timedelta": timedelta(seconds=wait), "wait_seconds": wait}
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
    response["Retry-After"] = str(wait)
    return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password-change-done")


class ReporterRequiredMixin(LoginRequiredMixin):
    """Logged in with a reporter profile (any standing); anybody else gets 404 from get_reporter()."""

    def get_reporter(self):
        reporter = getattr(self.request.user, "reporter", None)
        if reporter is None:
            raise Http404(_("You have no reporter profile."))
        return reporter


@method_decorator(never_cache, name="dispatch")
class ProfileView(ReporterRequiredMixin, UpdateView):
    template_name = "accounts/reporter_form.html"
    form_class = ProfileForm
    success_url = reverse_lazy("articles:desk")

    def get_object(self, queryset=None):
        return self.get_reporter()

    def form_valid(self, form):
        messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)
