from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language of the site: (code, local name, url, is_current)."""
    request = context.get("request")
    current = context.get("LANGUAGE_CODE")
    path = request.get_full_path() if request else "/"
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
