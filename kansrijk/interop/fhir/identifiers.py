"""Stable identifiers of kansrijk's data in FHIR: URNs, entry URLs and code systems.

Shared by the FHIR modules of `interop` (export and screening); keep the API small.

- `urn("patient", 12)` is the business identifier of a row: `urn:kansrijk:patient:12`,
  carried as `Identifier(system="urn:ietf:rfc:3986", value=...)` (`identifier`).
- `resource_id` / `full_url` derive a UUID from that URN (UUID version 5), so the same row
  gets the same `Resource.id` and `Bundle.entry.fullUrl` (`urn:uuid:...`) in every export,
  and references between entries resolve inside the bundle without a FHIR server.
- `questionnaire_url(key)` is the canonical URL of a screening instrument; a
  QuestionnaireResponse points at `f"{questionnaire_url(key)}|{version}"`.
"""

import uuid

URN_PREFIX = "urn:kansrijk"
URI_SYSTEM = "urn:ietf:rfc:3986"
BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn"


def urn(kind: str, pk) -> str:
    """The stable URN of row `pk` of `kind` (a lowercase name such as "patient")."""
    return f"{URN_PREFIX}:{kind}:{pk}"


def resource_id(kind: str, pk) -> str:
    """A FHIR id derived from `urn(kind, pk)`: the same in every export."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, urn(kind, pk)))


def full_url(kind: str, pk) -> str:
    """The `fullUrl` of the entry of row `pk`, and what references to it contain."""
    return f"urn:uuid:{resource_id(kind, pk)}"


def identifier(kind: str, pk) -> dict:
    """The business identifier of a row, as a FHIR Identifier."""
    return {"system": URI_SYSTEM, "value": urn(kind, pk)}


def code_system(name: str) -> str:
    """kansrijk's own code system `name` (e.g. "vulnerability-level")."""
    return f"{URN_PREFIX}:codesystem:{name}"


def questionnaire_url(key: str) -> str:
    """The canonical URL of screening instrument `key` (every version shares it)."""
    return f"{URN_PREFIX}:questionnaire:{key}"
