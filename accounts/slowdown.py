"""Failed log-ins are slowed before they are refused.

After LOGIN_SLOWDOWN_AFTER failures against one account, or LOGIN_SLOWDOWN_ADDRESS_AFTER from one
address, the next attempt must wait a little, twice as long after each further failure (at most
LOGIN_SLOWDOWN_MAX_SECONDS); one attempt too soon is answered with a message that says how long
to wait, without checking the password. At LOGIN_ADDRESS_FAILURE_LIMIT failures from one address
every log-in from it is refused for AXES_COOLOFF_HOURS; django-axes refuses one account from one
address after AXES_FAILURE_LIMIT. The counts live in the shared cache, so every app server sees
them; a successful log-in clears its account's count, a password reset its account's everywhere.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from newsroom.shared.clients import client_ip


def lockout_username(request, credentials=None):
    """The account a log-in attempt names, as django-axes counts it (AXES_USERNAME_CALLABLE).

    Case-folded and trimmed, as log-in itself reads it: "Chandana@…" and "cHandana@…" are one account.
    """
    if credentials:
        typed = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        typed = getattr(request, "data", request.POST).get(settings.AXES_USERNAME_FORM_FIELD)
    return typed.strip().casefold() if isinstance(typed, str) else typed


def _account(username):
    # Hashed: whatever was typed as the address, the key stays short and safe for any cache.
    return hashlib.sha256(username.strip().casefold().encode("utf-8", "surrogatepass")).hexdigest()


def _keys(request, username):
    """[(cache key, failures before attempts wait, longest wait)], the address's first.

    The account's own count, from every address, slows it by LOGIN_SLOWDOWN_ACCOUNT_MAX_SECONDS at
    most: enough to make guessing from many addresses slow, never enough to keep its owner out. The
    full slow-down is for the account at the guesser's address.
    """
    address = client_ip(request) or ""
    keys = [
        (
            f"accounts:login-failures:ip:{address}",
            settings.LOGIN_SLOWDOWN_ADDRESS_AFTER,
            settings.LOGIN_SLOWDOWN_MAX_SECONDS,
        )
    ]
    if username:
        account = _account(username)
        keys.append(
            (
                f"accounts:login-failures:user:{account}",
                settings.LOGIN_SLOWDOWN_ACCOUNT_AFTER,
                settings.LOGIN_SLOWDOWN_ACCOUNT_MAX_SECONDS,
            )
        )
        keys.append(
            (
                f"accounts:login-failures:user-ip:{account}:{address}",
                settings.LOGIN_SLOWDOWN_AFTER,
                settings.LOGIN_SLOWDOWN_MAX_SECONDS,
            )
        )
    return keys


def _delay(failures, after, longest):
    if failures < after:
        return 0
    return min(2 ** (failures - after + 1), longest)


def seconds_to_wait(request, username):
    """How many seconds this log-in attempt must still wait (0: go ahead).

    Longer than LOGIN_SLOWDOWN_MAX_SECONDS means the address is refused (LOGIN_ADDRESS_FAILURE_LIMIT).
    """
    keys = _keys(request, username)
    found = cache.get_many([key for key, _after, _longest in keys])
    now, wait = time.time(), 0
    for position, (key, after, longest) in enumerate(keys):
        if key not in found:
            continue
        failures, last = found[key]
        delay = _delay(failures, after, longest)
        if position == 0 and failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:  # the address's count
            delay = settings.AXES_COOLOFF_TIME * 3600
        wait = max(wait, delay - (now - last))
    return max(0, int(wait + 0.999))


def is_refused(wait):
    """A wait this long is a lock-out of the address, not a slow-down."""
    return wait > settings.LOGIN_SLOWDOWN_MAX_SECONDS


def record_failure(request, username):
    lifetime = int(settings.AXES_COOLOFF_TIME * 3600)
    keys = [key for key, _after, _longest in _keys(request, username)]
    found = cache.get_many(keys)
    for key in keys:
        failures, _last = found.get(key, (0, 0))
        cache.set(key, (failures + 1, time.time()), lifetime)


def clear(request, username):
    """A successful log-in clears its account's count (not the address's: one good account of a
    guesser's own must not wipe what its address did to others)."""
    cache.delete_many([key for key, _after, _longest in _keys(request, username)[1:]])


def clear_account(username):
    """After a password reset: the account starts afresh, from every address (django-axes too)."""
    from axes.utils import reset

    cache.delete(f"accounts:login-failures:user:{_account(username)}")
    reset(username=username.strip().casefold())
