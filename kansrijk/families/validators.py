"""Validation of Dutch identifiers: postcode and BSN, with messages in Dutch."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.nl import bsn as stdnum_bsn

# PostNL postcodes: four digits not starting with 0, two letters; SA, SD and SS are never
# issued (https://nl.wikipedia.org/wiki/Postcodes_in_Nederland).
_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Z]{2})$")
_UNUSED_LETTERS = {"SA", "SD", "SS"}


def normalise_postcode(value: str) -> str:
    """'1234ab', ' 1234  AB ' → '1234 AB'; anything not a postcode is returned stripped."""
    cleaned = (value or "").strip().upper()
    match = _POSTCODE.match(cleaned)
    return f"{match[1]} {match[2]}" if match else cleaned


def validate_postcode(value: str) -> None:
    match = _POSTCODE.match(normalise_postcode(value))
    if not match or match[2] in _UNUSED_LETTERS:
        raise ValidationError(
            _("Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 1234 AB."),
            code="invalid_postcode",
        )


def normalise_bsn(value: str) -> str:
    """Spaces, dots and dashes removed; an eight-digit BSN gets its leading zero back."""
    return stdnum_bsn.compact(value or "") if value else ""


def validate_bsn(value: str) -> None:
    try:
        stdnum_bsn.validate(value)
    except StdnumValidationError:
        raise ValidationError(
            _("Dit is geen geldig burgerservicenummer (BSN): controleer de negen cijfers."),
            code="invalid_bsn",
        ) from None


def mask_bsn(value: str) -> str:
    """Only the last four digits, for screens and logs: '*****1234'."""
    return f"*****{value[-4:]}" if value else ""
