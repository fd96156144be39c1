"""The signaling API: instrument definitions, and a family's assessments with their routes.

This is how a midwife's own record system submits a screening. The rules are those of the
pages and the families API:

- an instrument definition holds no family data: anyone with a current membership in a
  coalition may read it, and reading it writes no access event;
- a family's assessments are reached only through the access policy (`get_family_for_user`):
  reading them writes a NEN 7513 read event, and a family the caller may not see answers
  404 "niet gevonden of geen toegang", whether it exists or not;
- a screening is written only by `services.assessment_record`, which takes the family
  through the policy again (with a row lock and an update event), checks the answers with
  the instrument and the route rules, and answers in Dutch. Only professionals have a
  ground, so the policy alone keeps coordinators, analysts and administrators out, with the
  same 404 as anyone else without a ground (policy rule 4), as the families API does on
  PUT and PATCH.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, permissions, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.models import Family
from kansrijk.families.pages import family_for_write
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Membership
from kansrijk.organisations.selectors import coalitions_of

from . import instruments as registry
from . import services
from .models import Assessment, RouteDecision
from .serializers import (
    AssessmentCreateSerializer,
    AssessmentSerializer,
    InstrumentSerializer,
    RouteChooseSerializer,
    RouteDecisionSerializer,
)

Action = AccessEvent.Action

# Where `services.assessment_record` puts its errors, under the name of the request field.
# Every other key it uses is an item key: those go under "answers".
SERVICE_ERROR_FIELDS = {
    api_settings.NON_FIELD_ERRORS_KEY: api_settings.NON_FIELD_ERRORS_KEY,
    "instrument": "instrument",
    "pregnancy": "pregnancy",
    "assessed_on": "assessed_on",
    "route": "route",
    "priority": "priority",
    "reason": "route_reason",
}
INVALID_INPUT = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen.")


# --- Permissions ----------------------------------------------------------------------------


class WorksInACoalition(permissions.BasePermission):
    """Has a current membership in some coalition, in any role (instruments are no family
    data: a coordinator chooses them, an analyst reads their levels)."""

    message = _("Alleen wie in een coalitie werkt, kan de instrumenten inzien.")

    def has_permission(self, request, view) -> bool:
        return Membership.objects.current().filter(professional=request.user).exists()


# --- Helpers --------------------------------------------------------------------------------


def assessments_of(family: Family) -> QuerySet[Assessment]:
    """The family's assessments, final and draft, newest first, with what a row shows.

    `select_related("recorded_by")`: every row names who recorded it (a join instead of a
    query per row). The route decisions are prefetched with `decided_by` joined: one query
    for the whole page instead of one per assessment and one per decision.
    """
    return (
        Assessment.objects.filter(family=family)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch(
                "route_decisions",
                queryset=RouteDecision.objects.select_related("decided_by").order_by(
                    "-decided_at", "-id"
                ),
            )
        )
        .order_by("-assessed_on", "-id")
    )


def _service_error(error: DjangoValidationError) -> serializers.ValidationError:
    """The service's errors under the request's field names; item keys under "answers"."""
    detail = _drf_validation_error(error).detail
    errors, answers = {}, {}
    for key, messages in detail.items():
        if key in SERVICE_ERROR_FIELDS:
            errors[SERVICE_ERROR_FIELDS[key]] = messages
        else:
            answers[key] = messages
    if answers:
        errors["answers"] = answers
    return serializers.ValidationError(errors)


# --- Instruments ----------------------------------------------------------------------------


@extend_schema(tags=["signalering"])
class InstrumentListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The newest version of every instrument in use in the caller's coalition(s)."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, WorksInACoalition)}
    serializer_class = InstrumentSerializer
    pagination_class = None  # a handful of instruments, read from files

    def _coalition_filter(self) -> int | None:
        value = self.request.query_params.get("coalition")
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            raise serializers.ValidationError(
                {"coalition": [_("Geef het nummer (id) van de coalitie.")]}
            ) from None

    @extend_schema(
        summary="Instrumenten in gebruik",
        description=(
            "De nieuwste versie van elk instrument dat in een van je coalities in gebruik is. "
            "Oudere versies: `GET /api/v1/instruments/{key}/?version=N`."
        ),
        parameters=[
            OpenApiParameter(
                "coalition",
                OpenApiTypes.INT,
                description="Alleen de instrumenten van deze coalitie (een van je eigen).",
            )
        ],
        responses={
            200: InstrumentSerializer(many=True),
            400: INVALID_INPUT,
            403: OpenApiResponse(ErrorSerializer, description="Geen lid van een coalitie."),
        },
    )
    def get(self, request):
        requested = self._coalition_filter()
        coalitions = [
            coalition
            for coalition in coalitions_of(request.user)
            if requested is None or coalition.pk == requested
        ]
        # One query per coalition for its switched-off instruments; a caller works in one
        # or a few coalitions.
        in_use = {}
        for coalition in coalitions:
            for instrument in services.instruments_in_use(coalition):
                in_use[instrument.key] = instrument
        rows = [in_use[key] for key in sorted(in_use)]
        return Response(InstrumentSerializer(rows, many=True).data)


@extend_schema(tags=["signalering"])
class InstrumentDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One version of an instrument, the newest unless `?version=` asks for another.

    Any shipped instrument, also one a coalition has switched off: a past assessment keeps
    the instrument and version it was made with, and is read with that definition.
    """

    permissions_by_method = {"GET": (permissions.IsAuthenticated, WorksInACoalition)}
    serializer_class = InstrumentSerializer

    @extend_schema(
        summary="Instrument",
        description=(
            "Eén versie van een instrument: de vragen, de weging en de grenzen. Ook een "
            "instrument dat je coalitie niet (meer) gebruikt: een signalering houdt de versie "
            "waarmee ze gemaakt is."
        ),
        parameters=[
            OpenApiParameter(
                "key",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Sleutel van het instrument.",
            ),
            OpenApiParameter(
                "version",
                OpenApiTypes.INT,
                description="Een oudere versie; leeg: de nieuwste.",
            ),
        ],
        responses={
            200: InstrumentSerializer,
            400: INVALID_INPUT,
            403: OpenApiResponse(ErrorSerializer, description="Geen lid van een coalitie."),
            404: OpenApiResponse(ErrorSerializer, description="Dit instrument bestaat niet."),
        },
    )
    def get(self, request, key: str):
        version = request.query_params.get("version") or None
        if version is not None:
            try:
                version = int(version)
            except ValueError:
                raise serializers.ValidationError(
                    {"version": [_("Geef het versienummer als geheel getal.")]}
                ) from None
        try:
            instrument = registry.get_instrument(key, version)
        except LookupError:
            raise Http404(_("Dit instrument bestaat niet.")) from None
        return Response(InstrumentSerializer(instrument).data)


