from django import template

register = template.Library()


@register.filter
def minutes(delta):
    """A timedelta as whole minutes, at least 1 (for "try again in N minutes")."""
    try:
        return max(1, round(delta.total_seconds() / 60))
    except AttributeError:
        return ""
