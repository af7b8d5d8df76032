"""Numbers as readers of each language write them: the Assamese site prints ০১২৩৪৫৬৭৮৯.

The digits of a language are its DIGITS format (newsroom/formats/<language>/formats.py). Only what a
reader reads goes through here (the templates' `local_digits` filter, newsroom/templatetags/site_tags.py):
datetime="" attributes, JSON-LD, feeds, sitemaps and URLs keep Latin digits for the machines that read them.
"""

from django.utils import formats
from django.utils.safestring import SafeData, mark_safe

LATIN_DIGITS = "0123456789"


def digits_of(language=None):
    """The ten digits of `language` (default: the current one); Latin when its formats name none."""
    digits = formats.get_format("DIGITS", lang=language)
    return digits if len(digits) == 10 else LATIN_DIGITS


class LocalNumber(int):
    """A whole number that prints in a language's digits and still counts as a number, so that
    `{% blocktranslate count counter=n|local_digits %}` picks the plural form from it."""

    def __new__(cls, value, text):
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"LocalNumber({int(self)}, {self.text!r})"


def in_local_digits(value, language=None):
    """`value` (a number, or text such as a formatted date) with its digits in the language's own.

    Whole numbers stay numbers (LocalNumber); text stays safe HTML when it was. Other values, and every
    value in a language written with Latin digits, come back as they are.
    """
    digits = digits_of(language)
    if digits == LATIN_DIGITS or value is None or isinstance(value, bool):
        return value
    table = str.maketrans(LATIN_DIGITS, digits)
    if isinstance(value, int):
        return LocalNumber(value, str(value).translate(table))
    if isinstance(value, str):
        shown = value.translate(table)
        return mark_safe(shown) if isinstance(value, SafeData) else shown  # noqa: S308 - was safe already
    return value
