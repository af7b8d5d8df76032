from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from accounts.models import Reporter
from articles.models import Article, Section, Tag


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "latest"

    def get_queryset(self):
        return Article.objects.published().for_listing()[:20]


class SectionView(ListView):
    template_name = "articles/section_detail.html"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(ListView):
    template_name = "articles/tag_detail.html"
    paginate_by = 20

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().filter(tags=self.tag).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.published().select_related("section").prefetch_related("authors__user", "tags")


class ReporterView(ListView):
    template_name = "articles/reporter_detail.html"
    paginate_by = 20

    def get_queryset(self):
        self.reporter = get_object_or_404(Reporter.objects.select_related("user"), slug=self.kwargs["slug"])
        return self.reporter.articles.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(reporter=self.reporter, **kwargs)


class SearchView(ListView):
    template_name = "articles/search.html"
    paginate_by = 20

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:200]
        if not self.query:
            return Article.objects.none()
        return Article.objects.published().filter(headline__icontains=self.query).for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)
