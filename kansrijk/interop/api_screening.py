"""Screening in FHIR R4: an instrument as Questionnaire, a screening in as QuestionnaireResponse.

The rules are those of the signaling API (kansrijk/signaling/api.py), in FHIR's shape:

- a Questionnaire holds no family data: anyone with a current membership in a coalition may
  read it (as `api:instrument_detail`), and reading it writes no access event;
- a QuestionnaireResponse is recorded only by `services.assessment_record`, which takes the
  family through the access policy (row lock, NEN 7513 update event), checks the answers
  with the instrument and lands on the family's timeline. A family the caller may not change
  answers 404 "niet gevonden of geen toegang", whether it exists or not, and the refusal is
  logged (`family_for_write`, before anything else is read).

Every error is an OperationOutcome (application/fhir+json) with Dutch diagnostics. Statuses
follow FHIR's RESTful API: 400 when the body is no valid R4 QuestionnaireResponse (parsing,
structure), 422 when it is one but its content breaks the instrument's or kansrijk's rules
(unknown questionnaire, missing or impossible answers, a family file that is closed);
nothing is stored then.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, permissions, status
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.pages import family_for_write
from kansrijk.signaling import instruments as registry
from kansrijk.signaling import services
from kansrijk.signaling.api import WorksInACoalition
from kansrijk.signaling.models import Assessment

from .fhir.screening import build_questionnaire
from .fhir.screening_response import (
    InvalidResource,
    Issue,
    family_pk_of,
    operation_outcome,
    parse_structure,
    read_answers,
    service_issues,
)
from .fhir.screening_stored import build_response

FHIR_JSON = "application/fhir+json"

# An HTTP error status → the OperationOutcome issue code that says the same.
ISSUE_CODES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
    415: "not-supported",
}


class FhirJsonParser(JSONParser):
    media_type = FHIR_JSON


class FhirJsonRenderer(JSONRenderer):
    media_type = FHIR_JSON
    format = "fhir"


def fhir_exception_handler(exc, context):
    """DRF's answer to an error (401, 403, 404, 415, a JSON parse error) as OperationOutcome."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    code = ISSUE_CODES.get(response.status_code, "exception")
    response.data = operation_outcome([Issue(code, str(detail))])
    return response


class FhirView(PermissionsByMethodMixin, generics.GenericAPIView):
    """FHIR JSON in and out (plain JSON accepted too), errors as OperationOutcome."""

    parser_classes = [FhirJsonParser, JSONParser]
    renderer_classes = [FhirJsonRenderer, JSONRenderer]
    pagination_class = None

    def get_exception_handler(self):
        return fhir_exception_handler


def _outcome(issues: list[Issue], status_code: int) -> Response:
    return Response(operation_outcome(issues), status=status_code)


# --- OpenAPI --------------------------------------------------------------------------------

OUTCOME_EXAMPLE = {
    "resourceType": "OperationOutcome",
    "issue": [
        {
            "severity": "error",
            "code": "required",
            "diagnostics": "Kies een antwoord.",
            "expression": [
                "QuestionnaireResponse.item.where(linkId='oordeel').item.where(linkId='niveau')"
            ],
        }
    ],
}
RESPONSE_EXAMPLE = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": "urn:kansrijk:questionnaire:professioneel-oordeel|1",
    "status": "completed",
    "subject": {"reference": "urn:kansrijk:family:42"},
    "authored": "2027-03-03T10:15:00+01:00",
    "item": [
        {
            "linkId": "oordeel",
            "item": [
                {
                    "linkId": "niveau",
                    "answer": [
                        {
                            "valueCoding": {
                                "system": "urn:kansrijk:questionnaire:professioneel-oordeel:niveau",
                                "code": "vulnerable",
                            }
                        }
                    ],
                },
                {
                    "linkId": "reden",
                    "answer": [{"valueString": "Geen steun; zorgen over veiligheid thuis."}],
                },
            ],
        }
    ],
}
STORED_EXAMPLE = {
    **RESPONSE_EXAMPLE,
    "id": "17",
    "authored": "2027-03-03",
    "subject": {"reference": "urn:kansrijk:family:42", "type": "Group"},
    "author": {"type": "Practitioner", "display": "Sanne de Vries"},
    "extension": [
        {"url": "urn:kansrijk:fhir:extension:screening-level", "valueCode": "vulnerable"},
        {"url": "urn:kansrijk:fhir:extension:screening-total-score", "valueInteger": 0},
    ],
}
QUESTIONNAIRE_EXAMPLE = {
    "resourceType": "Questionnaire",
    "id": "professioneel-oordeel",
    "language": "nl",
    "url": "urn:kansrijk:questionnaire:professioneel-oordeel",
    "version": "1",
    "name": "ProfessioneelOordeel",
    "title": "Professioneel oordeel",
    "status": "active",
    "subjectType": ["Group"],
    "item": [
        {
            "linkId": "oordeel",
            "type": "group",
            "text": "Oordeel",
            "item": [
                {
                    "linkId": "niveau",
                    "type": "choice",
                    "text": "Welk niveau van kwetsbaarheid zie je?",
                    "required": True,
                    "answerOption": [
                        {
                            "valueCoding": {
                                "system": "urn:kansrijk:questionnaire:professioneel-oordeel:niveau",
                                "code": "vulnerable",
                                "display": "Kwetsbaar",
                            }
                        }
                    ],
                },
                {"linkId": "reden", "type": "text", "text": "Waarom kies je dit niveau?"},
            ],
        }
    ],
}


