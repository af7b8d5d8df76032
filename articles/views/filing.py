"""The reporter's side of a story: write, preview exactly as readers will see it, submit.

A reporter sees and edits only stories they filed (anybody else gets 404, never someone
else's draft), edits only drafts and returned stories, and only while approved. Status
changes go through articles/services.py.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import CreateView, DetailView, UpdateView, View

from articles import services
from articles.forms.filing import StoryForm
from articles.models import Article

EDITABLE = {Article.Status.DRAFT, Article.Status.RETURNED}


class FilingMixin(LoginRequiredMixin):
    """Logged in (else the login page), an approved reporter (else 403), their own stories only (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.reporter = getattr(request.user, "reporter", None)
        if self.reporter is None or not self.reporter.can_file:
            raise PermissionDenied(_("Only approved reporters can file stories."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.filed_by(self.reporter).select_related("section")


class StoryFormMixin(FilingMixin):
    form_class = StoryForm
    template_name = "articles/filing/article_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["submitting"] = self.request.POST.get("action") == "submit"
        kwargs["owner"] = self.request.user
        return kwargs

    def form_valid(self, form):
        action = self.request.POST.get("action", "save")
        with transaction.atomic():
            article = form.save()
            article.authors.add(self.reporter)
            transaction.on_commit(form.discard_kept_photo)
            if action == "submit":
                try:
                    services.submit_article(article=article, actor=self.request.user)
                except services.TransitionError as error:
                    transaction.set_rollback(True)
                    messages.error(self.request, str(error))
                    return self.render_to_response(self.get_context_data(form=form))
        self.object = article
        if action == "submit":
            messages.success(self.request, _("Your story is submitted. An editor will review it."))
            return redirect("articles:desk")
        if action == "preview":
            return redirect("articles:story-preview", pk=article.pk)
        messages.success(self.request, _("Your draft is saved."))
        return redirect("articles:story-edit", pk=article.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("The story was not saved: correct the fields marked below."))
        form.keep_photo()
        return super().form_invalid(form)


@method_decorator(never_cache, name="dispatch")
class StoryCreateView(StoryFormMixin, CreateView):
    pass


@method_decorator(never_cache, name="dispatch")
class StoryEditView(StoryFormMixin, UpdateView):
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status not in EDITABLE:
            messages.info(request, _("This story is locked while editors have it. Here is how it looks."))
            return redirect("articles:story-preview", pk=self.object.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status not in EDITABLE:
            messages.error(request, _("This story is locked while editors have it; your changes were not saved."))
            return redirect("articles:story-preview", pk=self.object.pk)
        return super().post(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class StoryPreviewView(FilingMixin, DetailView):
    """The story rendered with the reading site's own template, under a preview banner."""

    template_name = "articles/filing/article_preview.html"
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("authors__user", "tags")

    def get_context_data(self, **kwargs):
        # What the reading site's ArticleDetailView gives its template, for a story not yet public.
        article = self.object
        reading_time = getattr(article, "reading_time", None)
        return super().get_context_data(
            preview=True,
            can_edit=article.status in EDITABLE,
            related=[],
            current_section_slug=article.section.slug,
            reading_minutes=reading_time() if callable(reading_time) else 1,
            page_url=self.request.build_absolute_uri(),
            **kwargs,
        )


class StorySubmitView(FilingMixin, View):
    """POST only: submit a draft or a returned story as it is saved."""

    http_method_names = ["post"]

    def post(self, request, pk):
        article = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.submit_article(article=article, actor=request.user)
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("articles:desk")
        messages.success(request, _("Your story is submitted. An editor will review it."))
        return redirect("articles:desk")
