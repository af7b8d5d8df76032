"""The contact details' free text has an English and an Assamese version (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from enquiries.models import ContactDetails


@register(ContactDetails)
class ContactDetailsTranslationOptions(TranslationOptions):
    fields = ("office_hours", "directions")
