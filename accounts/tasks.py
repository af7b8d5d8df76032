"""Work the accounts' pages hand to the worker (django-tasks; `manage.py db_worker` in production).

Password reset and "send a new confirmation link" answer every address the same way, after the same
work: the page only queues one of these tasks; the worker looks the address up and mails its owner,
if there is one. So neither the page's words nor its time tell whether an address has an account.
"""

from django.utils import translation
from django_tasks import task

from accounts import services


@task()
def send_password_reset(*, email, language, domain, use_https, subject_template_name, email_template_name):
    from accounts.forms import PasswordResetForm

    with translation.override(language):
        form = PasswordResetForm({"email": email})
        if form.is_valid():
            form.save(
                domain_override=domain,
                use_https=use_https,
                subject_template_name=subject_template_name,
                email_template_name=email_template_name,
            )


@task()
def send_new_confirmation_link(*, email, language):
    with translation.override(language):
        services.resend_confirmation(email=email)