def _outcome_response(description: str, example: dict | None = None) -> OpenApiResponse:
    return OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=description,
        examples=[OpenApiExample("OperationOutcome", value=example or OUTCOME_EXAMPLE)],
    )


def _in_both_media_types(responses: dict[int, OpenApiResponse]) -> dict:
    """The same answers as FHIR JSON and as plain JSON: a client that asks for `?format=json`
    or `Accept: application/json` gets the same body as `application/json`."""
    return {
        (code, media_type): response
        for code, response in responses.items()
        for media_type in (FHIR_JSON, "application/json")
    }


# --- Views ----------------------------------------------------------------------------------


@extend_schema(tags=["fhir"])
class QuestionnaireView(FhirView):
    """One version of an instrument as a FHIR R4 Questionnaire (newest unless `?version=`)."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, WorksInACoalition)}

    @extend_schema(
        summary="Instrument als FHIR Questionnaire",
        description=(
            "Een signaleringsinstrument als FHIR R4 Questionnaire (`application/fhir+json`). "
            "De canonieke url is `urn:kansrijk:questionnaire:{key}`, de versie die van het "
            "instrument. Per domein een groep; ja/nee-vragen zijn `boolean`, keuzevragen "
            "`choice` met de opties als `answerOption` (code = optiesleutel, het gewicht als "
            "extensie `ordinalValue`), schalen `integer` met `minValue`/`maxValue`, open vragen "
            "`text`. Heeft het instrument partnervragen, dan begint het met `partner-present`: "
            "de partnervragen gelden alleen als die `true` is. De nieuwste versie heeft status "
            "`active`, oudere `retired`."
        ),
        parameters=[
            OpenApiParameter(
                "key",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Sleutel van het instrument (als bij `/api/v1/instruments/{key}/`).",
            ),
            OpenApiParameter(
                "version",
                OpenApiTypes.INT,
                description="Een oudere versie; leeg: de nieuwste.",
            ),
        ],
        responses=_in_both_media_types(
            {
                200: OpenApiResponse(
                    OpenApiTypes.OBJECT,
                    description="De Questionnaire.",
                    examples=[OpenApiExample("Professioneel oordeel", value=QUESTIONNAIRE_EXAMPLE)],
                ),
                400: _outcome_response("Ongeldig versienummer."),
                401: _outcome_response("Niet ingelogd."),
                403: _outcome_response("Geen lid van een coalitie."),
                404: _outcome_response("Dit instrument (of deze versie) bestaat niet."),
            }
        ),
    )
    def get(self, request, key: str):
        version = request.query_params.get("version") or None
        if version is not None and not (version.isascii() and version.isdigit()):
            return _outcome(
                [Issue("value", _("Geef het versienummer als geheel getal."))],
                status.HTTP_400_BAD_REQUEST,
            )
        try:
            instrument = registry.get_instrument(key, int(version) if version else None)
            latest = registry.get_instrument(key)
        except LookupError:
            raise Http404(_("Dit instrument bestaat niet.")) from None
        body = build_questionnaire(instrument, latest=instrument.version == latest.version)
        return Response(body)


@extend_schema(tags=["fhir"])
class QuestionnaireResponseView(FhirView):
    """Record a screening sent as a FHIR R4 QuestionnaireResponse."""

    # No `IsProfessional`: the policy decides, and answers 404 to anyone without a ground,
    # coordinators included, as on `api:assessment_list`.
    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}

    @extend_schema(
        summary="Signalering vastleggen als FHIR QuestionnaireResponse",
        description=(
            "Een afgeronde signalering (`status` `completed`) als FHIR R4 QuestionnaireResponse "
            "(`application/fhir+json` of `application/json`), precies zoals "
            "`POST /api/v1/families/{id}/assessments/` die vastlegt: dezelfde controles, "
            "dezelfde berekening van het niveau, dezelfde logging. `questionnaire` is de "
            "canonieke url van de Questionnaire, eventueel met versie "
            "(`urn:kansrijk:questionnaire:{key}|{versie}`); zonder versie de nieuwste. "
            '`subject` is het gezin: `{"reference": "urn:kansrijk:family:{id}"}` of '
            '`{"identifier": {"system": "urn:ietf:rfc:3986", "value": '
            '"urn:kansrijk:family:{id}"}}` (de identifier van het gezin in de export). '
            "`authored` is de datum van de signalering (leeg: vandaag). De antwoorden per "
            "linkId, gegroepeerd per domein zoals in de Questionnaire. De route kies je daarna "
            "in kansrijk. Antwoord: 201 met de opgeslagen QuestionnaireResponse (`id` = de "
            "signalering) en een `Location` naar de signaleringen van het gezin. Fouten zijn "
            "een OperationOutcome met per probleem een `issue` (Nederlandse `diagnostics`, "
            "`expression` naar de vraag): 400 als het geen geldige QuestionnaireResponse is, "
            "422 als de inhoud niet klopt (dan wordt niets opgeslagen), 404 als het gezin niet "
            "bestaat of je er geen toegang toe hebt."
        ),
        request={FHIR_JSON: OpenApiTypes.OBJECT, "application/json": OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Professioneel oordeel",
                value=RESPONSE_EXAMPLE,
                request_only=True,
                media_type=media_type,
            )
            for media_type in (FHIR_JSON, "application/json")
        ],
        responses=_in_both_media_types(
            {
                201: OpenApiResponse(
                    OpenApiTypes.OBJECT,
                    description="De opgeslagen QuestionnaireResponse.",
                    examples=[OpenApiExample("Vastgelegd", value=STORED_EXAMPLE)],
                ),
                400: _outcome_response("Geen geldige FHIR QuestionnaireResponse."),
                401: _outcome_response("Niet ingelogd."),
                404: _outcome_response("Niet gevonden of geen toegang."),
                415: _outcome_response("Stuur JSON (application/fhir+json)."),
                422: _outcome_response(
                    "De inhoud klopt niet; per vraag wat er mis is. Er is niets opgeslagen."
                ),
            }
        ),
    )
    def post(self, request):
        try:
            resource = parse_structure(request.data)
        except InvalidResource as invalid:
            return _outcome(invalid.issues, status.HTTP_400_BAD_REQUEST)
        try:
            family_pk = family_pk_of(resource)
        except InvalidResource as invalid:
            return _outcome(invalid.issues, status.HTTP_422_UNPROCESSABLE_ENTITY)
        # Access before the answers: a refusal is logged outside the service's transaction,
        # and someone without a ground learns nothing from messages about the answers.
        family_for_write(request, family_pk, coalition=None)
        try:
            found = read_answers(resource)
            assessment = services.assessment_record(
                actor=request.user,
                family_pk=family_pk,
                instrument_key=found.instrument.key,
                instrument_version=found.instrument.version,
                answers=found.answers,
                partner_present=found.partner_present,
                assessed_on=found.assessed_on,
                request=request,
            )
        except InvalidResource as invalid:
            return _outcome(invalid.issues, status.HTTP_422_UNPROCESSABLE_ENTITY)
        except DjangoValidationError as error:
            messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            return _outcome(
                service_issues(messages, found.paths), status.HTTP_422_UNPROCESSABLE_ENTITY
            )
        # `recorded_by` joined for the author's name.
        assessment = Assessment.objects.select_related("recorded_by").get(pk=assessment.pk)
        location = request.build_absolute_uri(
            reverse("api:assessment_list", kwargs={"pk": family_pk})
        )
        return Response(
            build_response(assessment),
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )
