"""The write API of the regional landscape: partnerships (VSV, KSV, ROS, JGZ organisation,
other) and the municipalities' central reporting points.

The pages' rules, through the same services (`services_landscape`), which check the role
again, validate with the pages' Dutch messages, carry the version check and write the audit
trail (shared parts in `api_write`):

- reading: coordinators and analysts of a coalition, for the region of that coalition (as the
  landscape page); a list is for the caller's one coalition or the one in `?coalition=`;
- a partnership belongs to a region: coordinators of a coalition in that region create,
  change and delete it; its municipalities and organisations are those of the region's
  coalitions. A partnership of a region where the caller does not work is "not found";
- a central reporting point belongs to a municipality: coordinators of the municipality's
  coalition record, change and remove it; one per municipality (recording a second answers
  409, as a stale version does). A point of another region is "not found";
- analysts and every other professional get 403 on writes, without a session or token 401;
- a change (PATCH) sends only what changes, with the `version` the client read (409 with
  both versions otherwise). Creates take an `Idempotency-Key`.

Nothing here is personal data: no access event; the audit trail is the services'.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Municipality

from . import selectors_landscape as selectors
from . import services_landscape as services
from .api_write import (
    COALITION,
    INVALID_INPUT,
    PK,
    READ_FORBIDDEN,
    WRITE_FORBIDDEN,
    LandscapePagination,
    WriteViewMixin,
    call_service,
    changes,
    conflict,
    id_filter,
    merged,
    not_found,
    validated,
    version_conflict,
)
from .api_write_serializers import (
    CentralPointCreateSerializer,
    CentralPointSerializer,
    CentralPointUpdateSerializer,
    PartnershipInputSerializer,
    PartnershipSerializer,
    PartnershipUpdateSerializer,
)
from .models import CentralPoint, Partnership, PartnershipKind

TAG = "landschap"
MUNICIPALITY_EXAMPLE = {
    "id": 1,
    "cbs_code": "GM9901",
    "name": "Lindeoord",
    "coalition": "Kansrijke Start Lindeoord",
}

# --- Partnerships ------------------------------------------------------------------------------

PARTNERSHIP_NOT_FOUND = not_found("Dit samenwerkingsverband bestaat niet (meer) in je regio.")
PARTNERSHIP_EXAMPLE = {
    "id": 3,
    "kind": "vsv",
    "kind_label": "Verloskundig samenwerkingsverband (VSV)",
    "name": "VSV Rivierenland-Noord (fictief)",
    "description": "Verloskundigen, gynaecologen en kraamzorg.",
    "website": "https://vsv.example.nl",
    "municipalities": [MUNICIPALITY_EXAMPLE],
    "organisations": [{"id": 2, "name": "Rivierenziekenhuis"}],
    "version": 1,
    "updated_at": "2026-11-26T10:00:00+01:00",
}


def partnerships_in(region_ids):
    """Partnerships of these regions with their municipalities (and each one's coalition) and
    organisations: three queries for a page, whatever its length."""
    return (
        Partnership.objects.filter(region_id__in=region_ids)
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.select_related("coalition").order_by("name"),
            ),
            "organisations",
        )
        .order_by("kind", "name", "pk")
    )


def _regions_of(coalition_ids):
    return Coalition.objects.filter(pk__in=coalition_ids).values("region_id")


def partnership_data(region, data: dict) -> dict:
    """The ids of municipalities and organisations as rows of the region; an id that is not
    one of them is an error on the field, with the form's message."""
    errors = {}
    for name, rows, message in (
        (
            "municipalities",
            selectors.region_municipalities,
            _("Kies gemeenten van de coalities in deze regio."),
        ),
        (
            "organisations",
            selectors.region_organisations,
            _("Kies organisaties van de coalities in deze regio."),
        ),
    ):
        if name not in data:
            continue
        by_pk = {row.pk: row for row in rows(region)}
        if set(data[name]) - set(by_pk):
            errors[name] = [message]
        else:
            data[name] = [by_pk[pk] for pk in dict.fromkeys(data[name])]
    if errors:
        raise serializers.ValidationError(errors)
    return data


@extend_schema(tags=[TAG])
class PartnershipListView(WriteViewMixin, generics.GenericAPIView):
    """The partnerships of the region of the caller's coalition; creating one."""

    serializer_class = PartnershipSerializer
    pagination_class = LandscapePagination

    @extend_schema(
        operation_id="landscape_partnerships_list",
        summary="Samenwerkingsverbanden",
        description=(
            "De samenwerkingsverbanden van de regio van je coalitie (VSV, KSV, ROS, "
            "JGZ-organisatie, andere) met hun gemeenten en organisaties, per soort en naam, in "
            "pagina's van 50. Voor coördinatoren en analisten."
        ),
        parameters=[
            COALITION,
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                enum=list(PartnershipKind.values),
                description="Alleen deze soort.",
            ),
            OpenApiParameter(
                "municipality",
                OpenApiTypes.INT,
                description="Alleen verbanden die deze gemeente (id) dekken.",
            ),
        ],
        examples=[OpenApiExample("Verbanden", value=PARTNERSHIP_EXAMPLE, response_only=True)],
        responses={
            200: PartnershipSerializer(many=True),
            400: INVALID_INPUT,
            403: READ_FORBIDDEN,
            404: not_found("Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition = self.read_coalition()
        queryset = partnerships_in([coalition.region_id])
        kind = request.query_params.get("kind", "").strip()
        if kind:
            if kind not in PartnershipKind.values:
                raise serializers.ValidationError(
                    {"kind": [_("Kies een soort samenwerkingsverband uit de lijst.")]}
                )
            queryset = queryset.filter(kind=kind)
        if (municipality := id_filter(request, "municipality")) is not None:
            queryset = queryset.filter(municipalities=municipality)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(PartnershipSerializer(page, many=True).data)

    @extend_schema(
        operation_id="landscape_partnerships_create",
        summary="Samenwerkingsverband toevoegen",
        description=(
            "Aan de regio van je coalitie, voor coördinatoren. De gemeenten zijn die van de "
            "coalities in de regio, de organisaties ketenpartners van die coalities. Een naam "
            "die de regio voor deze soort al heeft, geeft 400."
        ),
        parameters=[COALITION],
        request=PartnershipInputSerializer,
        examples=[
            OpenApiExample(
                "Nieuw VSV",
                value={
                    "kind": "vsv",
                    "name": "VSV Rivierenland-Noord (fictief)",
                    "description": "Verloskundigen, gynaecologen en kraamzorg.",
                    "website": "https://vsv.example.nl",
                    "municipalities": [1, 2],
                    "organisations": [2],
                },
                request_only=True,
            )
        ],
        responses={
            201: OpenApiResponse(
                PartnershipSerializer,
                examples=[OpenApiExample("Toegevoegd", value=PARTNERSHIP_EXAMPLE)],
            ),
            400: INVALID_INPUT,
            403: WRITE_FORBIDDEN,
            404: not_found("Onbekende coalitie."),
        },
    )
    def post(self, request):
        coalition = self.write_coalition()
        region = coalition.region
        data = partnership_data(region, validated(PartnershipInputSerializer, request.data))
        data = {"description": "", "website": "", **data}
        partnership = call_service(
            services.partnership_create,
            actor=request.user,
            region=region,
            data=data,
            coalition=coalition,
            request=request,
        )
        partnership = partnerships_in([region.pk]).get(pk=partnership.pk)
        return Response(
            PartnershipSerializer(partnership).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:partnership_detail", args=[partnership.pk])},
        )


@extend_schema(tags=[TAG])
class PartnershipDetailView(WriteViewMixin, generics.GenericAPIView):
    """One partnership of the caller's region; changing (version check) and deleting it."""

    serializer_class = PartnershipSerializer

    def partnership(self, pk: int) -> Partnership:
        partnership = partnerships_in(_regions_of(self.landscape_coalitions)).filter(pk=pk).first()
        if partnership is None:
            raise exceptions.NotFound(
                _("Dit samenwerkingsverband bestaat niet (meer) in deze regio.")
            )
        return partnership

    def coordinated_in(self, partnership: Partnership) -> Coalition:
        """The caller's coalition in the partnership's region where they coordinate (the
        audit trail names it); 403 when there is none."""
        coalition = (
            Coalition.objects.select_related("region")
            .filter(pk__in=self.coordinated, region_id=partnership.region_id)
            .order_by("pk")
            .first()
        )
        if coalition is None:
            self.must_coordinate(0)
        return coalition

    @extend_schema(
        operation_id="landscape_partnerships_retrieve",
        summary="Samenwerkingsverband",
        parameters=[PK],
        responses={
            200: OpenApiResponse(
                PartnershipSerializer,
                examples=[OpenApiExample("Verband", value=PARTNERSHIP_EXAMPLE)],
            ),
            403: READ_FORBIDDEN,
            404: PARTNERSHIP_NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        return Response(PartnershipSerializer(self.partnership(pk)).data)

    @extend_schema(
        operation_id="landscape_partnerships_partial_update",
        summary="Samenwerkingsverband wijzigen",
        description=(
            "Stuur alleen wat verandert, met de `version` die je las (409 met beide versies "
            "als het intussen gewijzigd is). `municipalities` en `organisations` vervangen de "
            "hele lijst. Voor coördinatoren van een coalitie in de regio."
        ),
        parameters=[PK],
        request=PartnershipUpdateSerializer,
        examples=[
            OpenApiExample(
                "Gemeenten bijwerken",
                value={"municipalities": [1, 2, 3], "version": 2},
                request_only=True,
            )
        ],
        responses={
            200: PartnershipSerializer,
            400: INVALID_INPUT,
            403: WRITE_FORBIDDEN,
            404: PARTNERSHIP_NOT_FOUND,
            409: version_conflict("Het verband is intussen gewijzigd; beide versies staan erin."),
        },
    )
    def patch(self, request, pk: int):
        partnership = self.partnership(pk)
        coalition = self.coordinated_in(partnership)
        sent = changes(PartnershipUpdateSerializer, request.data)
        region = coalition.region
        try:
            call_service(
                services.partnership_update,
                actor=request.user,
                region=region,
                partnership_pk=partnership.pk,
                expected_version=sent["version"],
                data=merged(
                    services.partnership_values(partnership), partnership_data(region, sent)
                ),
                coalition=coalition,
                request=request,
            )
        except VersionConflict as error:
            return conflict(error)
        return Response(PartnershipSerializer(self.partnership(pk)).data)

    @extend_schema(
        operation_id="landscape_partnerships_destroy",
        summary="Samenwerkingsverband verwijderen",
        description="Voor coördinatoren van een coalitie in de regio.",
        parameters=[PK],
        responses={204: None, 403: WRITE_FORBIDDEN, 404: PARTNERSHIP_NOT_FOUND},
    )
    def delete(self, request, pk: int):
        partnership = self.partnership(pk)
        coalition = self.coordinated_in(partnership)
        call_service(
            services.partnership_delete,
            actor=request.user,
            region=coalition.region,
            partnership_pk=partnership.pk,
            coalition=coalition,
            request=request,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Central reporting points ------------------------------------------------------------------

POINT_NOT_FOUND = not_found("Dit centrale meldpunt bestaat niet (meer) in je regio.")
POINT_EXAMPLE = {
    "id": 4,
    "municipality": MUNICIPALITY_EXAMPLE,
    "name": "Meldpunt Kansrijke Start Lindeoord",
    "phone": "0301 111 111",
    "email": "meldpunt@lindeoord.example.nl",
    "website": "",
    "for_all_services": True,
    "version": 1,
    "updated_at": "2026-11-26T10:00:00+01:00",
}
POINT_FIELDS = {
    "name": "Meldpunt Kansrijke Start Lindeoord",
    "phone": "0301 111 111",
    "email": "meldpunt@lindeoord.example.nl",
    "website": "",
    "for_all_services": True,
}


def points_in(region_ids):
    return (
        CentralPoint.objects.filter(municipality__coalition__region_id__in=region_ids)
        .select_related("municipality__coalition")
        .order_by("municipality__name", "pk")
    )


def point_values(point: CentralPoint) -> dict:
    return {name: getattr(point, name) for name in services.CENTRAL_POINT_FIELDS}


@extend_schema(tags=[TAG])
class CentralPointListView(WriteViewMixin, generics.GenericAPIView):
    """The central reporting points of the municipalities in the caller's region; recording
    one."""

    serializer_class = CentralPointSerializer
    pagination_class = LandscapePagination

    @extend_schema(
        operation_id="landscape_central_points_list",
        summary="Centrale meldpunten",
        description=(
            "De centrale meldpunten van de gemeenten in de regio van je coalitie, op naam van "
            "de gemeente. Voor coördinatoren en analisten."
        ),
        parameters=[
            COALITION,
            OpenApiParameter(
                "municipality", OpenApiTypes.INT, description="Alleen van deze gemeente (id)."
            ),
        ],
        examples=[OpenApiExample("Meldpunten", value=POINT_EXAMPLE, response_only=True)],
        responses={
            200: CentralPointSerializer(many=True),
            400: INVALID_INPUT,
            403: READ_FORBIDDEN,
            404: not_found("Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition = self.read_coalition()
        queryset = points_in([coalition.region_id])
        if (municipality := id_filter(request, "municipality")) is not None:
            queryset = queryset.filter(municipality_id=municipality)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(CentralPointSerializer(page, many=True).data)

    @extend_schema(
        operation_id="landscape_central_points_create",
        summary="Centraal meldpunt vastleggen",
        description=(
            "Voor een gemeente van een coalitie waar je coördinator bent. Een gemeente heeft "
            "één meldpunt: heeft ze er al een, dan volgt 409 (wijzig het met PATCH). Vul ten "
            "minste een telefoonnummer, e-mailadres of website in."
        ),
        request=CentralPointCreateSerializer,
        examples=[
            OpenApiExample(
                "Nieuw meldpunt", value={"municipality": 1, **POINT_FIELDS}, request_only=True
            )
        ],
        responses={
            201: OpenApiResponse(
                CentralPointSerializer,
                examples=[OpenApiExample("Vastgelegd", value=POINT_EXAMPLE)],
            ),
            400: INVALID_INPUT,
            403: WRITE_FORBIDDEN,
            409: version_conflict("De gemeente heeft al een centraal meldpunt."),
        },
    )
    def post(self, request):
        data = validated(CentralPointCreateSerializer, request.data)
        municipality = (
            Municipality.objects.filter(
                pk=data.pop("municipality"), coalition_id__in=self.coordinated
            )
            .select_related("coalition")
            .first()
        )
        if municipality is None:
            raise serializers.ValidationError(
                {"municipality": [_("Deze gemeente hoort niet bij je coalitie.")]}
            )
        data.setdefault("for_all_services", True)
        try:
            point = call_service(
                services.central_point_save,
                actor=request.user,
                municipality=municipality,
                expected_version=0,
                data=data,
                request=request,
            )
        except VersionConflict as error:
            return conflict(error)
        point = points_in([municipality.coalition.region_id]).get(pk=point.pk)
        return Response(
            CentralPointSerializer(point).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("api:central_point_detail", args=[point.pk])},
        )


@extend_schema(tags=[TAG])
class CentralPointDetailView(WriteViewMixin, generics.GenericAPIView):
    """One central reporting point of the caller's region; changing and removing it."""

    serializer_class = CentralPointSerializer

    def point(self, pk: int) -> CentralPoint:
        point = points_in(_regions_of(self.landscape_coalitions)).filter(pk=pk).first()
        if point is None:
            raise exceptions.NotFound(_("Dit centrale meldpunt bestaat niet (meer)."))
        return point

    @extend_schema(
        operation_id="landscape_central_points_retrieve",
        summary="Centraal meldpunt",
        parameters=[PK],
        responses={
            200: OpenApiResponse(
                CentralPointSerializer,
                examples=[OpenApiExample("Meldpunt", value=POINT_EXAMPLE)],
            ),
            403: READ_FORBIDDEN,
            404: POINT_NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        return Response(CentralPointSerializer(self.point(pk)).data)

    @extend_schema(
        operation_id="landscape_central_points_partial_update",
        summary="Centraal meldpunt wijzigen",
        description=(
            "Stuur alleen wat verandert, met de `version` die je las (409 met beide versies "
            "als het intussen gewijzigd is). Voor coördinatoren van de coalitie van de gemeente."
        ),
        parameters=[PK],
        request=CentralPointUpdateSerializer,
        examples=[
            OpenApiExample(
                "Alleen voor een deel van het aanbod",
                value={"for_all_services": False, "version": 1},
                request_only=True,
            )
        ],
        responses={
            200: CentralPointSerializer,
            400: INVALID_INPUT,
            403: WRITE_FORBIDDEN,
            404: POINT_NOT_FOUND,
            409: version_conflict("Het meldpunt is intussen gewijzigd; beide versies staan erin."),
        },
    )
    def patch(self, request, pk: int):
        point = self.point(pk)
        self.must_coordinate(point.municipality.coalition_id)
        sent = changes(CentralPointUpdateSerializer, request.data)
        try:
            call_service(
                services.central_point_save,
                actor=request.user,
                municipality=point.municipality,
                expected_version=sent["version"],
                data=merged(point_values(point), sent),
                request=request,
            )
        except VersionConflict as error:
            return conflict(error)
        return Response(CentralPointSerializer(self.point(pk)).data)

    @extend_schema(
        operation_id="landscape_central_points_destroy",
        summary="Centraal meldpunt verwijderen",
        description="Voor coördinatoren van de coalitie van de gemeente.",
        parameters=[PK],
        responses={204: None, 403: WRITE_FORBIDDEN, 404: POINT_NOT_FOUND},
    )
    def delete(self, request, pk: int):
        point = self.point(pk)
        self.must_coordinate(point.municipality.coalition_id)
        removed = call_service(
            services.central_point_remove,
            actor=request.user,
            municipality=point.municipality,
            request=request,
        )
        if not removed:  # removed while the request ran
            raise exceptions.NotFound(_("Dit centrale meldpunt bestaat niet (meer)."))
        return Response(status=status.HTTP_204_NO_CONTENT)
