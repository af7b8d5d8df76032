"""The contact details' free text has an English and an Assamese version (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from enquiries.models import ContactDetails


@register(ContactDetails)
class ContactDetailsTranslationOptions(TranslationOptions):
    fields = ("address", "phones", "office_hours", "directions")
    # English is the original: the details cannot be saved without it; the Assamese falls back to it.
    required_languages = ("en",)
