"""Authorization matrix rows for a family's consents and closing and reopening its file
through the API (kansrijk/families/api_lifecycle.py); merged into the matrix test.

The pages' policy, with 401 instead of a login page: the care team and a professional who
broke the glass reach the family; to everyone else, coordinators, analysts and
administrators included, it does not exist (404). The writes are posted without input, so
that every actor who may act gets the same answer whatever came before: 400 (no decision to
withdraw for monitoring, no reason or version to close, and the family is already open).
"""

from kansrijk.testing.matrix import Row, World, family_kwargs, family_only

FAMILY = {**family_only(), "anonymous": 401}
REFUSED = {**family_only(outcome=400), "anonymous": 401}


def _purpose_without_consent(world: World) -> dict:
    return {"pk": world.family.pk, "purpose": "monitoring"}


ROWS: dict[str, Row] = {
    "api:family_consents": Row(FAMILY, kwargs=family_kwargs),
    "api:family_consent_withdraw": Row(REFUSED, method="post", kwargs=_purpose_without_consent),
    "api:family_close": Row(REFUSED, method="post", kwargs=family_kwargs),
    "api:family_reopen": Row(REFUSED, method="post", kwargs=family_kwargs),
}
