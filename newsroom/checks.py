"""Deploy checks of our own settings, beside Django's (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def publisher_url_is_set(app_configs, **kwargs):
    # Without it, links in mail sent off a request (the worker, cron) would name a development address.
    if settings.DEBUG or settings.PUBLISHER["url"]:
        return []
    return [
        Warning(
            "PUBLISHER_URL is not set: links in e-mails sent outside a request would not reach the site.",
            hint="Set PUBLISHER_URL to the public address, e.g. https://news.example.com.",
            id="newsroom.W001",
        )
    ]
