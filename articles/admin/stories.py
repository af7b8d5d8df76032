"""The desk's admin for sections, tags and stories (every language's fields side by side)."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from accounts.models import Reporter
from articles.admin.translations import ArticleTranslationAdminMixin, SideBySideTranslationMixin
from articles.admin.workflow import WorkflowAdminMixin
from articles.models import Article, Section, Tag
from articles.renditions import thumbnail_url
from newsroom.shared.admin_filters import busiest_related_filter


@admin.register(Section)
class SectionAdmin(SideBySideTranslationMixin, TranslationAdmin):
    list_display = ["name", "slug", "order", "show_in_navigation", "story_count"]
    list_editable = ["order", "show_in_navigation"]
    list_filter = ["show_in_navigation"]
    search_fields = ["name_en", "name_as", "slug"]
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_stories=Count("articles"))

    @admin.display(description=_("stories"), ordering="number_of_stories")
    def story_count(self, section):
        return section.number_of_stories


@admin.register(Tag)
class TagAdmin(SideBySideTranslationMixin, TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_as", "slug"]
    prepopulated_fields = {"slug": ("name",)}


class BreakingNewsFilter(admin.SimpleListFilter):
    """Stories by their breaking-news mark: in the strip now, expired, or never marked."""

    title = _("breaking news")
    parameter_name = "breaking"

    def lookups(self, request, model_admin):
        return [("now", _("In the strip now")), ("expired", _("Mark expired")), ("never", _("Never marked"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "now":
            # Marked and not expired; the strip itself shows only those of them that are published.
            return queryset.filter(breaking_until__gt=now)
        if self.value() == "expired":
            return queryset.filter(breaking_until__lte=now)
        if self.value() == "never":
            return queryset.filter(breaking_until__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(ArticleTranslationAdminMixin, WorkflowAdminMixin, TranslationAdmin):
    list_display = [
        "headline",
        "section",
        "status",
        "published_at",
        "byline",
        "is_featured",
        "in_breaking_strip",
        "view_count",
    ]
    list_filter = [
        "status",
        "section",
        "is_featured",
        BreakingNewsFilter,
        # The reporters with the most stories (and the one chosen), not all 2,000 (newsroom/admin.py).
        ("authors", busiest_related_filter(select_related=["user"])),
        "published_at",
    ]
    list_select_related = ["section"]
    search_fields = [
        "headline_en",
        "headline_as",
        "summary_en",
        "summary_as",
        "slug",
        "authors__user__full_name",
    ]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ["authors", "tags"]
    readonly_fields = ["photo_preview", "view_count", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "summary", "body", "section", "tags", "authors"]}),
        (
            _("Lead photo"),
            {"fields": ["lead_photo", "photo_preview", "photo_caption", "photo_credit", "photo_alt"]},
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_featured",
                    "breaking_until",
                    "comments_enabled",
                    "correction",
                ]
            },
        ),
        (_("History"), {"fields": ["view_count", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authors", queryset=Reporter.objects.select_related("user")))
        )

    @property
    def media(self):
        # The reporters' rich-text editor (static/js/story-editor.js) on every language's body: editors
        # never edit raw HTML. Without JavaScript the textarea stays; Article.save sanitises either way.
        editor = forms.Media(
            css={"all": ["vendor/quill/quill.snow.css", "css/admin_editor.css"]},
            js=["vendor/quill/quill.js", "js/story-editor.js"],
        )
        return super().media + editor

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name.startswith("body_"):
            widget = getattr(formfield.widget, "widget", formfield.widget)  # modeltranslation may wrap it
            classes = widget.attrs.get("class", "")
            widget.attrs["class"] = f"{classes} rich-text".strip()
            widget.attrs["data-style-label"] = gettext("Paragraph style")
        return formfield

    @admin.display(description=_("authors"))
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description=_("in the breaking strip"), boolean=True, ordering="breaking_until")
    def in_breaking_strip(self, article):
        return article.is_breaking

    @admin.display(description=_("photo preview"))
    def photo_preview(self, article):
        if not article.lead_photo:
            return _("No photo yet.")
        # The 320 px rendition once the worker has made it; the original until then.
        url = thumbnail_url(article.lead_photo, width=article.lead_photo_width, height=article.lead_photo_height)
        return format_html(
            '<img src="{}" alt="{}" width="320" class="photo-preview">', url, article.photo_alt or article.headline
        )
