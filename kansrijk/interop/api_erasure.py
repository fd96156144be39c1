"""Inzage (everything kansrijk holds about a family) and erasure on request, through the API.

The pages' rules (kansrijk/interop/views_inzage.py), through the same services
(kansrijk/interop/inzage_services.py):

- the inzage export and the erasure request are for the family's current case director
  (DESIGN.md section 5, need to know: the one who hands the export to the family). To
  everyone without a ground the family does not exist (404); a care-team member or a
  professional who broke the glass gets 403. The export is logged as an EXPORT event
  before that check, as on the page;
- the erasure request needs a reason; a second request while one is open, or a request for
  a family whose data is already anonymised, answers 400 with the page's message. The
  request is in the audit trail; the family's access log has the update;
- the coordinators of the family's coalition list the open requests, and confirm or decline
  one (four eyes: not the one who asked). A request is addressed by its family's id, as on
  the page: a family has at most one open request. A family of another coalition is "not
  found". Coordinators see no family data: only its reference and the reason;
- confirming cannot be undone (the family's personal data is anonymised and the file
  closed), so the coordinator types the family's reference over (`reference`), as a
  confirmation that they mean this family; a wrong one answers 400 and changes nothing.
"""

import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.api_coalition_config import (
    COALITION,
    INVALID,
    ConfigViewMixin,
    CoordinatesACoalition,
)
from kansrijk.families.pages import family_for_write
from kansrijk.families.serializers import ErrorSerializer

from . import inzage, inzage_services

# Until a tag "privacy" is declared in SPECTACULAR_SETTINGS, the family files' tag.
TAG = "privacy"
REASON_MAX_LENGTH = 1000
CONFIRMED, DECLINED = "confirmed", "declined"


# --- Who may -------------------------------------------------------------------------------


class CoordinatesForErasure(CoordinatesACoalition):
    """Coordinates a coalition now: the erasure pages are theirs (`role_required`)."""

    message = gettext_lazy(
        "Alleen coördinatoren van een coalitie bevestigen of weigeren een verzoek tot wissen."
    )


COORDINATOR = (permissions.IsAuthenticated, CoordinatesForErasure)
CASE_DIRECTOR_ONLY = gettext_lazy("Alleen de casusregisseur van het gezin mag dit.")


def _case_director_only(request, family) -> None:
    if not inzage_services.is_case_director(request.user, family):
        raise exceptions.PermissionDenied(CASE_DIRECTOR_ONLY)


# --- Serializers ---------------------------------------------------------------------------


def _reason_field(required_message, help_text) -> serializers.CharField:
    return serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "blank": required_message,
            "null": required_message,
            "invalid": required_message,
            "max_length": gettext_lazy("De reden is hoogstens {max_length} tekens."),
        },
    )


class ErasureAskSerializer(serializers.Serializer):
    reason = _reason_field(
        gettext_lazy("Vul een reden in."),
        gettext_lazy("Waarom de gegevens van het gezin gewist moeten worden."),
    )


class ErasureDeclineSerializer(serializers.Serializer):
    reason = _reason_field(
        gettext_lazy("Vul een reden in."),
        gettext_lazy("Waarom de gegevens niet gewist worden (bijvoorbeeld: de wet eist bewaren)."),
    )


class ErasureConfirmSerializer(serializers.Serializer):
    reference = serializers.CharField(
        max_length=40,
        help_text=gettext_lazy(
            "Het dossiernummer van het gezin, overgetypt: wissen kan niet ongedaan worden."
        ),
        error_messages={
            key: gettext_lazy(
                "Typ het dossiernummer van het gezin over om het wissen te bevestigen."
            )
            for key in ("required", "blank", "null", "invalid", "max_length")
        },
    )


class ErasureRequestSerializer(serializers.Serializer):
    """One open erasure request: the family's id and reference, why, when and by whom."""

    family = serializers.IntegerField(help_text=gettext_lazy("Nummer (id) van het gezin."))
    reference = serializers.CharField(help_text=gettext_lazy("Dossiernummer van het gezin."))
    reason = serializers.CharField()
    requested_at = serializers.DateTimeField()
    requested_by = serializers.CharField()


class ErasureDecisionSerializer(serializers.Serializer):
    """What a coordinator decided on a request."""

    family = serializers.IntegerField()
    reference = serializers.CharField()
    decision = NamedChoiceField(
        [
            (CONFIRMED, gettext_lazy("Gewist")),
            (DECLINED, gettext_lazy("Afgewezen")),
        ],
        enum_name="ErasureDecisionEnum",
    )
    reason = serializers.CharField(
        help_text=gettext_lazy("De reden van het verzoek, of van het afwijzen.")
    )
    decided_at = serializers.DateTimeField()


