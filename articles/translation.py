"""Fields with one column per language in settings.LANGUAGES (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, Section, Tag


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("headline", "summary", "body", "photo_caption", "photo_alt", "correction")
