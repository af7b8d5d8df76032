"""Failed log-ins are slowed before django-axes refuses them.

After LOGIN_SLOWDOWN_AFTER failures from one address, or against one account, the next
attempt must wait a little, twice as long after each further failure (at most
LOGIN_SLOWDOWN_MAX_SECONDS); one attempt too soon is answered with a message that says how
long to wait, without checking the password. At AXES_FAILURE_LIMIT failures django-axes
refuses log-ins for AXES_COOLOFF_HOURS. The counts live in the shared cache, so every app
server sees them; a successful log-in clears them.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from newsroom.clients import client_ip


def lockout_username(request, credentials=None):
    """The account a log-in attempt names, as django-axes counts it (AXES_USERNAME_CALLABLE).

    Case-folded and trimmed, as log-in itself reads it: "Chandana@…" and "cHandana@…" are one account.
    """
    if credentials:
        typed = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        typed = getattr(request, "data", request.POST).get(settings.AXES_USERNAME_FORM_FIELD)
    return typed.strip().casefold() if isinstance(typed, str) else typed


def _keys(request, username):
    keys = [f"accounts:login-failures:ip:{client_ip(request) or ''}"]
    if username:
        # Hashed: whatever was typed as the address, the key stays short and safe for any cache.
        typed = hashlib.sha256(username.strip().casefold().encode("utf-8", "surrogatepass")).hexdigest()
        keys.append(f"accounts:login-failures:user:{typed}")
    return keys


def _delay(failures):
    after = getattr(settings, "LOGIN_SLOWDOWN_AFTER", 2)
    if failures < after:
        return 0
    return min(2 ** (failures - after + 1), getattr(settings, "LOGIN_SLOWDOWN_MAX_SECONDS", 30))


def seconds_to_wait(request, username):
    """How many seconds this log-in attempt must still wait (0: go ahead)."""
    wait = 0
    for failures, last in filter(None, cache.get_many(_keys(request, username)).values()):
        wait = max(wait, _delay(failures) - (time.time() - last))
    return max(0, int(wait + 0.999))


def record_failure(request, username):
    lifetime = int(settings.AXES_COOLOFF_TIME * 3600)
    found = cache.get_many(_keys(request, username))
    for key in _keys(request, username):
        failures, _last = found.get(key, (0, 0))
        cache.set(key, (failures + 1, time.time()), lifetime)


def clear(request, username):
    cache.delete_many(_keys(request, username))
