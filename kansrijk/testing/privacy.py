"""Test data for the privacy endpoints of the API: an emergency access to review and an open
erasure request (kansrijk/families/api_privacy.py, kansrijk/interop/api_erasure.py)."""

from django.test import RequestFactory

from kansrijk.access.services import break_the_glass_open
from kansrijk.care.services_handovers import case_director_set
from kansrijk.families.models import Family
from kansrijk.interop import inzage_services
from kansrijk.testing.actors import Cast
from kansrijk.testing.families import make_family


def ask_erasure(cast: Cast, family: Family, reason: str = "Het gezin vraagt erom.") -> None:
    """The cast's case director, made the family's, asks to erase its data."""
    case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=cast.case_director
    )
    request = RequestFactory().post("/")
    request.user = cast.case_director
    inzage_services.erasure_request(
        request=request, family_pk=family.pk, reason=reason, coalition=None
    )


def seed_privacy_ids(cast: Cast, family: Family) -> dict[str, dict[str, object]]:
    """Path ids for the contract test (kansrijk/testing/contract.py): an emergency access of
    the outsider to `family`, and an open erasure request of a separate, throwaway family, so
    that `family` survives whatever the generated requests do (confirming also needs the
    reference typed over, which generated requests do not know)."""
    glass = break_the_glass_open(
        user=cast.outsider,
        family_pk=family.pk,
        reason="acute_care",
        explanation="Moeder belt in paniek, zorgteam niet bereikbaar.",
    )
    throwaway = make_family(cast)
    ask_erasure(cast, throwaway)
    return {"break-the-glass": {"id": glass.pk}, "erasure-requests": {"id": throwaway.pk}}
