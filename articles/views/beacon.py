"""The story page's view-count beacon: a 1×1 image at /v/<slug>.gif that every story page carries.

Only the beacon counts a reading, never the page: a page served from Django's page cache, from
nginx's edge cache or from a browser's cache is counted all the same, once per reader an hour
(Article.record_view), and without JavaScript. Crawlers that fetch no images are not counted.

Without nginx (`make run`, the tests, an app server reached directly) Django answers the beacon
here. Behind deploy/'s nginx it never reaches Django: nginx answers with an empty GIF of its own and
writes a line to VIEW_BEACON_LOG, which `manage.py tally_views` reads every minute and counts with the
same Article.record_view, keyed on the same reader_key.
"""

import base64

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.caching import is_robot, reader_key
from articles.models import Article

URL_NAME = "articles:view-beacon"
# A transparent 1×1 GIF (what nginx's empty_gif sends).
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def beacon_url(article):
    """The beacon's address: one for every language, without a language prefix (nginx answers /v/)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(URL_NAME, kwargs={"slug": article.slug})


def slug_of_beacon(path):
    """The story slug a beacon path (as nginx logged it, decoded) counts, or None for any other path."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return match.kwargs["slug"] if match.view_name == URL_NAME else None


@never_cache
@require_safe
def view_beacon(request, slug):
    """Count one reading of a published story (GET only; a HEAD is nobody reading) and send the image."""
    robot = is_robot(request.headers.get("User-Agent"))
    if request.method == "GET" and not robot and Article.objects.published().filter(slug=slug).exists():
        Article.record_view(slug, reader=reader_key(request))
    return HttpResponse(GIF, content_type="image/gif")
