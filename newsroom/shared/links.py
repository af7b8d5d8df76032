"""Tracking tags that apps add to the links readers share and follow.

Facebook adds `fbclid`, Google `gclid`, campaign tools `utm_*`: a story opened from WhatsApp or
Facebook carries one, different for every reader, and is still the same page. The page cache
ignores them, and the links a page prints never pass one on.
"""

from django.core.exceptions import SuspiciousOperation
from django.utils.http import urlencode

TRACKING_PARAMS = frozenset({"fbclid", "gclid", "igshid", "msclkid", "twclid", "dclid", "yclid", "mc_cid", "mc_eid"})


def is_tracking_param(name):
    return name in TRACKING_PARAMS or name.startswith("utm_")


def untracked_path(request):
    """The request's path and query string without the tracking tags: /news/bridge/?page=2."""
    try:
        params = request.GET.lists()
    except SuspiciousOperation:  # more parameters than Django reads: the 400 page must not ask again
        return request.path
    kept = [(name, value) for name, values in params if not is_tracking_param(name) for value in values]
    return request.path + (f"?{urlencode(kept)}" if kept else "")
