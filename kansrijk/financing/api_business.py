"""The business-case API, with the pages' rules (views_business):

- coordinators and analysts read the business cases of the coalitions where they have that
  role now; coordinators create, change and delete them (analysts get 403 on a write);
  professionals and administrators get 403; a case of a coalition where the caller has
  neither role is "not found" (404);
- the caller's coalition: the API has no session's active coalition, so a list covers every
  coalition where the caller coordinates or analyses (narrow it with `?coalition=`), and a
  new case goes to the coalition the caller coordinates, or the one named in `coalition`
  when they coordinate more than one;
- a case is sent and returned whole, with its interventions, their effects and the
  effects' savings; a write that sends `interventions` replaces all of them. PUT and PATCH
  carry the `version` the client read: a case that changed since answers 409;
- every write goes through `services_business` (same checks, Dutch messages and audit trail
  as the pages).

Business cases are coalition data without any family, so no access event is written.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_errors import problem_response, version_conflict_response
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership

from . import selectors_business as selectors
from . import services_business as services
from .business_case import BASE, ESTIMATES
from .models import BusinessCase
from .serializers_business import (
    BusinessCaseConflictSerializer,
    BusinessCaseListSerializer,
    BusinessCaseSerializer,
    BusinessCaseWriteSerializer,
    ResultSerializer,
)

TAG = "businesscase"
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Niet gevonden of geen toegang.")
FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen voor coördinatoren (schrijven) en analisten (lezen)."
)
INVALID = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen per veld.")
CONFLICT = OpenApiResponse(
    BusinessCaseConflictSerializer,
    description="Het scenario is intussen gewijzigd: haal het opnieuw op.",
)
CASE_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het scenario."
)
EXAMPLE = {
    "name": "Preconceptiezorg in de wijk",
    "description": "Wat preconceptiezorg de zorgverzekeraar en de gemeente oplevert.",
    "start_year": 2026,
    "horizon_years": 5,
    "interventions": [
        {
            "name": "Preconceptiespreekuur",
            "reach_per_year": 60,
            "cost_per_family": "450.00",
            "payer": "gemeente_wpg",
            "source": "Begroting GGD 2026",
            "effects": [
                {
                    "outcome": "Vroeggeboorte",
                    "effect_low": "0.0100",
                    "effect_base": "0.0200",
                    "effect_high": "0.0300",
                    "lag_years": 1,
                    "source": "Eigen schatting werkgroep",
                    "savings": [
                        {
                            "payer": "insurer",
                            "amount_per_outcome": "25000.00",
                            "source": "Eigen schatting werkgroep",
                        }
                    ],
                }
            ],
        }
    ],
}


# --- Who may -----------------------------------------------------------------------------------


def _roles(user) -> tuple[set[int], set[int]]:
    """(coalitions the user coordinates, coalitions where they coordinate or analyse), from
    their current memberships (one query)."""
    coordinated, readable = set(), set()
    rows = (
        Membership.objects.current()
        .filter(professional=user)
        .values_list("coalition_id", "is_coordinator", "is_analyst")
    )
    for coalition_id, coordinator, analyst in rows:
        if coordinator:
            coordinated.add(coalition_id)
        if coordinator or analyst:
            readable.add(coalition_id)
    return coordinated, readable


class IsCoordinatorOrAnalyst(permissions.BasePermission):
    """Coordinates or analyses in some coalition now; keeps the coalitions for the view."""

    message = _("Alleen coördinatoren en analisten van een coalitie zien de businesscases.")

    def has_permission(self, request, view) -> bool:
        view.coordinated, view.readable = _roles(request.user)
        return bool(view.readable)


class IsCoordinator(permissions.BasePermission):
    message = _("Alleen coördinatoren van een coalitie maken en wijzigen businesscases.")

    def has_permission(self, request, view) -> bool:
        view.coordinated, view.readable = _roles(request.user)
        return bool(view.coordinated)


def _forbidden_unless_coordinator(view, case: BusinessCase) -> Response | None:
    if case.coalition_id in view.coordinated:
        return None
    return problem_response(status=403, detail=IsCoordinator.message)


def _conflict(conflict: VersionConflict) -> Response:
    detail = _(
        "Dit scenario is intussen gewijzigd (nu versie %(version)s). Haal het opnieuw op "
        "en breng je wijziging daarin aan."
    ) % {"version": conflict.current_version}
    return version_conflict_response(conflict, detail, BusinessCaseConflictSerializer)


def _written(case_pk: int, coalition_id: int, code=status.HTTP_200_OK) -> Response:
    case = selectors.coalition_case(coalition_id, case_pk)
    return Response(BusinessCaseSerializer(case).data, status=code)


# --- The list ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class BusinessCaseListView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {
        "GET": (permissions.IsAuthenticated, IsCoordinatorOrAnalyst),
        "POST": (permissions.IsAuthenticated, IsCoordinator),
    }
    serializer_class = BusinessCaseListSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return BusinessCase.objects.none()
        coalitions = set(self.readable)
        wanted = self.request.query_params.get("coalition", "")
        if wanted.isascii() and wanted.isdigit():
            coalitions &= {int(wanted)}
        return BusinessCase.objects.filter(coalition_id__in=coalitions).order_by(
            "coalition_id", "name", "id"
        )

    @extend_schema(
        summary="Businesscases",
        description=(
            "De scenario's van de coalities waar je coördinator of analist bent, op naam "
            "(zonder hun interventies; haal één scenario op voor alles)."
        ),
        parameters=[
            OpenApiParameter(
                "coalition", OpenApiTypes.INT, description="Alleen deze coalitie (id)."
            )
        ],
        responses={200: BusinessCaseListSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(BusinessCaseListSerializer(page, many=True).data)

    @extend_schema(
        summary="Scenario aanmaken",
        description=(
            "Een nieuw scenario met (optioneel) alle interventies, effecten en besparingen. "
            "Elk getal heeft een bron nodig; effect laag <= basis <= hoog; een effect begint "
            "binnen de looptijd."
        ),
        request=BusinessCaseWriteSerializer,
        examples=[OpenApiExample("Preconceptiezorg", value=EXAMPLE, request_only=True)],
        responses={201: BusinessCaseSerializer, 400: INVALID, 403: FORBIDDEN},
    )
    def post(self, request):
        serializer = BusinessCaseWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        coalition_id = data.pop("coalition", None)
        if coalition_id is None:
            if len(self.coordinated) != 1:
                raise serializers.ValidationError(
                    {"coalition": [_("Kies de coalitie: je bent coördinator in meer dan één.")]}
                )
            (coalition_id,) = self.coordinated
        elif coalition_id not in self.coordinated:
            raise serializers.ValidationError(
                {"coalition": [_("Je bent geen coördinator van deze coalitie.")]}
            )
        data.pop("version", None)
        data.setdefault("interventions", [])
        try:
            case = services.business_case_replace(
                actor=request.user,
                coalition=Coalition.objects.get(pk=coalition_id),
                data=data,
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _written(case.pk, coalition_id, status.HTTP_201_CREATED)


# --- One case ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class BusinessCaseDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {
        "GET": (permissions.IsAuthenticated, IsCoordinatorOrAnalyst),
        "PUT": (permissions.IsAuthenticated, IsCoordinatorOrAnalyst),
        "PATCH": (permissions.IsAuthenticated, IsCoordinatorOrAnalyst),
        "DELETE": (permissions.IsAuthenticated, IsCoordinatorOrAnalyst),
    }
    serializer_class = BusinessCaseSerializer

    def _get(self, pk: int) -> BusinessCase:
        case = BusinessCase.objects.filter(pk=pk).only("id", "coalition_id").first()
        if case is None or case.coalition_id not in self.readable:
            raise Http404
        return case

    @extend_schema(
        summary="Scenario",
        description="Eén scenario met zijn interventies, hun effecten en de besparingen.",
        parameters=[CASE_PARAMETER],
        responses={200: BusinessCaseSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        case = self._get(pk)
        return _written(case.pk, case.coalition_id)

    def _write(self, request, pk, *, partial: bool):
        case = self._get(pk)
        refused = _forbidden_unless_coordinator(self, case)
        if refused is not None:
            return refused
        serializer = BusinessCaseWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("coalition", None)
        version = data.pop("version", None)
        if version is None:
            raise serializers.ValidationError(
                {"version": [_("Stuur de versie mee die je hebt opgehaald.")]}
            )
        if not partial:
            data.setdefault("interventions", [])
            data.setdefault("description", "")
        try:
            services.business_case_replace(
                actor=request.user,
                coalition=Coalition.objects.get(pk=case.coalition_id),
                data=data,
                case_pk=case.pk,
                expected_version=version,
                request=request,
            )
        except VersionConflict as conflict:
            return _conflict(conflict)
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return _written(case.pk, case.coalition_id)

    @extend_schema(
        summary="Scenario vervangen",
        description=(
            "Vervangt de velden en alle interventies, effecten en besparingen (zonder "
            "`interventions`: geen). Stuur de `version` mee die je las."
        ),
        parameters=[CASE_PARAMETER],
        request=BusinessCaseWriteSerializer,
        examples=[OpenApiExample("Preconceptiezorg", value={**EXAMPLE, "version": 3})],
        responses={
            200: BusinessCaseSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def put(self, request, pk):
        return self._write(request, pk, partial=False)

    @extend_schema(
        summary="Scenario deels wijzigen",
        description=(
            "Wijzigt de velden die je meestuurt; met `interventions` vervang je alle "
            "interventies, effecten en besparingen. Stuur de `version` mee die je las."
        ),
        parameters=[CASE_PARAMETER],
        request=BusinessCaseWriteSerializer,
        examples=[OpenApiExample("Langere looptijd", value={"horizon_years": 8, "version": 3})],
        responses={
            200: BusinessCaseSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
    )
    def patch(self, request, pk):
        return self._write(request, pk, partial=True)

    @extend_schema(
        summary="Scenario verwijderen",
        description=(
            "Verwijdert het scenario met alles erin. Met `?version=` alleen als het sindsdien "
            "niet is gewijzigd (anders 409)."
        ),
        parameters=[
            CASE_PARAMETER,
            OpenApiParameter("version", OpenApiTypes.INT, description="De versie die je las."),
        ],
        responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
    )
    def delete(self, request, pk):
        case = self._get(pk)
        refused = _forbidden_unless_coordinator(self, case)
        if refused is not None:
            return refused
        wanted = request.query_params.get("version", "")
        try:
            services.business_case_delete(
                actor=request.user,
                coalition=Coalition.objects.get(pk=case.coalition_id),
                case_pk=case.pk,
                expected_version=int(wanted) if wanted.isascii() and wanted.isdigit() else None,
                request=request,
            )
        except VersionConflict as conflict:
            return _conflict(conflict)
        except DjangoPermissionDenied:
            return problem_response(status=403, detail=IsCoordinator.message)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- The result --------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class BusinessCaseResultView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": (permissions.IsAuthenticated, IsCoordinatorOrAnalyst)}
    serializer_class = ResultSerializer

    @extend_schema(
        summary="Resultaat van een scenario",
        description=(
            "Per betaler per jaar de investering, de besparing en het netto; de totalen, het "
            "cumulatieve netto, het terugverdienjaar en de verkeerde zak, voor één schatting."
        ),
        parameters=[
            CASE_PARAMETER,
            OpenApiParameter(
                "estimate", OpenApiTypes.STR, enum=list(ESTIMATES), description="Standaard base."
            ),
        ],
        responses={200: ResultSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        case = BusinessCase.objects.filter(pk=pk).only("id", "coalition_id").first()
        if case is None or case.coalition_id not in self.readable:
            raise Http404
        estimate = request.query_params.get("estimate", BASE)
        if estimate not in ESTIMATES:
            raise serializers.ValidationError({"estimate": [_("Kies low, base of high.")]})
        full = selectors.coalition_case(case.coalition_id, case.pk)
        result = selectors.case_result(full, estimate)
        result.case_id = full.pk
        result.case_version = full.version
        return Response(ResultSerializer(result).data)
