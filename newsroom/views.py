import logging

from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from enquiries.models import ContactInfo
from newsroom.shared.publisher import publisher

logger = logging.getLogger(__name__)


def comments_desk_moved(request):
    """The comment pages moved with comments to their own app: links in moderators' earlier e-mails
    and bookmarks (/admin/articles/comment/…) lead to the same page at its new address."""
    return HttpResponsePermanentRedirect(request.get_full_path().replace("/admin/articles/", "/admin/comments/", 1))


@never_cache
def healthz(request):
    """200 when the database and the cache answer, 503 otherwise; for load balancers and monitors."""
    checks = {}
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any failure here means "not healthy", whatever its type
        logger.warning("Health check: database unavailable: %s", exc)
        checks["database"] = "unavailable"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception as exc:
        logger.warning("Health check: cache unavailable: %s", exc)
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


def _render_without_database(template_name):
    return loader.get_template(template_name).render({"publisher": publisher, "contact": ContactInfo.from_settings()})


def server_error(request):
    """The 500 page, rendered with no database: only settings feed it."""
    return HttpResponseServerError(_render_without_database("500.html"))


def service_unavailable():
    """The 503 page for when the database does not answer: rendered without it, retried shortly."""
    response = HttpResponse(_render_without_database("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def csrf_failure(request, reason=""):
    """A form sent without its valid security token (a page left open too long, cookies blocked):
    the site's own 403 page in the reader's language, saying what to do, not Django's bare one.
    (Django's CSRF middleware has already logged the refusal and its reason.)"""
    return render(request, "403_csrf.html", status=403)
