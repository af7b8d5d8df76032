"""The desk's home page: the work waiting for staff, each a count linking to the filtered list.

Each model's counts come from one aggregate query (`Count(..., filter=...)`), so the home page
runs the same number of queries with ten stories or twenty thousand. A tile is shown only to
staff who may view that model in the admin, and only when the model is registered there.
The link of each tile uses the filters of that model's changelist (its `list_filter`), so the
list it opens holds exactly the items counted.
"""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# How many of the next scheduled stories the home page names.
SCHEDULED_SHOWN = 5


@dataclass
class Tile:
    key: str
    label: str
    count: int
    url: str
    items: list = field(default_factory=list)


@dataclass(frozen=True)
class DeskCount:
    """One number on the desk: what it counts (a condition on the model) and the changelist filter for it."""

    key: str
    label: str
    condition: object  # callable(model, now) -> Q or boolean expression
    params: object  # dict, or callable(now) -> dict


def _article_outdated(model, now):
    states = apps.get_model("articles", "ArticleTranslationState").objects.filter(
        article=OuterRef("pk"), updated_at__lt=OuterRef("original_updated_at")
    )
    return Exists(states)


def _scheduled(model, now):
    return model.objects.upcoming_condition(now)


def _scheduled_params(now):
    # upcoming_condition as the changelist's lookups (status and published_at are in its list_filter).
    return {"status__in": "published,scheduled", "published_at__gt": now.isoformat()}


DESK = [
    (
        "articles.Article",
        [
            DeskCount(
                "stories_submitted",
                _("Stories awaiting review"),
                lambda m, now: Q(status="submitted"),
                {"status__exact": "submitted"},
            ),
            DeskCount(
                "stories_returned",
                _("Stories returned, not yet resubmitted"),
                lambda m, now: Q(status="returned"),
                {"status__exact": "returned"},
            ),
            DeskCount("stories_scheduled", _("Stories scheduled"), _scheduled, _scheduled_params),
            DeskCount(
                "translations_outdated",
                _("Translations out of date"),
                _article_outdated,
                {"translation_outdated": "yes"},
            ),
        ],
    ),
    (
        "comments.Comment",
        [
            DeskCount(
                "comments_held",
                _("Comments held for moderation"),
                lambda m, now: Q(status="held"),
                {"status__exact": "held"},
            ),
            DeskCount(
                "comments_reported",
                _("Comments reported by readers"),
                lambda m, now: m.objects.reported_condition(),
                {"reported": "yes"},
            ),
        ],
    ),
    (
        "accounts.Reporter",
        [
            DeskCount(
                "reporters_pending",
                _("Reporters awaiting approval"),
                lambda m, now: Q(status="pending"),
                {"status__exact": "pending"},
            ),
        ],
    ),
    (
        "enquiries.Enquiry",
        [
            DeskCount("enquiries_new", _("New enquiries"), lambda m, now: Q(status="new"), {"status__exact": "new"}),
            DeskCount(
                "enquiries_unassigned",
                _("New enquiries nobody is assigned to"),
                lambda m, now: Q(status="new", assignee__isnull=True),
                {"status__exact": "new", "assignee__isnull": "True"},
            ),
        ],
    ),
]


def _changelist_url(site, model, params):
    opts = model._meta
    try:
        url = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist", current_app=site.name)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params)}" if params else url


def work_waiting(request, site):
    """The desk's tiles for this member of staff, in a fixed number of queries."""
    # One instant for every count and link, to the minute, so a link opens the list it counted.
    now = timezone.localtime().replace(second=0, microsecond=0)
    tiles = []
    for label, counts in DESK:
        model = apps.get_model(label)
        model_admin = site._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            continue
        conditions = {count.key: count.condition(model, now) for count in counts}
        # Only rows some count wants: the database can use the status indexes at newsroom scale.
        totals = (
            model._default_manager.filter(reduce(operator.or_, [Q(condition) for condition in conditions.values()]))
            .order_by()
            .aggregate(**{key: Count("pk", filter=condition) for key, condition in conditions.items()})
        )
        for count in counts:
            params = count.params(now) if callable(count.params) else count.params
            url = _changelist_url(site, model, params)
            if url is None:
                continue
            tile = Tile(key=count.key, label=count.label, count=totals[count.key], url=url)
            if count.key == "stories_scheduled" and tile.count:
                tile.items = list(
                    model._default_manager.filter(_scheduled(model, now)).order_by("published_at", "pk")[
                        :SCHEDULED_SHOWN
                    ]
                )
            tiles.append(tile)
    return tiles
