"""Monitoring's API (read only): the suppressed figures of the caller's coalition.

Who sees what (`ReadsFigures`), as on the dashboard: coordinators and analysts of a coalition
read its aggregates; every other professional and the administrators get 403, and without a
session or token the answer is 401. The API has no session's active coalition: the caller's
coalition is the one where they coordinate or analyse now, or the one named in `coalition`
when there are several (another coalition's id is "not found").

Every count under 10 is "<10", and a count that would give one away is "x"
(suppression.py, as on the dashboard); nothing in the answer is personal data, so
no access event is written. The figures come through `figures()` (kept snapshots): the number
of queries does not depend on the number of families.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response

from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.api_scope import (
    chosen_coalition,
    chosen_municipality,
    reader_coalitions,
)
from kansrijk.organisations.models import Coalition, Municipality

from . import indicators as registry
from .indicators import Scope
from .periods import Period, PeriodError
from .protection import cached_tables
from .serializers import IndicatorFiguresSerializer
from .suppression import ShownTable

TAG = "monitoring"
FORBIDDEN = OpenApiResponse(
    ErrorSerializer, description="Alleen voor coördinatoren en analisten van een coalitie."
)


class ReadsFigures(permissions.BasePermission):
    """Coordinates or analyses in a coalition now; the coalitions are kept on the view
    (`figure_coalitions`, one query)."""

    message = gettext_lazy("Alleen coördinatoren en analisten van een coalitie zien de cijfers.")

    def has_permission(self, request, view) -> bool:
        view.figure_coalitions = reader_coalitions(request.user)
        return bool(view.figure_coalitions)


def default_period(today=None) -> Period:
    """The last full quarter before today."""
    return Period.quarter_of(today or timezone.localdate()).previous()


def _figure(shown) -> str | None:
    """A count as the API sends it: the number (without grouping), or the text that hides it
    ("<10", or "x" for a count hidden so that a small one cannot be derived); None when the
    cell has no such part."""
    if shown is None:
        return None
    if shown.number is not None:
        return str(shown.number)
    return shown.text if shown.suppressed else None


def _number(shown):
    return None if shown is None else shown.number


def table_body(table: ShownTable) -> dict:
    """An indicator's shown table (`protection`), in the API's shape."""
    return {
        "total": _figure(table.total),
        "cells": [
            {
                "key": cell.key,
                "label": str(cell.label),
                "numerator": _figure(cell.numerator),
                "denominator": _figure(cell.denominator),
                "percentage": _number(cell.share),
                "value": _number(cell.value),
                "suppressed": cell.suppressed,
            }
            for cell in table.cells
        ],
    }


@extend_schema(tags=[TAG])
class IndicatorFiguresView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The suppressed figures of every indicator for a period and (optionally) municipality."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, ReadsFigures)}
    serializer_class = IndicatorFiguresSerializer
    figure_coalitions: set[int] = set()

    @extend_schema(
        summary="Indicatoren",
        description=(
            "De cijfers van elke indicator van je coalitie over een periode, met de definitie "
            "(teller, noemer, periode, wie meetelt, bronvelden) en de versie ervan. Alleen "
            "gezinnen met toestemming voor monitoring tellen mee; elk aantal onder de 10 is "
            '"<10", en "x" als een aantal verborgen is zodat een klein aantal niet uit de '
            "andere te herleiden is; een percentage of mediaan die zo'n aantal zou verraden "
            "ontbreekt. Wie in "
            "meer dan één coalitie coördinator of analist is, geeft de coalitie op."
        ),
        parameters=[
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                description=(
                    "Jaar (2026), kwartaal (2026-Q3) of maand (2026-09); standaard het laatste "
                    "hele kwartaal."
                ),
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
            200: IndicatorFiguresSerializer,
            400: OpenApiResponse(description="Ongeldige periode, gemeente of coalitie."),
            403: FORBIDDEN,
            404: OpenApiResponse(ErrorSerializer, description="Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition = self._coalition()
        period = self._period()
        municipality = self._municipality(coalition)
        scope = Scope(coalition.pk, municipality.pk if municipality else None)
        tables, stale = cached_tables(scope, period)
        body = {
            "coalition": {"id": coalition.pk, "name": coalition.name},
            "municipality": (
                {
                    "id": municipality.pk,
                    "cbs_code": municipality.cbs_code,
                    "name": municipality.name,
                }
                if municipality
                else None
            ),
            "period": {
                "code": period.code,
                "label": period.label,
                "first": period.first,
                "last": period.last,
            },
            "indicators": [
                {
                    "code": indicator.code,
                    "version": indicator.version,
                    "title": str(indicator.title),
                    "kind": indicator.kind,
                    "unit": str(indicator.unit),
                    "group": str(indicator.group),
                    "definition": {
                        "numerator": str(indicator.definition.numerator),
                        "denominator": str(indicator.definition.denominator),
                        "period": str(indicator.definition.period),
                        "inclusion": str(indicator.definition.inclusion),
                        "sources": [str(s) for s in indicator.definition.sources],
                    },
                    "stale": indicator.code in stale,
                    **table_body(tables[indicator.code]),
                }
                for indicator in registry.indicators()
            ],
        }
        return Response(IndicatorFiguresSerializer(body).data)

    def _coalition(self) -> Coalition:
        coalition_id = chosen_coalition(self.request, self.figure_coalitions)
        return Coalition.objects.only("id", "name").get(pk=coalition_id)

    def _period(self) -> Period:
        code = self.request.query_params.get("period", "")
        if not code.strip():
            return default_period()
        try:
            return Period.parse(code)
        except PeriodError as error:
            raise serializers.ValidationError({"period": [str(error)]}) from None

    def _municipality(self, coalition: Coalition) -> Municipality | None:
        return chosen_municipality(self.request, coalition)
