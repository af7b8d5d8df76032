"""Tracking tags that apps add to the links readers share and follow.

Facebook adds `fbclid`, Google `gclid`, campaign tools `utm_*`: a story opened from WhatsApp or
Facebook carries one, different for every reader, and is still the same page. The page cache
ignores them, and the links a page prints never pass one on.
"""

TRACKING_PARAMS = frozenset({"fbclid", "gclid", "igshid", "msclkid", "twclid", "dclid", "yclid", "mc_cid", "mc_eid"})


def is_tracking_param(name):
    return name in TRACKING_PARAMS or name.startswith("utm_")


def untracked_query(query):
    """The (name, value) pairs of a QueryDict without the tracking tags, in their order."""
    return [(name, value) for name, values in query.lists() if not is_tracking_param(name) for value in values]
