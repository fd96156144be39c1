"""The social map's read-only HSDS 3.0 API: services, organizations and locations.

Who sees what (`SeesTheMap`):

- the map is public within the coalition: everyone with a current membership in a
  coalition as professional, coordinator or analyst sees that coalition's services,
  organizations and locations (an analyst too: the map holds no family data);
- a membership as administrator only gives nothing (403), as on the MDO API: technical
  administrators manage accounts, not the coalition's content;
- a record of another coalition does not exist for the caller (404); without a session or
  token the answer is 401.

A location belongs to the coalitions of its organization and of the services given there.
The records are HSDS 3.0's, built by `hsds.mapping` as the exporter builds them, so the API
and `export_hsds` agree. Lists are paginated as the other lists (`count`, `next`,
`previous`, `results`), ordered by name.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.care.needs import Need
from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.selectors import WindowCountPaginator
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Membership

from .hsds import mapping
from .models import Attribute, Location, MunicipalityAccess, Organization, Service, ServiceArea
from .serializers_hsds import (
    HsdsLocationSerializer,
    HsdsOrganizationSerializer,
    HsdsServiceListItemSerializer,
    HsdsServiceSerializer,
)
from .vocabulary import AccessRoute

TAG = "sociale kaart"
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Bestaat niet, of hoort bij een andere coalitie."
)
NOT_ALLOWED = OpenApiResponse(
    ErrorSerializer, description="Geen professional, coördinator of analist van een coalitie."
)
ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Het HSDS-id (UUID)."
)


class SeesTheMap(permissions.BasePermission):
    """Works in a coalition now as professional, coordinator or analyst: sees its map.

    The coalitions are kept on the view (`map_coalitions`, one query) for its queryset."""

    message = gettext_lazy(
        "Alleen professionals, coördinatoren en analisten van een coalitie zien de sociale kaart."
    )

    def has_permission(self, request, view) -> bool:
        view.map_coalitions = set(
            Membership.objects.current()
            .filter(professional=request.user)
            .filter(Q(is_professional=True) | Q(is_coordinator=True) | Q(is_analyst=True))
            .values_list("coalition_id", flat=True)
        )
        return bool(view.map_coalitions)


MAP_PERMISSIONS = (permissions.IsAuthenticated, SeesTheMap)


class MapPagination(PageNumberPagination):
    """Pages whose query counts the rows too (one query per page, `WindowCountPaginator`)."""

    django_paginator_class = WindowCountPaginator


class _MapView(PermissionsByMethodMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": MAP_PERMISSIONS}
    pagination_class = MapPagination
    map_coalitions: set[int] = set()
    entity = ""

    def record(self, instance, attributes: dict) -> dict:
        raise NotImplementedError

    def records(self, instances) -> list[dict]:
        """The HSDS records of a page: the attributes of all of them in one query."""
        instances = list(instances)
        attributes = mapping.attributes_by_link(self.entity, [item.pk for item in instances])
        return [self.record(item, attributes) for item in instances]

    def list_response(self) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.records(page))

    def detail_response(self) -> Response:
        instance = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if instance is None:
            raise exceptions.NotFound(_("Dit staat niet op de sociale kaart van je coalitie."))
        return Response(self.records([instance])[0])


# --- Services -----------------------------------------------------------------------------------

SERVICE_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Zoek in naam en beschrijving."),
    OpenApiParameter(
        "need",
        OpenApiTypes.STR,
        enum=list(Need.values),
        description="Alleen aanbod voor deze behoefte (code uit de taxonomie kansrijk-behoefte).",
    ),
    OpenApiParameter(
        "municipality",
        OpenApiTypes.STR,
        description="CBS-code van een gemeente (GM....): aanbod dat daar toegankelijk is of "
        "die gemeente als werkgebied heeft.",
    ),
]


class _Services(_MapView):
    serializer_class = HsdsServiceSerializer
    entity = "service"

    def get_queryset(self) -> QuerySet[Service]:
        """The services of the caller's coalitions, with every child the record shows
        prefetched (`mapping.services_for_records`: a fixed number of queries per page)."""
        queryset = Service.objects.filter(coalition_id__in=self.map_coalitions)
        return mapping.services_for_records(self._filtered(queryset)).order_by("name", "id")

    def _filtered(self, queryset: QuerySet[Service]) -> QuerySet[Service]:
        params = self.request.query_params if self.request else {}
        if text := params.get("q", "").strip():
            queryset = queryset.filter(
                Q(name__icontains=text)
                | Q(alternate_name__icontains=text)
                | Q(description__icontains=text)
                | Q(organization__name__icontains=text)
            )
        if need := params.get("need"):
            if need not in Need.values:
                raise serializers.ValidationError({"need": [_("Onbekende behoefte.")]})
            queryset = queryset.filter(
                pk__in=Attribute.objects.filter(
                    link_entity="service",
                    taxonomy_term__taxonomy_name="kansrijk-behoefte",
                    taxonomy_term__code=need,
                ).values("link_id")
            )
        if code := params.get("municipality"):
            queryset = queryset.filter(
                Q(
                    pk__in=MunicipalityAccess.objects.filter(municipality__cbs_code=code)
                    .exclude(route=AccessRoute.NOT_AVAILABLE)
                    .values("service_id")
                )
                | Q(
                    pk__in=ServiceArea.objects.filter(municipality__cbs_code=code).values(
                        "service_id"
                    )
                )
            )
        return queryset

    def record(self, instance, attributes):
        return mapping.service_record(instance, attributes)


@extend_schema(tags=[TAG])
class ServiceListView(_Services):
    """The services of the caller's coalitions, by name: each with its organization and
    attributes; `services/{id}/` has the full HSDS 3.0 record."""

    serializer_class = HsdsServiceListItemSerializer

    def get_queryset(self) -> QuerySet[Service]:
        """The page's services with their organization joined (no children: one query)."""
        queryset = Service.objects.filter(coalition_id__in=self.map_coalitions)
        return self._filtered(queryset).select_related("organization").order_by("name", "id")

    def record(self, instance, attributes):
        return mapping.service_list_record(instance, attributes)

    @extend_schema(
        summary="Aanbod op de sociale kaart (HSDS 3.0)",
        description=(
            "Per aanbod de eigen velden, de aanbieder (`organization`) en de kenmerken "
            "(`attributes`: fase, route, behoefte, bewijskracht, wet, betaler, eigen kosten). "
            "Locaties, telefoonnummers, openingstijden en de rest staan in het volledige "
            "record op `services/{id}/`."
        ),
        parameters=SERVICE_FILTERS,
        responses={200: HsdsServiceListItemSerializer(many=True), 403: NOT_ALLOWED},
    )
    def get(self, request):
        return self.list_response()


