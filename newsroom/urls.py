from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from articles.caching import cached_page
from articles.sitemaps import SITEMAPS, news_sitemap
from newsroom.robots import robots_txt
from newsroom.views import comments_desk_moved, healthz

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Search engines: a sitemap index, its sitemaps (every language, hreflang alternates), Google News, robots.txt.
    path(
        "sitemap.xml",
        cached_page(sitemap_views.index, allowed_params=()),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        cached_page(sitemap_views.sitemap, allowed_params=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]

# Every page a reader sees has one URL per language: /… in English, /as/… in Assamese.
urlpatterns += i18n_patterns(
    re_path(r"^admin/articles/(?:comment|commentreport|blockedterm)/", comments_desk_moved),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("contact/", include("enquiries.urls")),
    path("", include("articles.comments.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
