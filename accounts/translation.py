"""The terms for reporters have a title and text in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from accounts.models import ReporterTerms


@register(ReporterTerms)
class ReporterTermsTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    # English is the original: the terms cannot be saved without it.
    required_languages = ("en",)
