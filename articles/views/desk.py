"""The reporter's desk: their own stories by status, with the editors' notes and each story's history.

It sits with the stories it lists (the filing pages beside it, articles/views/filing.py); the reporter's
account pages (log-in, profile, password) are accounts'.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from articles.models import Article, ArticleTransition

DESK_ORDER = [
    Article.Status.RETURNED,
    Article.Status.DRAFT,
    Article.Status.SUBMITTED,
    Article.Status.SCHEDULED,
    Article.Status.PUBLISHED,
    Article.Status.REJECTED,
]


def desk_filters(now):
    """What puts a story in each group of the desk (a scheduled story whose time has come is published)."""
    Status = Article.Status
    return {
        Status.RETURNED: Q(status=Status.RETURNED),
        Status.DRAFT: Q(status=Status.DRAFT),
        Status.SUBMITTED: Q(status=Status.SUBMITTED),
        Status.SCHEDULED: Article.objects.upcoming_condition(now),
        Status.PUBLISHED: Article.objects.live_condition(now),
        Status.REJECTED: Q(status=Status.REJECTED),
    }


@method_decorator(never_cache, name="dispatch")
class DeskView(LoginRequiredMixin, TemplateView):
    """The reporter's own stories by status, with counts, editors' notes and each story's history.

    Each group shows its latest `group_size` stories; `?status=<status>` lists one group with pages.
    The number of queries does not grow with the number of stories.
    """

    template_name = "articles/desk.html"
    group_size = 10
    page_size = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reporter = getattr(self.request.user, "reporter", None)
        context["reporter"] = reporter
        if reporter is None:
            return context
        filters = desk_filters(timezone.now())
        mine = Article.objects.filed_by(reporter)
        counts = mine.aggregate(**{status: Count("pk", filter=condition) for status, condition in filters.items()})
        only = self.request.GET.get("status")
        if only not in filters:
            only = None
        groups = []
        for status in DESK_ORDER if only is None else [only]:
            stories = (
                mine.filter(filters[status])
                .select_related("section")
                .prefetch_related(_transitions_prefetch())
                .order_by("-updated_at", "-pk")
            )
            page = None
            if only:
                page = Paginator(stories, self.page_size).get_page(self.request.GET.get("page"))
                stories = list(page.object_list)
            else:
                stories = list(stories[: self.group_size]) if counts[status] else []
            for story in stories:
                story.history = list(story.transitions.all())
                notes = [step.note for step in story.history if step.note and step.to_status == story.status]
                story.editor_note = notes[-1] if notes else ""
            groups.append(
                {
                    "status": status,
                    "label": Article.Status(status).label,
                    "count": counts[status],
                    "stories": stories,
                    "more": counts[status] - len(stories) if page is None else 0,
                    "page_obj": page,
                }
            )
        context.update(groups=groups, counts=counts, only=only, total=sum(counts.values()))
        context["summary"] = [
            {"status": status, "label": Article.Status(status).label, "count": counts[status]} for status in DESK_ORDER
        ]
        return context


def _transitions_prefetch():
    return Prefetch(
        "transitions", queryset=ArticleTransition.objects.select_related("actor").order_by("created_at", "id")
    )
