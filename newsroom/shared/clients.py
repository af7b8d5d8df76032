"""Where a request comes from: the one place that reads a client's address.

django-axes' lock-outs, every rate limit, the comment block list, the addresses recorded with
comments, reports and enquiries, the log-in slow-down and logs, and the story view counter all
read the address through `client_ip`, so they always agree on who the client is.

`PROXY_COUNT` (settings, from the environment) says how many reverse proxies stand in front of
the app servers: 1 behind nginx (deploy/nginx/), 2 with a CDN or load balancer in front of it.
Each proxy appends the address that connected to it to X-Forwarded-For, so only the last
PROXY_COUNT entries were written by machines we trust: the client is the PROXY_COUNT-th entry
from the right, and whatever stands to its left was sent by the client itself and is ignored.
With no proxy (0, the default) X-Forwarded-For is ignored altogether and the address that
connected (REMOTE_ADDR) is the client's.

django-ipware reads the header (ports, IPv6 brackets, IPv4-mapped IPv6 addresses, entries that
are not addresses). It counts the proxies the header names, which is one fewer than the proxies in
front of us: the last one's address is the connection's, not the header's.
"""

import ipaddress

from django.conf import settings
from ipware import get_client_ip

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
CONNECTION = "REMOTE_ADDR"


def client_ip(request):
    """The client's address as a string, or None when the request carries none."""
    if settings.PROXY_COUNT > 0:
        address, _routable = get_client_ip(
            request, proxy_count=settings.PROXY_COUNT - 1, request_header_order=(FORWARDED_FOR,), strict=False
        )
        if address:
            return address
        # No X-Forwarded-For written by all the proxies: the request did not come through them, and
        # the connection is the best we know.
    address, _routable = get_client_ip(request, request_header_order=(CONNECTION,))
    return address


def rate_limit_key(group, request):
    """The client as django-ratelimit counts it (a callable `key=`): its address, and an IPv6 client
    by its /64 network, which is what one subscriber is given (as django-ratelimit's own "ip" key)."""
    address = client_ip(request) or ""
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address