# --- A family's assessments -----------------------------------------------------------------

FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
EXAMPLE_JUDGEMENT = OpenApiExample(
    "Professioneel oordeel, route 3",
    value={
        "instrument_key": "professioneel-oordeel",
        "answers": {
            "niveau": "vulnerable",
            "reden": "Moeder heeft geen steun en er zijn zorgen over de veiligheid thuis.",
        },
        "route": 3,
    },
    request_only=True,
)


@extend_schema(tags=["signalering"])
class FamilyAssessmentsView(PermissionsByMethodMixin, generics.ListCreateAPIView):
    """A family's assessments with their routes; submitting a screening."""

    permissions_by_method = {
        "GET": (permissions.IsAuthenticated,),
        # No `IsProfessional`: the policy decides, and answers 404 to anyone without a
        # ground, coordinators included (policy rule 4), like PUT/PATCH on a family.
        "POST": (permissions.IsAuthenticated,),
    }
    serializer_class = AssessmentSerializer
    parser_classes = [JSONParser]  # answers are a JSON object; a record system sends JSON

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assessment.objects.none()
        family = get_family_for_user(
            self.request.user,
            self.kwargs["pk"],
            Action.READ,
            request=self.request,
            detail=_("Signaleringen ingezien via de API"),
        )
        return assessments_of(family)

    @extend_schema(
        summary="Signaleringen van een gezin",
        description="Afgeronde signaleringen en concepten, nieuwste eerst, met de routekeuzes.",
        parameters=[FAMILY_PARAMETER],
        responses={200: AssessmentSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Signalering vastleggen",
        description=(
            "Een volledige signalering in één keer, zoals een eigen registratiesysteem die "
            "instuurt; het niveau wordt berekend. Met `route` wordt meteen de route gekozen "
            "(met de vervolgstappen als taken); wijkt die af van het voorstel, geef dan "
            "`route_reason`. Meldingen over antwoorden staan onder `answers`, per vraag; "
            "over het instrument of de versie onder `instrument`."
        ),
        parameters=[FAMILY_PARAMETER],
        request=AssessmentCreateSerializer,
        examples=[EXAMPLE_JUDGEMENT],
        responses={201: AssessmentSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, *args, **kwargs):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family_for_write(request, kwargs["pk"], coalition=None)
        serializer = AssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            assessment = services.assessment_record(
                actor=request.user,
                family_pk=kwargs["pk"],
                instrument_key=data["instrument_key"],
                instrument_version=data.get("instrument_version"),
                answers=data["answers"],
                partner_present=data["partner_present"],
                pregnancy_pk=data.get("pregnancy"),
                assessed_on=data.get("assessed_on"),
                route=data.get("route"),
                priority=data.get("priority"),
                reason=data.get("route_reason", ""),
                request=request,
            )
        except DjangoValidationError as error:
            raise _service_error(error) from None
        # Read back with the list's joins, so that the body is exactly a row of the list.
        assessment = assessments_of(assessment.family).get(pk=assessment.pk)
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["signalering"])
class AssessmentRouteView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Choose the route after a finished screening, as on the screening's page."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = RouteChooseSerializer
    parser_classes = [JSONParser]

    @extend_schema(
        summary="Route kiezen na een signalering",
        description=(
            "Kiest de route bij een afgeronde signalering van het gezin: het voorstel volgen, "
            "of een andere route (of voorrang) met `route_reason`. Wijzigt de route, dan "
            "vervallen de open vervolgstappen van de vorige route en komen die van de nieuwe "
            "route als taken. Een concept-signalering of een gesloten dossier geeft 400."
        ),
        parameters=[
            FAMILY_PARAMETER,
            OpenApiParameter(
                "assessment_pk",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="Nummer (id) van een afgeronde signalering van dit gezin.",
            ),
        ],
        request=RouteChooseSerializer,
        examples=[
            OpenApiExample(
                "Route 2 in plaats van 3",
                value={"route": 2, "route_reason": "Gezin heeft al hulp van het wijkteam."},
                request_only=True,
            )
        ],
        responses={201: RouteDecisionSerializer, 400: INVALID_INPUT, 404: NOT_FOUND},
    )
    def post(self, request, pk: int, assessment_pk: int):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family_for_write(request, pk, coalition=None)
        serializer = RouteChooseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            decision = services.route_choose(
                actor=request.user,
                family_pk=pk,
                assessment_pk=assessment_pk,
                route=data["route"],
                priority=data.get("priority"),
                reason=data.get("route_reason", ""),
                request=request,
            )
        except DjangoValidationError as error:
            raise _service_error(error) from None
        decision = RouteDecision.objects.select_related("decided_by").get(pk=decision.pk)
        return Response(RouteDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