# --- Documentation -------------------------------------------------------------------------

FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
REQUEST_PARAMETER = OpenApiParameter(
    "id",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description="Nummer (id) van het gezin waarvoor het verzoek tot wissen loopt.",
)
CASE_DIRECTOR_FORBIDDEN = OpenApiResponse(ErrorSerializer, description=str(CASE_DIRECTOR_ONLY))
COORDINATOR_FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description=str(CoordinatesForErasure.message)
)
REQUEST_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Dit gezin of deze coalitie bestaat niet voor jou.",
)
DECISION_REFUSED = OpenApiResponse(
    ErrorSerializer,
    description="Ongeldige invoer, geen open verzoek voor dit gezin, of je vroeg het zelf aan; "
    "met Nederlandse meldingen.",
)
REQUEST_EXAMPLE = {
    "family": 41,
    "reference": "KS-2026-0041",
    "reason": "Het gezin vraagt om verwijdering; er loopt geen zorg meer.",
    "requested_at": "2026-03-02T10:15:00+01:00",
    "requested_by": "Sanne de Vries",
}
INZAGE_EXAMPLE = {
    "dossiernummer": "KS-2026-0041",
    "onderdelen": [{"titel": "Personen", "rijen": [{"voornaam": "Sara"}]}],
}


class ErasurePagination(PageNumberPagination):
    page_size = 50


# --- Views ---------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class FamilyInzageView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Everything kansrijk holds about the family, as the inzage export (JSON)."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}

    @extend_schema(
        summary="Inzage: alles over een gezin",
        description=(
            "Dezelfde gegevens als de inzage-export (JSON) van de pagina: per onderdeel van "
            "het dossier de rijen, en wie het dossier bekeek. Alleen voor de casusregisseur; "
            "de export wordt vastgelegd in het toegangslog."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="De inzage-export.",
                examples=[OpenApiExample("Inzage", value=INZAGE_EXAMPLE)],
            ),
            403: CASE_DIRECTOR_FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk):
        try:
            family = inzage_services.family_for_inzage(
                request, pk, detail=_("Inzage-export (JSON) via de API"), coalition=None
            )
        except PermissionDenied:
            raise exceptions.PermissionDenied(CASE_DIRECTOR_ONLY) from None
        # The very bytes of the page's download, so that both give the same JSON.
        data = json.loads(inzage.inzage_json(inzage.family_inzage(family)))
        return Response(data, headers={"Cache-Control": "no-store"})


@extend_schema(tags=[TAG])
class FamilyErasureRequestView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The case director asks to erase the family's personal data."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = ErasureRequestSerializer

    @extend_schema(
        summary="Verzoek tot wissen",
        description=(
            "De casusregisseur vraagt, met een reden, de persoonsgegevens van het gezin te "
            "wissen. Een coördinator van de coalitie (een ander) bevestigt of weigert het. "
            "Er loopt hoogstens één verzoek per gezin."
        ),
        parameters=[FAMILY_PARAMETER],
        request=ErasureAskSerializer,
        examples=[
            OpenApiExample(
                "Op verzoek van het gezin",
                value={"reason": REQUEST_EXAMPLE["reason"]},
                request_only=True,
            ),
            OpenApiExample("Gevraagd", value=REQUEST_EXAMPLE, response_only=True),
        ],
        responses={
            201: ErasureRequestSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="Geen reden, er loopt al een verzoek, of de gegevens zijn al "
                "geanonimiseerd; met Nederlandse meldingen.",
            ),
            403: CASE_DIRECTOR_FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk):
        # Access first (a refusal is logged outside the service's transaction), then input.
        family = family_for_write(request, pk, coalition=None)
        _case_director_only(request, family)
        serializer = ErasureAskSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            inzage_services.erasure_request(
                request=request,
                family_pk=family.pk,
                reason=serializer.validated_data["reason"],
                coalition=None,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        asked = inzage_services.pending_erasure(family.pk)
        body = {
            "family": family.pk,
            "reference": family.reference,
            "reason": asked.changes.get("reason", ""),
            "requested_at": asked.at,
            "requested_by": request.user.get_full_name() or request.user.username,
        }
        return Response(ErasureRequestSerializer(body).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class ErasureRequestListView(ConfigViewMixin, generics.GenericAPIView):
    """The coalition's open erasure requests, oldest first."""

    permissions_by_method = {"GET": COORDINATOR}
    serializer_class = ErasureRequestSerializer
    pagination_class = ErasurePagination

    @extend_schema(
        summary="Open verzoeken tot wissen",
        description=(
            "De verzoeken tot wissen van de coalitie die nog niet bevestigd of afgewezen zijn, "
            "oudste eerst: dossiernummer, reden, wanneer en door wie gevraagd."
        ),
        parameters=[COALITION],
        responses={
            200: ErasureRequestSerializer(many=True),
            400: INVALID,
            403: COORDINATOR_FORBIDDEN,
            404: REQUEST_NOT_FOUND,
        },
        examples=[OpenApiExample("Eén verzoek", value=[REQUEST_EXAMPLE], response_only=True)],
    )
    def get(self, request):
        rows = inzage_services.pending_erasure_rows(self.coalition())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class _ErasureDecisionView(ConfigViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": COORDINATOR}
    serializer_class = ErasureDecisionSerializer

    def family(self, pk: int):
        """The family of the coalition the call is for; another coalition's is "not found"."""
        self.chosen = self.coalition()
        return inzage_services._coalition_family(self.request, pk, self.chosen)


@extend_schema(tags=[TAG])
class ErasureConfirmView(_ErasureDecisionView):
    """Confirm an open request: the family's personal data is anonymised now."""

    @extend_schema(
        summary="Wissen bevestigen",
        description=(
            "Een coördinator van de coalitie, niet degene die het vroeg, bevestigt het "
            "verzoek: de persoonsgegevens van het gezin worden nu geanonimiseerd en het "
            "dossier wordt gesloten. Dit kan niet ongedaan worden: typ daarom het "
            "dossiernummer van het gezin over in `reference`."
        ),
        parameters=[REQUEST_PARAMETER, COALITION],
        request=ErasureConfirmSerializer,
        examples=[
            OpenApiExample(
                "Bevestigen", value={"reference": REQUEST_EXAMPLE["reference"]}, request_only=True
            )
        ],
        responses={
            200: ErasureDecisionSerializer,
            400: DECISION_REFUSED,
            403: COORDINATOR_FORBIDDEN,
            404: REQUEST_NOT_FOUND,
        },
    )
    def post(self, request, pk):
        family = self.family(pk)
        serializer = ErasureConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data["reference"].strip().lower() != family.reference.lower():
            raise serializers.ValidationError(
                {
                    "reference": [
                        _("Dit is niet het dossiernummer van het gezin; er is niets gewist.")
                    ]
                }
            )
        asked = inzage_services.pending_erasure(family.pk)
        try:
            family = inzage_services.erasure_confirm(
                request=request, family_pk=family.pk, coalition=self.chosen
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        body = {
            "family": family.pk,
            "reference": family.reference,
            "decision": CONFIRMED,
            "reason": asked.changes.get("reason", ""),
            "decided_at": family.anonymised_at or timezone.now(),
        }
        return Response(ErasureDecisionSerializer(body).data)


@extend_schema(tags=[TAG])
class ErasureDeclineView(_ErasureDecisionView):
    """Decline an open request, with a reason (for instance: the law requires keeping it)."""

    @extend_schema(
        summary="Verzoek tot wissen afwijzen",
        description=(
            "Een coördinator van de coalitie wijst het verzoek af, met een reden (bijvoorbeeld: "
            "de wet eist dat de gegevens bewaard blijven). De gegevens blijven staan."
        ),
        parameters=[REQUEST_PARAMETER, COALITION],
        request=ErasureDeclineSerializer,
        examples=[
            OpenApiExample(
                "Bewaarplicht",
                value={"reason": "Bewaarplicht van de jeugdgezondheidszorg."},
                request_only=True,
            )
        ],
        responses={
            200: ErasureDecisionSerializer,
            400: DECISION_REFUSED,
            403: COORDINATOR_FORBIDDEN,
            404: REQUEST_NOT_FOUND,
        },
    )
    def post(self, request, pk):
        family = self.family(pk)
        serializer = ErasureDeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data["reason"]
        try:
            family = inzage_services.erasure_reject(
                request=request, family_pk=family.pk, reason=reason, coalition=self.chosen
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        body = {
            "family": family.pk,
            "reference": family.reference,
            "decision": DECLINED,
            "reason": reason.strip(),
            "decided_at": timezone.now(),
        }
        return Response(ErasureDecisionSerializer(body).data)


urlpatterns = [
    path("families/<int:pk>/inzage/", FamilyInzageView.as_view(), name="family_inzage"),
    path(
        "families/<int:pk>/erasure-request/",
        FamilyErasureRequestView.as_view(),
        name="family_erasure_request",
    ),
    path("erasure-requests/", ErasureRequestListView.as_view(), name="erasure_request_list"),
    path(
        "erasure-requests/<int:pk>/confirm/",
        ErasureConfirmView.as_view(),
        name="erasure_request_confirm",
    ),
    path(
        "erasure-requests/<int:pk>/decline/",
        ErasureDeclineView.as_view(),
        name="erasure_request_decline",
    ),
]
