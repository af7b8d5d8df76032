import logging
import re
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DatabaseError, InterfaceError, OperationalError

from newsroom.shared.mail import serving
from newsroom.views import service_unavailable

logger = logging.getLogger(__name__)


class SecurityHeadersMiddleware:
    """Headers Django 5.2 does not set itself: Content-Security-Policy and Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# C0 control characters and DEL; in a query string tabs and line breaks may be typed, NUL never.
_CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseControlCharactersMiddleware:
    """A 400 for an address with a NUL or another control character in its path or query string.

    No page of ours has one; PostgreSQL refuses NUL in any text it is sent, so a slug, a search or
    an admin filter carrying %00 would otherwise end in a database error (a 500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote_plus(request.META.get("QUERY_STRING", ""), errors="replace")
        if _CONTROL_IN_PATH.search(request.path) or _CONTROL_IN_QUERY.search(query):
            raise BadRequest("Control character in the address.")
        return self.get_response(request)


class SiteAddressMiddleware:
    """Links in e-mails sent while answering a request name the address it came to, unless
    PUBLISHER_URL says otherwise (newsroom/shared/mail.py site_url)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with serving(request):
            return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer a styled 503 when the database cannot be reached, instead of a 500.

    The page is rendered without a request context so it needs no database itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.error("Database unavailable: %s", exception, extra={"event": "db_unavailable"})
            return service_unavailable()
        return None
