"""Staff's preview of a story in the admin: the reading site's page for one language, published or not.

It reuses the reporters' preview (articles/views/filing.py `StoryPreviewView`: the reading site's
own template with the context of its article page) and only changes who may look and at what:
any member of staff who may view stories, any story. The admin site serves it
(newsroom/admin.py), so it is staff-only and never cached; the language comes from the URL
(/admin/… English, /as/admin/… Assamese), as everywhere on the site.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.views.generic import DetailView

from articles.models import Article
from articles.views.filing import StoryPreviewView


def preview_links(article, *, site_name="admin"):
    """One staff preview link per language of the site: [(code, local name, url)]."""
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse(f"{site_name}:articles_article_preview", args=[article.pk], current_app=site_name)
        links.append({"code": code, "name_local": get_language_info(code)["name_local"], "url": url})
    return links


class StaffStoryPreviewView(StoryPreviewView):
    template_name = "admin/articles/article/preview.html"
    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        # The admin site has checked that this is active (and, when required, verified) staff.
        if not (request.user.has_perm("articles.view_article") or request.user.has_perm("articles.change_article")):
            raise PermissionDenied
        # Skip the reporters' own check (FilingMixin: approved reporters, their own stories).
        return DetailView.dispatch(self, request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.select_related("section").prefetch_related("authors__user", "tags")

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            staff_preview=True,
            preview_languages=preview_links(article, site_name=self.admin_site.name),
            change_url=reverse(
                f"{self.admin_site.name}:articles_article_change", args=[article.pk], current_app=self.admin_site.name
            ),
            **kwargs,
        )
