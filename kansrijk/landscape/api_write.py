"""The write API of the klantroute's improvement agreements (verbeterafspraken); the shared
parts of the landscape's write API (`api_write_landscape`: partnerships and central points).

The pages' rules, through the same services (`services_agreements`), which check the role
again, validate with the pages' Dutch messages, carry the version check and write the audit
trail:

- reading: coordinators and analysts of a coalition (`ReadsLandscape`), as the list page;
- creating, changing and deleting: coordinators (`WritesLandscape`); an analyst or any other
  professional gets 403, without a session or token the answer is 401;
- the API has no session's active coalition: a list or a create is for the caller's one
  coalition, or the one named in `?coalition=` when there are several. An agreement of a
  coalition that is not the caller's is "not found" (404); an agreement of a coalition the
  caller only analyses may be read, not changed (403);
- a change (PATCH) sends only what changes, with the `version` the client read: an older
  one answers 409 with both versions and writes nothing. A create may carry an
  `Idempotency-Key` (kansrijk/core/idempotency.py): sent again, it creates nothing new.

Agreements are coalition data without families: no access event is written, the audit trail
is the services'.
"""

from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.families.api import (
    PermissionsByMethodMixin,
    _conflict_response,
    _drf_validation_error,
)
from kansrijk.families.selectors import WindowCountPaginator
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.api_scope import chosen_coalition, chosen_municipality
from kansrijk.organisations.models import Coalition, Membership
from kansrijk.socialmap.vocabulary import TargetGroup

from . import selectors_agreements as selectors
from . import services_agreements as services
from .api_landscape import READ
from .api_write_serializers import (
    AgreementInputSerializer,
    AgreementSerializer,
    AgreementUpdateSerializer,
    LandscapeConflictSerializer,
)
from .models import Agreement, AgreementStatus

TAG = "verbeterafspraken"

# --- Who may -----------------------------------------------------------------------------------


class WritesLandscape(permissions.BasePermission):
    """Coordinates in a coalition now. Keeps, for the view, the coalitions the caller reads
    (`landscape_coalitions`: coordinates or analyses) and those they coordinate
    (`coordinated`), from one query."""

    message = gettext_lazy("Alleen coördinatoren van een coalitie kunnen dit wijzigen.")

    def has_permission(self, request, view) -> bool:
        rows = list(
            Membership.objects.current()
            .filter(professional=request.user)
            .filter(Q(is_coordinator=True) | Q(is_analyst=True))
            .values_list("coalition_id", "is_coordinator")
        )
        view.landscape_coalitions = {coalition_id for coalition_id, _c in rows}
        view.coordinated = {coalition_id for coalition_id, coordinates in rows if coordinates}
        return bool(view.coordinated)


WRITE = (permissions.IsAuthenticated, WritesLandscape)
PERMISSIONS = {"GET": READ, "POST": WRITE, "PATCH": WRITE, "DELETE": WRITE}


class LandscapePagination(PageNumberPagination):
    """Pages of 50 whose query counts them too (one query per page)."""

    django_paginator_class = WindowCountPaginator


class WriteViewMixin(PermissionsByMethodMixin):
    """What every write-API view of the landscape app shares: the permissions per method, the
    caller's coalitions (set by the permission), and the services' exceptions as API
    answers."""

    permissions_by_method = PERMISSIONS
    landscape_coalitions: set[int] = set()
    coordinated: set[int] = set()

    def write_coalition(self) -> Coalition:
        """The coalition a create is for: the caller's one coordinated coalition, or the one
        in `?coalition=`; a coalition the caller only analyses is refused (403)."""
        asked = self.request.query_params.get("coalition", "")
        if (
            asked.isascii()
            and asked.isdigit()
            and int(asked) in self.landscape_coalitions - self.coordinated
        ):
            raise exceptions.PermissionDenied(WritesLandscape.message)
        coalition_id = chosen_coalition(self.request, self.coordinated)
        return Coalition.objects.select_related("region").get(pk=coalition_id)

    def read_coalition(self) -> Coalition:
        coalition_id = chosen_coalition(self.request, self.landscape_coalitions)
        return Coalition.objects.select_related("region").get(pk=coalition_id)

    def must_coordinate(self, coalition_id: int) -> None:
        if coalition_id not in self.coordinated:
            raise exceptions.PermissionDenied(WritesLandscape.message)


