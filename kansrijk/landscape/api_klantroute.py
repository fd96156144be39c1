"""The klantroute's API (read only): the same grid as the page, as JSON.

Who sees what (`ReadsKlantroute`), as on the page: coordinators and analysts of a coalition
read its klantroute; every other professional and the administrators get 403, and without a
session or token the answer is 401. The API has no session's active coalition: the caller's
coalition is the one where they coordinate or analyse, or the one named in `coalition` when
there are several (another coalition's id is "not found").

Nothing in the answer is family data: referral counts are of families with monitoring consent
only and suppressed (see `selectors_klantroute`), so no access event is written. The number of
queries does not depend on the number of services.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response

from kansrijk.care.needs import Need
from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.api_scope import (
    chosen_coalition,
    chosen_municipality,
    reader_coalitions,
)
from kansrijk.organisations.models import Coalition, Municipality
from kansrijk.socialmap.vocabulary import TargetGroup

from .klantroute import Grid, GridCell
from .selectors_klantroute import Klantroute, klantroute
from .serializers_klantroute import KlantrouteSerializer

TAG = "klantroute"
FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen voor coördinatoren en analisten van een coalitie."
)
EXAMPLE = {
    "coalition": {"id": 1, "name": "Kansrijke Start Lindeoord"},
    "target_group": {"code": "zwangeren_kwetsbaar", "label": "Zwangeren in een kwetsbare situatie"},
    "municipality": None,
    "municipalities": [{"id": 1, "name": "Beekveld"}, {"id": 2, "name": "Lindeoord"}],
    "referrals_since": "2025-11-26",
    "phases": [{"code": "gap", "label": "Tussen kraamzorg en JGZ (dag 8 tot week 5)"}],
    "needs": [{"code": "language", "label": "Taal en gezondheidsvaardigheden"}],
    "cells": [
        {
            "phase": "gap",
            "need": "language",
            "services": [
                {
                    "id": "0b6f1d8e-3f4e-4b8e-9a57-3d1f0e6c2a11",
                    "name": "Formulierenspreekuur en hulp bij toeslagen",
                    "provider": "Buurtteam Lindeoord-Zuid",
                    "evidence": "not_assessed",
                    "evidence_label": "Niet beoordeeld",
                    "evidence_rated": False,
                    "payers": ["Gemeente"],
                    "own_costs": ["Geen eigen kosten"],
                    "has_own_costs": False,
                    "offers": [
                        {
                            "municipality": {"id": 1, "name": "Beekveld"},
                            "available": False,
                            "route": "not_available",
                            "route_label": "Niet beschikbaar",
                            "waiting_weeks": None,
                            "conditions": "In deze gemeente doet het taalhuis dit.",
                            "central_point": "",
                        },
                        {
                            "municipality": {"id": 2, "name": "Lindeoord"},
                            "available": True,
                            "route": "direct",
                            "route_label": "Zelf aanmelden",
                            "waiting_weeks": None,
                            "conditions": "Inloop, zonder afspraak.",
                            "central_point": "",
                        },
                    ],
                }
            ],
            "gaps": [
                {
                    "kind": "not_available",
                    "label": "Niet beschikbaar",
                    "municipality": {"id": 1, "name": "Beekveld"},
                },
                {
                    "kind": "no_evidence",
                    "label": "Geen erkende interventie",
                    "municipality": {"id": 2, "name": "Lindeoord"},
                },
            ],
            "usage": {"referred": "<10", "completed": "<10", "suppressed": True},
            "agreements": [
                {
                    "id": 3,
                    "what": "Het taalhuis houdt ook in Beekveld een formulierenspreekuur.",
                    "who": "Stichting Thuis in Taal",
                    "due_date": "2027-03-01",
                    "status": "open",
                    "municipality": {"id": 1, "name": "Beekveld"},
                    "overdue": False,
                }
            ],
        }
    ],
}


class ReadsKlantroute(permissions.BasePermission):
    """Coordinates or analyses in a coalition now; the coalitions are kept on the view
    (`reader_coalitions`, one query)."""

    message = gettext_lazy("Alleen coördinatoren en analisten van een coalitie zien de klantroute.")

    def has_permission(self, request, view) -> bool:
        view.reader_coalitions = reader_coalitions(request.user)
        return bool(view.reader_coalitions)


def _figure(shown) -> str:
    return str(shown.number) if shown.number is not None else shown.text


def _municipality(facts) -> dict | None:
    return None if facts is None else {"id": facts.id, "name": facts.name}


def cell_body(cell: GridCell) -> dict:
    return {
        "phase": cell.phase,
        "need": cell.need,
        "services": [
            {
                "id": service.id,
                "name": service.name,
                "provider": service.provider,
                "evidence": service.evidence,
                "evidence_label": service.evidence_label,
                "evidence_rated": service.evidence_rated,
                "payers": service.payer_labels,
                "own_costs": service.own_cost_labels,
                "has_own_costs": service.has_own_costs,
                "offers": [
                    {
                        "municipality": _municipality(offer.municipality),
                        "available": offer.available,
                        "route": offer.route,
                        "route_label": offer.route_label,
                        "waiting_weeks": offer.waiting_weeks,
                        "conditions": offer.conditions,
                        "central_point": offer.central_point,
                    }
                    for offer in service.offers
                ],
            }
            for service in cell.services
        ],
        "gaps": [
            {"kind": gap.kind, "label": gap.label, "municipality": _municipality(gap.municipality)}
            for gap in cell.gaps
        ],
        "usage": {
            "referred": _figure(cell.usage.referred),
            "completed": _figure(cell.usage.completed),
            "suppressed": cell.usage.suppressed,
        },
        "agreements": [
            {
                "id": agreement.facts.id,
                "what": agreement.facts.what,
                "who": agreement.facts.who,
                "due_date": agreement.facts.due_date,
                "status": agreement.facts.status,
                "municipality": (
                    {
                        "id": agreement.facts.municipality_id,
                        "name": agreement.facts.municipality_name,
                    }
                    if agreement.facts.municipality_id
                    else None
                ),
                "overdue": agreement.overdue,
            }
            for agreement in cell.agreements
        ],
    }


def grid_body(data: Klantroute) -> dict:
    grid: Grid = data.grid
    return {
        "coalition": {"id": data.coalition.pk, "name": data.coalition.name},
        "target_group": {"code": data.target_group, "label": data.target_group_label},
        "municipality": (
            {"id": data.municipality.pk, "name": data.municipality.name}
            if data.municipality
            else None
        ),
        "municipalities": [_municipality(m) for m in grid.municipalities],
        "referrals_since": data.since,
        "phases": [{"code": code, "label": label} for code, label in grid.phases],
        "needs": [{"code": code, "label": str(label)} for code, label in Need.choices],
        "cells": [cell_body(cell) for cell in grid.cells()],
    }


@extend_schema(tags=[TAG])
class KlantrouteView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The klantroute of the caller's coalition for one target group."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, ReadsKlantroute)}
    serializer_class = KlantrouteSerializer
    reader_coalitions: set[int] = set()

    @extend_schema(
        summary="Klantroute",
        description=(
            "De klantroute van je coalitie voor één doelgroep: per behoefte (rijen) en fase van "
            "de eerste 1000 dagen (kolommen) het actieve aanbod van de sociale kaart, met per "
            "gemeente de toegang (of het centrale meldpunt), de wachttijd, wie betaalt, de eigen "
            "kosten en de bewijskracht; de leemten per gemeente (geen aanbod, niet beschikbaar, "
            "alleen met wachtlijst of eigen kosten, geen erkende interventie); het aantal "
            "verwijzingen in de laatste 12 maanden en hoeveel daarvan zijn afgerond (alleen "
            'gezinnen met toestemming voor monitoring; onder de 10 "<10"); en de open '
            "verbeterafspraken. Aanbod zonder doelgroep telt voor elke doelgroep. Wie in meer "
            "dan één coalitie coördinator of analist is, geeft de coalitie op."
        ),
        parameters=[
            OpenApiParameter(
                "target_group",
                OpenApiTypes.STR,
                enum=TargetGroup.values,
                description="De doelgroep; standaard de eerste (zwangeren_kwetsbaar).",
            ),
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                description="Alleen deze gemeente: CBS-code (GM0344) of id.",
            ),
            OpenApiParameter(
                "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
            ),
        ],
        responses={
            200: OpenApiResponse(
                KlantrouteSerializer,
                description="De klantroute.",
                examples=[OpenApiExample("Eén cel met een leemte in Beekveld", value=EXAMPLE)],
            ),
            400: OpenApiResponse(description="Ongeldige doelgroep, gemeente of coalitie."),
            401: OpenApiResponse(ErrorSerializer, description="Niet ingelogd."),
            403: FORBIDDEN,
            404: OpenApiResponse(ErrorSerializer, description="Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition = self._coalition()
        target_group = self._target_group()
        municipality = self._municipality(coalition)
        data = klantroute(coalition, target_group=target_group, municipality=municipality)
        return Response(KlantrouteSerializer(grid_body(data)).data)

    def _coalition(self) -> Coalition:
        coalition_id = chosen_coalition(self.request, self.reader_coalitions)
        return Coalition.objects.only("id", "name").get(pk=coalition_id)

    def _target_group(self) -> str:
        asked = self.request.query_params.get("target_group", "").strip()
        if not asked:
            return TargetGroup.values[0]
        if asked not in TargetGroup.values:
            raise serializers.ValidationError(
                {
                    "target_group": [
                        _("Onbekende doelgroep; kies uit: %(codes)s.")
                        % {"codes": ", ".join(TargetGroup.values)}
                    ]
                }
            )
        return asked

    def _municipality(self, coalition: Coalition) -> Municipality | None:
        return chosen_municipality(self.request, coalition)