@extend_schema(tags=[TAG])
class ServiceDetailView(_Services):
    """One service of the caller's coalitions with its organization, locations and children."""

    @extend_schema(
        summary="Eén aanbod (HSDS 3.0 service)",
        parameters=[ID_PARAMETER],
        responses={200: HsdsServiceSerializer, 403: NOT_ALLOWED, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return self.detail_response()


# --- Organizations ------------------------------------------------------------------------------


class _Organizations(_MapView):
    serializer_class = HsdsOrganizationSerializer
    entity = "organization"

    def get_queryset(self) -> QuerySet[Organization]:
        """The caller's coalitions' organizations with phones, contacts, funding and
        programs prefetched (`mapping.organizations_for_records`)."""
        queryset = Organization.objects.filter(coalition_id__in=self.map_coalitions)
        return mapping.organizations_for_records(queryset).order_by("name", "id")

    def record(self, instance, attributes):
        return mapping.organization_record(instance, attributes)


@extend_schema(tags=[TAG])
class OrganizationListView(_Organizations):
    """The organizations (providers) of the caller's coalitions, by name."""

    @extend_schema(
        summary="Aanbieders op de sociale kaart (HSDS 3.0)",
        responses={200: HsdsOrganizationSerializer(many=True), 403: NOT_ALLOWED},
    )
    def get(self, request):
        return self.list_response()


@extend_schema(tags=[TAG])
class OrganizationDetailView(_Organizations):
    """One organization of the caller's coalitions with its phones, contacts and programs."""

    @extend_schema(
        summary="Eén aanbieder (HSDS 3.0 organization)",
        parameters=[ID_PARAMETER],
        responses={200: HsdsOrganizationSerializer, 403: NOT_ALLOWED, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return self.detail_response()


# --- Locations ----------------------------------------------------------------------------------


class _Locations(_MapView):
    serializer_class = HsdsLocationSerializer
    entity = "location"

    def get_queryset(self) -> QuerySet[Location]:
        """Locations of the caller's coalitions' organizations or where their services are
        given (ids in a subquery, so that no row comes twice), with their children
        prefetched (`mapping.locations_for_records`)."""
        coalitions = self.map_coalitions
        ids = Location.objects.filter(
            Q(organization__coalition_id__in=coalitions)
            | Q(services_here__service__coalition_id__in=coalitions)
        ).values("pk")
        queryset = Location.objects.filter(pk__in=ids)
        return mapping.locations_for_records(queryset).order_by("name", "id")

    def record(self, instance, attributes):
        return mapping.location_record(instance, attributes)


@extend_schema(tags=[TAG])
class LocationListView(_Locations):
    """The locations of the caller's coalitions' organizations and services, by name."""

    @extend_schema(
        summary="Locaties op de sociale kaart (HSDS 3.0)",
        responses={200: HsdsLocationSerializer(many=True), 403: NOT_ALLOWED},
    )
    def get(self, request):
        return self.list_response()


@extend_schema(tags=[TAG])
class LocationDetailView(_Locations):
    """One location with its addresses, phones, languages, schedules and contacts."""

    @extend_schema(
        summary="Eén locatie (HSDS 3.0 location)",
        parameters=[ID_PARAMETER],
        responses={200: HsdsLocationSerializer, 403: NOT_ALLOWED, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return self.detail_response()