def call_service(function: Callable, /, **kwargs):
    """Call a write service; its refusals as API errors (403, 400 with the Dutch messages per
    field, 404). A `VersionConflict` is left to the caller (409 with both versions)."""
    try:
        return function(**kwargs)
    except DjangoPermissionDenied:
        raise exceptions.PermissionDenied(WritesLandscape.message) from None
    except DjangoValidationError as error:
        raise _drf_validation_error(error) from None
    except ObjectDoesNotExist:  # removed while the request ran
        raise exceptions.NotFound() from None


def conflict(error: VersionConflict) -> Response:
    return _conflict_response(error)


def merged(current: dict, sent: dict) -> dict:
    """The full data a service takes: what is stored, with what the client sent over it."""
    return {**current, **{name: value for name, value in sent.items() if name != "version"}}


def validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def changes(serializer_class, data) -> dict:
    """What a PATCH sends (only the fields that change), with the `version` it is based on."""
    sent = validated(serializer_class, data, partial=True)
    if "version" not in sent:
        raise serializers.ValidationError(
            {"version": [_("Geef de versie mee waarop de wijziging is gebaseerd.")]}
        )
    return sent


def id_filter(request, name: str) -> int | None:
    """A positive id from the query string, or a 400 naming the parameter."""
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and 0 < int(value) < 2**31):
        raise serializers.ValidationError({name: [_("Geef een geldig nummer (id).")]})
    return int(value)


def choice_filter(request, name: str, choices) -> str:
    value = request.query_params.get(name, "").strip()
    if value and value not in choices.values:
        raise serializers.ValidationError({name: [_("Kies een waarde uit de lijst.")]})
    return value


# --- Documentation -----------------------------------------------------------------------------

COALITION = OpenApiParameter(
    "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
)
INVALID_INPUT = OpenApiResponse(
    ErrorSerializer, description="Ongeldige invoer, met Nederlandse meldingen per veld."
)
READ_FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen voor coördinatoren en analisten van een coalitie."
)
WRITE_FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen coördinatoren (van deze coalitie) wijzigen dit."
)
PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id.")


