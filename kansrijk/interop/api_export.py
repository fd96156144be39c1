"""The family file as a FHIR R4 Bundle: `GET /api/v1/families/{id}/fhir/`.

Access as the family file API (`kansrijk.families.api`): logged in, and the family only
through the access policy (`get_family_for_user`), which answers 404 "niet gevonden of geen
toegang" for a family that does not exist and one the caller may not see alike, and logs
the export as a NEN 7513 access event with action EXPORT.

The BSN: the family file's API and page never show it in full (only `bsn_masked`). An
export is meant for exchange between care providers, where the BSN is the identifier
(Wet gebruik BSN in de zorg), so it is included only for a caller whose ground carries a
treatment relationship (the care team), never on break-the-glass or a read-only ground.

Errors are a FHIR OperationOutcome (application/fhir+json), as on every FHIR endpoint
(`fhir.api.FhirView`), not the problem details of the rest of the API.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from fhir.resources.R4B.bundle import Bundle
from rest_framework import permissions

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import decide, get_family_for_user

from .fhir.api import FHIR_JSON, FhirView
from .fhir.export import build_bundle
from .fhir.export_data import family_file_for_export

FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
EXAMPLE = {
    "resourceType": "Bundle",
    "id": "5b0c2d1e-0000-5000-8000-000000000000",
    "identifier": {"system": "urn:ietf:rfc:3986", "value": "urn:kansrijk:family:12"},
    "type": "collection",
    "timestamp": "2026-06-15T10:00:00+00:00",
    "entry": [
        {
            "fullUrl": "urn:uuid:9d6f3b0a-0000-5000-8000-000000000001",
            "resource": {
                "resourceType": "Patient",
                "id": "9d6f3b0a-0000-5000-8000-000000000001",
                "identifier": [
                    {"system": "urn:ietf:rfc:3986", "value": "urn:kansrijk:person:31"},
                    {"system": "http://fhir.nl/fhir/NamingSystem/bsn", "value": "111222333"},
                ],
                "name": [{"text": "Sara Jansen", "family": "Jansen", "given": ["Sara"]}],
            },
        },
        {
            "fullUrl": "urn:uuid:1f3e0c9b-0000-5000-8000-000000000002",
            "resource": {
                "resourceType": "EpisodeOfCare",
                "id": "1f3e0c9b-0000-5000-8000-000000000002",
                "status": "active",
                "patient": {"reference": "urn:uuid:9d6f3b0a-0000-5000-8000-000000000001"},
            },
        },
    ],
}


def may_export_bsn(user, family) -> bool:
    """Whether the export for `user` carries the BSN: only on a ground with a treatment
    relationship (the care team). One query (the policy's `decide`)."""
    decision = decide(user, family)
    return bool(
        decision.allowed
        and decision.ground.treatment_relationship
        and not decision.ground.emergency
        and not decision.ground.read_only
    )


def _household(family) -> list[int]:
    """The persons concerned by the export, for the access event: the whole household."""
    return list(family.persons.values_list("pk", flat=True))


@extend_schema(tags=["gezinnen"])
class FamilyFhirView(FhirView):
    """The family file as a FHIR R4 Bundle (type "collection")."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    fhir_errors = (404, 406)

    @extend_schema(
        summary="Gezinsdossier als FHIR R4-bundel",
        description=(
            "Het gezinsdossier als FHIR R4-Bundle van het type `collection` (een verzameling "
            "resources om over te dragen, geen ondertekend document): de cliënt en de kinderen "
            "(Patient), de partner en andere gezinsleden (RelatedPerson), het traject van de "
            "eerste 1000 dagen (EpisodeOfCare), de kwetsbaarheid en route van de laatste "
            "signalering (Observation), elke signalering (QuestionnaireResponse) met het "
            "instrument (Questionnaire), het gezinsplan en de doelen met de dimensie van "
            "Positieve Gezondheid (CarePlan, Goal), het zorgteam (CareTeam, Practitioner, "
            "PractitionerRole, Organization), verwijzingen (ServiceRequest), overdrachten "
            "(Task) en toestemmingen (Consent). Verwijzingen tussen resources gebruiken de "
            "`fullUrl` (`urn:uuid:`) van de entries in de bundel. Het BSN staat er alleen in "
            "voor leden van het zorgteam, niet bij noodtoegang. Het exporteren wordt in het "
            "toegangslog vastgelegd (actie: geëxporteerd)."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={
            (200, FHIR_JSON): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="FHIR R4 Bundle (type collection).",
                examples=[OpenApiExample("Bundle", value=EXAMPLE, media_type=FHIR_JSON)],
            ),
        },
    )
    def get(self, request, pk):
        family = get_family_for_user(
            request.user,
            pk,
            AccessEvent.Action.EXPORT,
            request=request,
            persons=_household,
            detail=_("Gezinsdossier geëxporteerd als FHIR-bundel via de API"),
        )
        include_bsn = may_export_bsn(request.user, family)
        file = family_file_for_export(family, include_bsn=include_bsn)
        bundle = Bundle.model_validate(build_bundle(file, now=timezone.now()))
        return HttpResponse(bundle.model_dump_json(exclude_none=True), content_type=FHIR_JSON)
