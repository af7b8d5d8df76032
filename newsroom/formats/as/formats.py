"""Assamese date and number formats. Month and weekday names come from our catalogue
(newsroom/django_strings.py → locale/as), so "F" prints "নৱেম্বৰ"."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y, g:i A"
FIRST_DAY_OF_WEEK = 0  # Sunday

DATE_INPUT_FORMATS = [
    "%d-%m-%Y",  # 25-10-2026
    "%d/%m/%Y",  # 25/10/2026
    "%Y-%m-%d",  # 2026-10-25
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 14:30:59
    "%H:%M",  # 14:30
]
DATETIME_INPUT_FORMATS = [
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)  # 1,00,000: the Indian lakh grouping
# The digits readers see (newsroom/shared/numerals.py): dates, times, counts and page numbers on the Assamese
# site. Not a Django format: attributes, JSON-LD, feeds and URLs keep Latin digits.
DIGITS = "০১২৩৪৫৬৭৮৯"
