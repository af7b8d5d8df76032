"""Indian mobile numbers: accept what people type, store one form (+91XXXXXXXXXX)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-().]")
_MOBILE = re.compile(r"^[6-9]\d{9}$")


def normalise_indian_mobile(value):
    """'+91 98765-43210', '098765 43210', '919876543210' → '+919876543210'; anything else is refused."""
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+91"):
        digits = digits[3:]
    elif digits.startswith("91") and len(digits) == 12:
        digits = digits[2:]
    elif digits.startswith("0") and len(digits) == 11:
        digits = digits[1:]
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9, for example +91 98765 43210."),
            code="invalid_phone",
        )
    return f"+91{digits}"
