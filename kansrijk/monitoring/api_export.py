"""The monitoring export through the API, as on the dashboard (`views_dashboard.export`):
the shown, suppressed indicators of a period (and optionally one municipality) as a CSV or
XLSX file (`?format=csv|xlsx`), the same file the page gives.

Who (`api.ReadsFigures`): coordinators and analysts of a coalition; every other professional
and the administrators 403, without a session or token 401; another coalition is "not found"
(404), a municipality of another coalition a bad filter (400). Every figure is suppressed
before it reaches the file; each export is recorded in the audit trail as on the page (the
same helper), without personal data (there is none in it).
"""

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions

from kansrijk.families.serializers import ErrorSerializer
from kansrijk.socialmap.api_hsds_transfer import IgnoreFormatParameter

from . import exports
from .api import FORBIDDEN, TAG, IndicatorFiguresView
from .indicators import Scope
from .selectors_dashboard import dashboard
from .views_dashboard import FORMATS, _log

TYPES = {"csv": exports.CSV_TYPE, "xlsx": exports.XLSX_TYPE}


@extend_schema(tags=[TAG])
class IndicatorExportView(IndicatorFiguresView):
    """The indicators of a period as a file (the filters of `monitoring/indicators/`)."""

    content_negotiation_class = IgnoreFormatParameter

    @extend_schema(
        summary="Indicatoren exporteren",
        description=(
            "De cijfers van elke indicator van je coalitie over een periode als bestand, "
            "zoals de export op het dashboard: `?format=csv` (standaard; puntkomma's) of "
            '`?format=xlsx`. Kleine aantallen zijn al afgeschermd ("<10", "x"). Elke export '
            "komt in het auditlog."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=list(FORMATS),
                default="csv",
                description="Het bestandsformaat.",
            ),
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                description="Jaar, kwartaal (2026-Q3) of maand; standaard het laatste kwartaal.",
            ),
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                description="Alleen deze gemeente: CBS-code of id.",
            ),
            OpenApiParameter(
                "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.BINARY, description="CSV, als bijlage (`Content-Disposition`)."
            ),
            (200, exports.XLSX_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY, description="Excel-werkmap, als bijlage."
            ),
            400: OpenApiResponse(
                ErrorSerializer, description="Onbekend formaat, periode, gemeente of coalitie."
            ),
            403: FORBIDDEN,
            404: OpenApiResponse(ErrorSerializer, description="Onbekende coalitie."),
        },
    )
    def get(self, request):
        kind = request.query_params.get("format", "") or "csv"
        if kind not in FORMATS:
            raise exceptions.ValidationError({"format": [_("Kies als formaat csv of xlsx.")]})
        coalition = self._coalition()
        period = self._period()
        municipality = self._municipality(coalition)
        data = dashboard(Scope(coalition.pk, municipality.pk if municipality else None), period)
        maker = exports.xlsx_bytes if kind == "xlsx" else exports.csv_bytes
        response = HttpResponse(maker(data, coalition, municipality), content_type=TYPES[kind])
        _log(request, coalition, {"period": period, "municipality": municipality}, kind.upper())
        name = exports.filename(data, coalition, municipality, kind)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


urlpatterns: list = [
    path("monitoring/export/", IndicatorExportView.as_view(), name="monitoring_export"),
]
