"""English dates as the site writes them everywhere (story header, cards, comments, the desk):
"2 December 2026, 1:55 PM", the way Indian newspapers print them, in the newsroom's time zone.
Assamese (newsroom/formats/as) uses the same pattern, so a page never mixes two formats."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y, g:i A"
FIRST_DAY_OF_WEEK = 0  # Sunday
# The digits readers see (newsroom/shared/numerals.py).
DIGITS = "0123456789"
