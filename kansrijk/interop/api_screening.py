"""Screening in FHIR R4: an instrument as Questionnaire, a screening in as QuestionnaireResponse.

The rules are those of the signaling API (kansrijk/signaling/api.py), in FHIR's shape:

- a Questionnaire holds no family data: anyone with a current membership in a coalition may
  read it (as `api:instrument_detail`), and reading it writes no access event;
- a QuestionnaireResponse is recorded only by `services.assessment_record`, which takes the
  family through the access policy (row lock, NEN 7513 update event), checks the answers
  with the instrument and lands on the family's timeline. A family the caller may not change
  answers 404 "niet gevonden of geen toegang", whether it exists or not, and the refusal is
  logged (`family_for_write`, before anything else is read). Sent with an `Idempotency-Key`,
  the same request again replays the first answer (kansrijk/core/idempotency.py);
- a recorded assessment is read back as a QuestionnaireResponse by its id, through the
  access policy as the family's assessments are (`api:assessment_list`): 404 when the caller
  may not see the family, and the read is in the access log.

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
from rest_framework import permissions, status
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user
from kansrijk.core.api_docs import IDEMPOTENCY_PARAMETER
from kansrijk.core.idempotency import HEADER as IDEMPOTENCY_HEADER
from kansrijk.families.pages import family_for_write
from kansrijk.signaling import instruments as registry
from kansrijk.signaling import services
from kansrijk.signaling.api import WorksInACoalition
from kansrijk.signaling.models import Assessment

from .fhir.api import FHIR_JSON, FhirView
from .fhir.api import outcome_response as _outcome
from .fhir.screening import build_questionnaire
from .fhir.screening_response import (
    InvalidResource,
    Issue,
    family_pk_of,
    parse_structure,
    read_answers,
    service_issues,
)
from .fhir.screening_stored import build_response

# --- OpenAPI --------------------------------------------------------------------------------

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


def _success(description: str, name: str, example: dict) -> OpenApiResponse:
    return OpenApiResponse(
        OpenApiTypes.OBJECT, description=description, examples=[OpenApiExample(name, value=example)]
    )


def _in_both_media_types(code: int, response: OpenApiResponse) -> dict:
    """A success as FHIR JSON and as plain JSON: a client that asks for `?format=json` or
    `Accept: application/json` gets the same body as `application/json`. The errors are
    documented by `fhir.api.FhirAutoSchema`."""
    return {(code, media_type): response for media_type in (FHIR_JSON, "application/json")}


IDEMPOTENCY_KEY = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=IDEMPOTENCY_PARAMETER["description"],
)


# --- Views ----------------------------------------------------------------------------------


@extend_schema(tags=["fhir"])
class QuestionnaireView(FhirView):
    """One version of an instrument as a FHIR R4 Questionnaire (newest unless `?version=`)."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, WorksInACoalition)}
    fhir_errors = (400, 404, 406)

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
            200, _success("De Questionnaire.", "Professioneel oordeel", QUESTIONNAIRE_EXAMPLE)
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
    fhir_errors = (400, 404, 406, 409, 413, 415, 422)

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
            "signalering) en een `Location` naar die QuestionnaireResponse "
            "(`GET /api/v1/fhir/QuestionnaireResponse/{id}`). Met een `Idempotency-Key` mag "
            "je hetzelfde verzoek opnieuw sturen zonder tweede signalering. Fouten zijn "
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
        parameters=[IDEMPOTENCY_KEY],
        responses=_in_both_media_types(
            201, _success("De opgeslagen QuestionnaireResponse.", "Vastgelegd", STORED_EXAMPLE)
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
            reverse("api:fhir_questionnaire_response_detail", kwargs={"pk": assessment.pk})
        )
        return Response(
            build_response(assessment),
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


@extend_schema(tags=["fhir"])
class QuestionnaireResponseDetailView(FhirView):
    """A recorded assessment as a FHIR R4 QuestionnaireResponse (the POST's `Location`)."""

    # As `api:assessment_list`: the policy decides, 404 to anyone without a ground.
    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    fhir_errors = (404, 406)

    @extend_schema(
        summary="Signalering als FHIR QuestionnaireResponse",
        description=(
            "Een vastgelegde signalering (afgerond of concept) als FHIR R4 "
            "QuestionnaireResponse, zoals `POST /api/v1/fhir/QuestionnaireResponse` die "
            "teruggeeft: `id` is de signalering, een concept heeft status `in-progress`. "
            "Alleen als je het gezin mag zien (zoals `GET /api/v1/families/{id}/assessments/`); "
            "anders 404. Het inzien wordt in het toegangslog vastgelegd."
        ),
        parameters=[
            OpenApiParameter(
                "id",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Nummer (id) van de signalering.",
            )
        ],
        responses=_in_both_media_types(
            200, _success("De QuestionnaireResponse.", "Vastgelegd", STORED_EXAMPLE)
        ),
    )
    def get(self, request, pk: str):
        family_pk = None
        if pk.isascii() and pk.isdigit() and len(pk) < 19:
            family_pk = (
                Assessment.objects.filter(pk=int(pk)).values_list("family_id", flat=True).first()
            )
        if family_pk is None:
            raise Http404(NOT_FOUND_MESSAGE)
        family = get_family_for_user(
            request.user,
            family_pk,
            AccessEvent.Action.READ,
            request=request,
            detail=_("Signalering ingezien als FHIR QuestionnaireResponse via de API"),
        )
        # `recorded_by` joined for the author's name.
        assessment = Assessment.objects.select_related("recorded_by").get(pk=pk, family=family)
        return Response(build_response(assessment))


@extend_schema(exclude=True)
class UnknownFhirPathView(FhirView):
    """Any other path under `/api/v1/fhir/`: a resource type or operation kansrijk does not
    offer. Answered 404 as an OperationOutcome (a FHIR client reads no HTML page), for every
    method and every caller: there is nothing behind it to protect."""

    permissions_by_method = dict.fromkeys(
        ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"), (permissions.AllowAny,)
    )

    def _not_here(self, request, *args, **kwargs):
        raise Http404(_("Dit adres bestaat niet in de FHIR-API."))

    get = post = put = patch = delete = options = _not_here
