"""The site's addresses plus /bench/bare: a fixed text through the site's whole middleware stack, the
yardstick bench/run.py measures cached pages against."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import handler500  # noqa: F401 - the site's error page
from newsroom.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), *site_urlpatterns]
