"""The checks a region applies to a document before it accepts it, in this order:

1. the file is JSON (at most 1 MB) and carries a signature;
2. the publisher is one the region trusts;
3. the signature is the trusted publisher's signature of this very document (checked with the
   key the region holds, never with the key in the file);
4. no count under 10 is shown as a number (a publisher that forgot to suppress);
5. the document follows the schema (schema.json, version 1) and names a valid period.

The first check that fails gives the reason, in Dutch, and the document is refused: the
region keeps the reason, never the figures. Pure functions; `services_federation` stores the
outcome.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..periods import Period, PeriodError
from . import signing
from .document import SCHEMA_VERSION, THRESHOLD, schema_errors

MAX_BYTES = 1_000_000
SHOWN_ERRORS = 3


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    reason: str = ""
    document: dict | None = None
    publisher: str = ""
    publisher_name: str = ""
    period: str = ""
    version: int | None = None


class _Refused(Exception):
    pass


def _no_constants(name: str):
    raise ValueError(name)


def _load(content: bytes) -> dict:
    if len(content) > MAX_BYTES:
        raise _Refused(_("Het bestand is groter dan 1 MB; een document met cijfers is kleiner."))
    try:
        payload = json.loads(content.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError):
        raise _Refused(_("Het bestand is geen JSON-document.")) from None
    if not isinstance(payload, dict):
        raise _Refused(_("Het bestand is geen ondertekend document met cijfers."))
    return payload


def _small_count(document: dict) -> tuple[str, str] | None:
    """(indicator code, cell key) of the first count under 10 shown as a number."""
    for indicator in document.get("indicators") or []:
        if not isinstance(indicator, dict) or not isinstance(indicator.get("cells"), list):
            continue
        for cell in indicator["cells"]:
            if not isinstance(cell, dict):
                continue
            for name in ("numerator", "denominator"):
                number = cell.get(name)
                is_number = isinstance(number, int | float) and not isinstance(number, bool)
                if is_number and number < THRESHOLD:
                    return str(indicator.get("code", "?")), str(cell.get("key", "?"))
    return None


def _described(document, **known) -> dict:
    """What the refused document says about itself, as far as it can be read (never figures)."""
    if not isinstance(document, dict):
        return known
    publisher = document.get("publisher")
    publisher = publisher if isinstance(publisher, dict) else {}
    period, version = document.get("period"), document.get("version")
    return {
        "publisher": str(publisher.get("id") or "")[:200],
        "publisher_name": str(publisher.get("name") or "")[:200],
        "period": period if isinstance(period, str) and len(period) <= 10 else "",
        "version": version if isinstance(version, int) and 0 < version < 2**31 else None,
        **known,
    }


def examine(content: bytes, trusted_key: Callable[[str], str | None]) -> Outcome:
    """Check a published file; `trusted_key(publisher id)` gives the public key the region
    trusts for that publisher, or None."""
    document = None
    try:
        payload = _load(content)
        document = payload.get("document", payload)
        signature = payload.get("signature")
        if not isinstance(document, dict):
            raise _Refused(_("Het bestand bevat geen document met cijfers."))
        if not signature:
            raise _Refused(
                _(
                    "Het document is niet ondertekend: de handtekening ontbreekt. Vraag de "
                    "uitgever om het ondertekende bestand."
                )
            )
        publisher = _described(document)["publisher"]
        if not publisher:
            raise _Refused(_("Het document noemt geen uitgever."))
        public_key = trusted_key(publisher)
        if public_key is None:
            raise _Refused(
                _(
                    "De uitgever %(publisher)s staat niet in de lijst van vertrouwde uitgevers "
                    "van deze regio. Een coördinator kan de uitgever met zijn publieke sleutel "
                    "toevoegen."
                )
                % {"publisher": publisher}
            )
        if not signing.verify(document, signature, public_key):
            raise _Refused(
                _(
                    "De handtekening klopt niet: het document is na het ondertekenen gewijzigd, "
                    "of niet ondertekend met de sleutel die de regio van %(publisher)s heeft."
                )
                % {"publisher": publisher}
            )
        if small := _small_count(document):
            raise _Refused(
                _(
                    "Het document toont een aantal onder de 10 als getal (indicator %(code)s, "
                    'cel %(key)s). Kleine aantallen horen als "<10" onderdrukt te zijn.'
                )
                % {"code": small[0], "key": small[1]}
            )
        if errors := schema_errors(document):
            raise _Refused(
                _("Het document volgt het schema (versie %(version)s) niet: %(errors)s")
                % {"version": SCHEMA_VERSION, "errors": "; ".join(errors[:SHOWN_ERRORS])}
            )
        try:
            Period.parse(document["period"])
        except PeriodError as error:
            raise _Refused(str(error)) from None
    except _Refused as refusal:
        return Outcome(accepted=False, reason=str(refusal), **_described(document))
    return Outcome(accepted=True, document=document, **_described(document))
