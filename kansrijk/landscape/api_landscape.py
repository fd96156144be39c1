"""The landscape API (read only): the region's partnerships with the municipalities they
cover and the central reporting points, and the comparison within one VSV.

Who sees what (`ReadsLandscape`), as on the pages: coordinators and analysts of a coalition
read the landscape of that coalition's region; every other professional and the
administrators get 403, and without a session or token the answer is 401. The API has no
session's active coalition: the caller's coalition is the one where they coordinate or
analyse now, or the one named in `coalition` when there are several. A partnership of
another region is "not found". Nothing here is personal data: no access event is written.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions
from rest_framework.response import Response

from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.api_scope import chosen_coalition, reader_coalitions
from kansrijk.organisations.models import Coalition

from . import selectors_landscape as selectors
from .models import Partnership, PartnershipKind
from .serializers_landscape import LandscapeSerializer, VsvComparisonSerializer

TAG = "landschap"
FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen voor coördinatoren en analisten van een coalitie."
)
COALITION = OpenApiParameter(
    "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
)


class ReadsLandscape(permissions.BasePermission):
    """Coordinates or analyses in a coalition now; the coalitions are kept on the view
    (`landscape_coalitions`, one query)."""

    message = gettext_lazy(
        "Alleen coördinatoren en analisten van een coalitie zien het regionale landschap."
    )

    def has_permission(self, request, view) -> bool:
        view.landscape_coalitions = reader_coalitions(request.user)
        return bool(view.landscape_coalitions)


READ = (permissions.IsAuthenticated, ReadsLandscape)


def _municipality(municipality) -> dict:
    return {
        "id": municipality.pk,
        "cbs_code": municipality.cbs_code,
        "name": municipality.name,
        "coalition": municipality.coalition.name,
    }


class _CoalitionMixin:
    landscape_coalitions: set[int] = set()

    def _coalition(self) -> Coalition:
        coalition_id = chosen_coalition(self.request, self.landscape_coalitions)
        return Coalition.objects.select_related("region").get(pk=coalition_id)


LANDSCAPE_EXAMPLE = {
    "region": {"id": 1, "name": "VSV Rivierenland-Noord (fictief)"},
    "partnerships": [
        {
            "id": 3,
            "kind": "vsv",
            "kind_label": "Verloskundig samenwerkingsverband (VSV)",
            "name": "VSV Rivierenland-Noord (fictief)",
            "description": "Verloskundigen, gynaecologen en kraamzorg.",
            "website": "",
            "version": 1,
            "municipalities": [
                {
                    "id": 1,
                    "cbs_code": "GM9901",
                    "name": "Lindeoord",
                    "coalition": "Kansrijke Start Lindeoord",
                }
            ],
            "organisations": [{"id": 2, "name": "Rivierenziekenhuis"}],
        }
    ],
    "municipalities": [
        {
            "municipality": {
                "id": 1,
                "cbs_code": "GM9901",
                "name": "Lindeoord",
                "coalition": "Kansrijke Start Lindeoord",
            },
            "partnerships": {"vsv": [3], "ksv": [], "ros": [], "jgz": [], "other": []},
        }
    ],
    "central_points": [],
}


@extend_schema(tags=[TAG])
class LandscapeView(PermissionsByMethodMixin, _CoalitionMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": READ}
    serializer_class = LandscapeSerializer

    @extend_schema(
        summary="Regionaal landschap",
        description=(
            "De samenwerkingsverbanden (VSV, KSV, ROS, JGZ-organisatie, andere) van de regio van "
            "je coalitie met de gemeenten en organisaties erin; per gemeente van de regio welke "
            "verbanden van elke soort haar dekken (een lege lijst is een gat, meer dan één een "
            "overlap); en de centrale meldpunten van de gemeenten. Voor coördinatoren en "
            "analisten; wie in meer dan één coalitie werkt, geeft de coalitie op."
        ),
        parameters=[COALITION],
        responses={
            200: OpenApiResponse(
                LandscapeSerializer,
                examples=[OpenApiExample("Landschap", value=LANDSCAPE_EXAMPLE)],
            ),
            400: OpenApiResponse(description="Meer dan één coalitie en geen coalitie opgegeven."),
            403: FORBIDDEN,
            404: OpenApiResponse(ErrorSerializer, description="Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition = self._coalition()
        data = selectors.landscape(coalition.region, own_coalition_id=coalition.pk)
        body = {
            "region": {"id": data.region.pk, "name": data.region.name},
            "partnerships": [
                {
                    "id": p.pk,
                    "kind": p.kind,
                    "kind_label": str(PartnershipKind(p.kind).label),
                    "name": p.name,
                    "description": p.description,
                    "website": p.website,
                    "version": p.version,
                    "municipalities": [_municipality(m) for m in _with_coalition(p, data)],
                    "organisations": [{"id": o.pk, "name": o.name} for o in p.organisations.all()],
                }
                for p in data.partnerships
            ],
            "municipalities": [
                {
                    "municipality": _municipality(row.municipality),
                    "partnerships": {
                        cell.kind: [p.pk for p in cell.partnerships] for cell in row.cells
                    },
                }
                for row in data.rows
            ],
            "central_points": [
                {
                    "municipality": _municipality(row.municipality),
                    "name": row.central_point.name,
                    "phone": row.central_point.phone,
                    "email": row.central_point.email,
                    "website": row.central_point.website,
                    "for_all_services": row.central_point.for_all_services,
                }
                for row in data.rows
                if row.central_point is not None
            ],
        }
        return Response(LandscapeSerializer(body).data)


def _with_coalition(partnership, data):
    """The partnership's municipalities with their coalition (from the landscape's own
    municipality rows: no query per partnership)."""
    by_pk = {row.municipality.pk: row.municipality for row in data.rows}
    return [by_pk.get(m.pk, m) for m in partnership.municipalities.all() if m.pk in by_pk]


COMPARE_EXAMPLE = {
    "partnership": {"id": 3, "name": "VSV Rivierenland-Noord (fictief)"},
    "municipalities": [
        {
            "id": 1,
            "cbs_code": "GM9901",
            "name": "Lindeoord",
            "coalition": "Kansrijke Start Lindeoord",
        },
        {
            "id": 2,
            "cbs_code": "GM9902",
            "name": "Beekveld",
            "coalition": "Kansrijke Start Lindeoord",
        },
    ],
    "groups": [
        {
            "phase": "pregnancy",
            "label": "Zwangerschap",
            "rows": [
                {
                    "name": "Budgetcoaching",
                    "provider": "Buurtteam Lindeoord-Zuid",
                    "phases": ["Zwangerschap"],
                    "differs": ["route"],
                    "cells": [
                        {
                            "municipality": 1,
                            "on_map": True,
                            "available": True,
                            "route": "direct",
                            "route_label": "Zelf aanmelden",
                            "central_point": "",
                            "conditions": "",
                            "waiting_weeks": 2,
                            "financing": "Gemeente (Wmo)",
                            "own_costs": "Geen",
                            "differs": ["route"],
                        }
                    ],
                }
            ],
        }
    ],
}


@extend_schema(tags=[TAG])
class VsvCompareView(PermissionsByMethodMixin, _CoalitionMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": READ}
    serializer_class = VsvComparisonSerializer

    @extend_schema(
        summary="Gemeenten van een VSV vergeleken",
        description=(
            "De gemeenten van één VSV naast elkaar: per aanbod van de sociale kaarten van de "
            "betrokken coalities (gegroepeerd per fase) per gemeente of het beschikbaar is, de "
            "toegang (het centrale meldpunt als dat de toegang voor al het aanbod is), de "
            "wachttijd in weken en wie betaalt (de regel van de coalitie voor die soort zorg, "
            "anders de sociale kaart). `differs` noemt wat tussen de gemeenten verschilt. "
            "Een VSV van een andere regio bestaat niet voor jou (404)."
        ),
        parameters=[COALITION],
        responses={
            200: OpenApiResponse(
                VsvComparisonSerializer,
                examples=[OpenApiExample("Vergelijking", value=COMPARE_EXAMPLE)],
            ),
            400: OpenApiResponse(description="Meer dan één coalitie en geen coalitie opgegeven."),
            403: FORBIDDEN,
            404: OpenApiResponse(
                ErrorSerializer, description="Onbekend VSV of onbekende coalitie."
            ),
        },
    )
    def get(self, request, pk: int):
        coalition = self._coalition()
        partnership = Partnership.objects.filter(
            pk=pk, region_id=coalition.region_id, kind=PartnershipKind.VSV
        ).first()
        if partnership is None:
            raise exceptions.NotFound(_("Dit VSV bestaat niet (meer) in je regio."))
        comparison = selectors.vsv_comparison(partnership)
        body = {
            "partnership": {"id": partnership.pk, "name": partnership.name},
            "municipalities": [_municipality(m) for m in comparison.municipalities],
            "groups": [
                {
                    "phase": group.phase,
                    "label": group.label,
                    "rows": [
                        {
                            "name": row.name,
                            "provider": row.provider,
                            "phases": row.phases,
                            "differs": sorted(row.differs),
                            "cells": [
                                {
                                    "municipality": cell.municipality.pk,
                                    "on_map": cell.on_map,
                                    "available": cell.available,
                                    "route": cell.route,
                                    "route_label": str(cell.route_label),
                                    "central_point": cell.central_point,
                                    "conditions": cell.conditions,
                                    "waiting_weeks": cell.waiting_weeks,
                                    "financing": cell.financing,
                                    "own_costs": cell.own_costs,
                                    "differs": sorted(cell.differs),
                                }
                                for cell in row.cells
                            ],
                        }
                        for row in group.rows
                    ],
                }
                for group in comparison.groups
            ],
        }
        return Response(VsvComparisonSerializer(body).data)
