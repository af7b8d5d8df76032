"""The admin's side of translations: the original and each translation side by side, and the
"translation out of date" list filter, column and action. Mixed into TranslationAdmin classes:

    class ArticleAdmin(SideBySideTranslationMixin, TranslationAdmin): ...
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from articles.models.translations import original_language, site_languages


class TranslationOutdatedFilter(admin.SimpleListFilter):
    """Stories whose original was edited after a translation was last updated."""

    title = _("translation out of date")
    parameter_name = "translation_outdated"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.translation_outdated()
        if self.value() == "no":
            return queryset.translation_current()
        return queryset


OUTDATED_DESCRIPTION = _(
    "The original was edited after this translation was last updated: check the translation against it."
)


def column_heading(code):
    name = get_language_info(code)["name_translated"]
    if code == original_language():
        return _("%(language)s (original)") % {"language": name}
    return _("%(language)s (translation)") % {"language": name}


class SideBySideTranslationMixin:
    """Group a TranslationAdmin's per-language fields into one fieldset (column) per language.

    modeltranslation lists `headline_en`, `headline_as`, `summary_en`, … one under another; an
    editor translating wants the original beside the translation. The columns are placed where
    the first translated field was; static/css/admin_translation.css puts them side by side on
    wide screens and one under the other on narrow ones.
    """

    translation_column_classes = ("translation-column",)

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/admin_translation.css"]})

    def _localized_columns(self):
        options = translator.get_options_for_model(self.model)
        return {field.name: field.language for fields in options.all_fields.values() for field in fields}

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        localized = self._localized_columns()
        by_language = {code: [] for code in site_languages()}
        kept, insert_at = [], None
        for name, options in fieldsets:
            fields, had_localized = [], False
            for entry in options.get("fields", ()):
                group = entry if isinstance(entry, (list, tuple)) else (entry,)
                for field in group:
                    if field in localized:
                        by_language.setdefault(localized[field], []).append(field)
                        had_localized = True
                remaining = [field for field in group if field not in localized]
                if remaining:
                    fields.append(remaining[0] if len(remaining) == 1 else tuple(remaining))
            if fields:
                kept.append((name, {**options, "fields": fields}))
            if had_localized and insert_at is None:
                # The columns go where the text was: after what is left of its fieldset.
                insert_at = len(kept)
        columns = []
        for code, fields in by_language.items():
            if not fields:
                continue
            options = {"fields": fields, "classes": [*self.translation_column_classes, f"translation-column-{code}"]}
            if obj is not None and getattr(obj, "is_translation_outdated", None) and obj.is_translation_outdated(code):
                options["classes"].append("translation-outdated")
                options["description"] = OUTDATED_DESCRIPTION
            columns.append((column_heading(code), options))
        insert_at = len(kept) if insert_at is None else insert_at
        return [*kept[:insert_at], *columns, *kept[insert_at:]]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if formfield is not None and language and hasattr(db_field, "translated_field"):
            widget = getattr(formfield.widget, "widget", formfield.widget)  # modeltranslation may wrap it
            widget.attrs["lang"] = language
        return formfield

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if hasattr(self.model.objects.none(), "translation_outdated") and TranslationOutdatedFilter not in filters:
            filters.append(TranslationOutdatedFilter)
        return filters


class ArticleTranslationAdminMixin(SideBySideTranslationMixin):
    """For ArticleAdmin: side-by-side columns, the out-of-date filter, a languages column and an action."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translation_states")

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if "translation_status" not in display:
            display.append("translation_status")
        return display

    @admin.display(description=_("languages"))
    def translation_status(self, article):
        labels = []
        for code in article.available_languages():
            name = get_language_info(code)["name_translated"]
            if article.is_translation_outdated(code):
                labels.append(_("%(language)s (out of date)") % {"language": name})
            else:
                labels.append(str(name))
        return ", ".join(labels) or "—"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            action = type(self).mark_translations_current
            actions["mark_translations_current"] = (action, "mark_translations_current", action.short_description)
        return actions

    @admin.action(description=_("Mark translations as up to date with the original"))
    def mark_translations_current(self, request, queryset):
        articles = list(queryset)
        for article in articles:
            article.mark_translations_current()
            # The admin's history records who checked the translations, and when.
            self.log_change(request, article, "Translations marked up to date with the original.")
        self.message_user(
            request,
            ngettext(
                "The translations of %(count)d story are marked up to date.",
                "The translations of %(count)d stories are marked up to date.",
                len(articles),
            )
            % {"count": len(articles)},
            messages.SUCCESS,
        )