def not_found(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


def version_conflict(description: str) -> OpenApiResponse:
    return OpenApiResponse(LandscapeConflictSerializer, description=description)


# --- Agreements --------------------------------------------------------------------------------

AGREEMENT_NOT_FOUND = not_found("Deze afspraak bestaat niet (meer), of is van een andere coalitie.")
AGREEMENT_EXAMPLE = {
    "id": 7,
    "coalition": 1,
    "target_group": "zwangeren_kwetsbaar",
    "phase": "gap",
    "need": "parenting",
    "municipality": {"id": 1, "cbs_code": "GM9901", "name": "Lindeoord"},
    "what": "Kraamzorg en JGZ spreken een warme overdracht af.",
    "who": "JGZ Lindeoord",
    "due_date": "2027-03-01",
    "status": "open",
    "overdue": False,
    "version": 1,
    "created_at": "2026-11-26T10:00:00+01:00",
    "updated_at": "2026-11-26T10:00:00+01:00",
    "updated_by": "Coby Coördinator",
}
AGREEMENT_CREATE_EXAMPLE = OpenApiExample(
    "Nieuwe afspraak",
    value={
        "target_group": "zwangeren_kwetsbaar",
        "phase": "gap",
        "need": "parenting",
        "municipality": 1,
        "what": "Kraamzorg en JGZ spreken een warme overdracht af.",
        "who": "JGZ Lindeoord",
        "due_date": "2027-03-01",
        "status": "open",
    },
    request_only=True,
)
AGREEMENT_UPDATE_EXAMPLE = OpenApiExample(
    "Status bijwerken", value={"status": "in_progress", "version": 1}, request_only=True
)


def agreements_of(coalition_ids):
    """The agreements of these coalitions, with what every row shows joined."""
    return Agreement.objects.filter(coalition_id__in=coalition_ids).select_related(
        "coalition", "municipality", "updated_by"
    )


def agreement_data(coalition: Coalition, data: dict) -> dict:
    """The request's agreement fields as the service takes them (the municipality as a row
    of the coalition; an id that is not one of them is an error on the field)."""
    if "municipality" in data and data["municipality"] is not None:
        municipality = services.municipality_of(coalition, data["municipality"])
        if municipality is None:
            raise serializers.ValidationError(
                {"municipality": [_("Kies een gemeente van deze coalitie.")]}
            )
        data["municipality"] = municipality
    return data


@extend_schema(tags=[TAG])
class AgreementListView(WriteViewMixin, generics.GenericAPIView):
    """The coalition's improvement agreements; recording one."""

    serializer_class = AgreementSerializer
    pagination_class = LandscapePagination

    @extend_schema(
        operation_id="landscape_agreements_list",
        summary="Verbeterafspraken",
        description=(
            "De verbeterafspraken van je coalitie op de gaten van de klantroute, op datum "
            "(eerst de vroegste; `ordering=-due_date` eerst de laatste), in pagina's van 50. "
            "Voor coördinatoren en analisten; wie in meer dan één coalitie werkt, geeft de "
            "coalitie op."
        ),
        parameters=[
            COALITION,
            OpenApiParameter(
                "target_group",
                OpenApiTypes.STR,
                enum=list(TargetGroup.values),
                description="Alleen deze doelgroep.",
            ),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=list(AgreementStatus.values),
                description="Alleen deze status.",
            ),
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                description="Alleen afspraken over deze gemeente van de coalitie (id of CBS-code).",
            ),
            OpenApiParameter(
                "ordering",
                OpenApiTypes.STR,
                enum=["due_date", "-due_date"],
                description="Volgorde op datum.",
            ),
        ],
        examples=[OpenApiExample("Afspraken", value=AGREEMENT_EXAMPLE, response_only=True)],
        responses={
            200: AgreementSerializer(many=True),
            400: INVALID_INPUT,
            403: READ_FORBIDDEN,
            404: not_found("Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition = self.read_coalition()
        municipality = chosen_municipality(request, coalition)
        ordering = request.query_params.get("ordering", "due_date")
        if ordering not in ("due_date", "-due_date"):
            raise serializers.ValidationError({"ordering": [_("Kies een sortering uit de lijst.")]})
        queryset = selectors.agreement_list(
            coalition,
            target_group=choice_filter(request, "target_group", TargetGroup),
            status=choice_filter(request, "status", AgreementStatus),
            municipality=municipality,
            sort="datum" if ordering == "due_date" else "-datum",
        ).select_related("coalition")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(AgreementSerializer(page, many=True).data)

    @extend_schema(
        operation_id="landscape_agreements_create",
        summary="Verbeterafspraak vastleggen",
        description=(
            "Een afspraak op een gat van de klantroute: doelgroep, fase, behoefte, eventueel "
            "de gemeente (leeg: alle gemeenten van de coalitie), wat, wie en wanneer klaar. "
            "Voor coördinatoren. Een open afspraak moet vandaag of later klaar zijn. Stuur een "
            "`Idempotency-Key` mee om bij opnieuw versturen geen tweede afspraak te maken."
        ),
        parameters=[COALITION],
        request=AgreementInputSerializer,
        examples=[AGREEMENT_CREATE_EXAMPLE],
        responses={
            201: OpenApiResponse(
                AgreementSerializer,
                examples=[OpenApiExample("Vastgelegd", value=AGREEMENT_EXAMPLE)],
            ),
            400: INVALID_INPUT,
            403: WRITE_FORBIDDEN,
            404: not_found("Onbekende coalitie."),
        },
    )
    def post(self, request):
        coalition = self.write_coalition()
        data = validated(AgreementInputSerializer, request.data)
        data.setdefault("status", AgreementStatus.OPEN)
        agreement = call_service(
            services.agreement_create,
            actor=request.user,
            coalition=coalition,
            data=agreement_data(coalition, data),
            request=request,
        )
        agreement = agreements_of([coalition.pk]).get(pk=agreement.pk)
        return Response(
            AgreementSerializer(agreement).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:agreement_detail", args=[agreement.pk])},
        )


@extend_schema(tags=[TAG])
class AgreementDetailView(WriteViewMixin, generics.GenericAPIView):
    """One agreement; changing it (version check) and deleting it."""

    serializer_class = AgreementSerializer

    def agreement(self, pk: int) -> Agreement:
        agreement = agreements_of(self.landscape_coalitions).filter(pk=pk).first()
        if agreement is None:
            raise exceptions.NotFound(_("Deze afspraak bestaat niet (meer)."))
        return agreement

    @extend_schema(
        operation_id="landscape_agreements_retrieve",
        summary="Verbeterafspraak",
        parameters=[PK],
        responses={
            200: OpenApiResponse(
                AgreementSerializer, examples=[OpenApiExample("Afspraak", value=AGREEMENT_EXAMPLE)]
            ),
            403: READ_FORBIDDEN,
            404: AGREEMENT_NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        return Response(AgreementSerializer(self.agreement(pk)).data)

    @extend_schema(
        operation_id="landscape_agreements_partial_update",
        summary="Verbeterafspraak wijzigen",
        description=(
            "Stuur alleen wat verandert, met de `version` die je las. Is de afspraak intussen "
            "door iemand anders gewijzigd, dan volgt 409 met beide versies en verandert er "
            "niets. Voor coördinatoren van de coalitie van de afspraak."
        ),
        parameters=[PK],
        request=AgreementUpdateSerializer,
        examples=[AGREEMENT_UPDATE_EXAMPLE],
        responses={
            200: AgreementSerializer,
            400: INVALID_INPUT,
            403: WRITE_FORBIDDEN,
            404: AGREEMENT_NOT_FOUND,
            409: version_conflict("De afspraak is intussen gewijzigd; beide versies staan erin."),
        },
    )
    def patch(self, request, pk: int):
        agreement = self.agreement(pk)
        self.must_coordinate(agreement.coalition_id)
        sent = changes(AgreementUpdateSerializer, request.data)
        coalition = agreement.coalition
        try:
            call_service(
                services.agreement_update,
                actor=request.user,
                coalition=coalition,
                agreement_pk=agreement.pk,
                expected_version=sent["version"],
                data=merged(services.agreement_values(agreement), agreement_data(coalition, sent)),
                request=request,
            )
        except VersionConflict as error:
            return conflict(error)
        return Response(AgreementSerializer(self.agreement(pk)).data)

    @extend_schema(
        operation_id="landscape_agreements_destroy",
        summary="Verbeterafspraak verwijderen",
        description="Voor coördinatoren; het auditspoor bewaart wat de afspraak was.",
        parameters=[PK],
        responses={204: None, 403: WRITE_FORBIDDEN, 404: AGREEMENT_NOT_FOUND},
    )
    def delete(self, request, pk: int):
        agreement = self.agreement(pk)
        self.must_coordinate(agreement.coalition_id)
        call_service(
            services.agreement_delete,
            actor=request.user,
            coalition=agreement.coalition,
            agreement_pk=agreement.pk,
            request=request,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
