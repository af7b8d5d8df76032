"""Slugs that keep Assamese readable.

Django's `slugify(allow_unicode=True)` and its slug validator keep only "word" characters, and
Python does not count the vowel signs of Bengali script (Unicode marks) as such: "গুৱাহাটী"
would become "গৱহট". Here letters, digits and marks are all kept.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def _is_slug_character(character):
    return character.isalnum() or unicodedata.category(character).startswith("M") or character in "-_"


def unicode_slugify(value):
    """Lower-case letters, digits and marks of any script, words joined by hyphens."""
    value = unicodedata.normalize("NFC", str(value)).lower()
    kept = "".join(c if _is_slug_character(c) else " " if c.isspace() or c in "/.,:;" else "" for c in value)
    return re.sub(r"[-\s]+", "-", kept).strip("-_")


def validate_unicode_slug(value):
    if not value or not all(_is_slug_character(c) for c in value):
        raise ValidationError(
            _("Enter a valid slug: letters, numbers, underscores or hyphens, in any script."), code="invalid"
        )


class UnicodeSlugFormField(forms.CharField):
    default_validators = [validate_unicode_slug]
    allow_unicode = True  # the admin's slug pre-filling reads this


class UnicodeSlugField(models.SlugField):
    """A SlugField that accepts the marks of Indic scripts (and any other)."""

    def __init__(self, *args, **kwargs):
        kwargs["allow_unicode"] = True
        super().__init__(*args, **kwargs)
        self.default_validators = [validate_unicode_slug]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("allow_unicode", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return models.CharField.formfield(self, **{"form_class": UnicodeSlugFormField, **kwargs})
