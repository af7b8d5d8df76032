"""Template tags of the staff desk (the admin)."""

from django import template

from newsroom.preview import preview_links

register = template.Library()


@register.simple_tag(takes_context=True)
def story_preview_links(context, article):
    """The staff preview of `article` in each language of the site."""
    request = context.get("request")
    site_name = getattr(request, "current_app", None) or "admin"
    return preview_links(article, site_name=site_name)
