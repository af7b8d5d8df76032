"""The benchmark's yardstick: a minimal Django project, one view, no middleware, no apps, no database.

bench/run.py serves it with the same gunicorn command, workers and WSGI entry point as the site
(`newsroom.wsgi`, with DJANGO_SETTINGS_MODULE=bench.minimal), so the difference from the site's
figures is the site's own work, and the path through nginx is compared with the fastest a Django
app server on this machine can answer.
"""

from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-minimal-project-not-a-secret"  # noqa: S105 - serves one fixed text, on 127.0.0.1 only
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_I18N = False


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare)]
