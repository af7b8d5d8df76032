import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from enquiries.models import ContactInfo

logger = logging.getLogger(__name__)


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


def bench_bare(request):
    """A fixed text through the whole middleware stack: the yardstick of bench/run.py (only with BENCH_BARE_VIEW)."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """The 500 page, rendered with no database: only settings feed it."""
    html = loader.get_template("500.html").render(
        {"publisher": settings.PUBLISHER, "contact": ContactInfo.from_settings()}
    )
    return HttpResponseServerError(html)
