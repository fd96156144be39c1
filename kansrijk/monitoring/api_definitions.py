"""The indicators' definitions through the API, as on the definition page
(`views_dashboard.definition_page`): numerator, denominator, period, who is counted, the
source fields and the version of each definition.

Who may read them (`api.ReadsFigures`), as on the page: coordinators and analysts of a
coalition; every other professional and the administrators get 403, without a session or
token 401; an unknown code is "not found" (404). The definitions are the same for every
coalition and hold no figures: no query besides the caller's coalitions, and no access event.
"""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.response import Response

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.serializers import ErrorSerializer

from . import indicators as registry
from .api import FORBIDDEN, TAG, ReadsFigures
from .indicators import Indicator
from .serializers import INDICATOR_KINDS, DefinitionSerializer

READERS = (permissions.IsAuthenticated, ReadsFigures)


class IndicatorDefinitionSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField(help_text="Versie van de definitie.")
    title = serializers.CharField()
    kind = NamedChoiceField(INDICATOR_KINDS, enum_name="IndicatorKindEnum")
    unit = serializers.CharField(allow_blank=True)
    group = serializers.CharField(allow_blank=True)
    definition = DefinitionSerializer()


class DefinitionListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = IndicatorDefinitionSerializer(many=True)


EXAMPLE = {
    "code": "early_signaling",
    "version": 1,
    "title": "Vroeg gesignaleerd",
    "kind": "share",
    "unit": "",
    "group": "Signalering",
    "definition": {
        "numerator": "Zwangerschappen met de eerste signalering voor 16 weken.",
        "denominator": "Zwangerschappen met een eerste signalering in de periode.",
        "period": "De datum van de eerste signalering.",
        "inclusion": "Gezinnen met toestemming voor monitoring.",
        "sources": ["signaling.Assessment.gestational_age_days"],
    },
}


def definition_body(indicator: Indicator) -> dict:
    definition = indicator.definition
    return {
        "code": indicator.code,
        "version": indicator.version,
        "title": str(indicator.title),
        "kind": indicator.kind,
        "unit": str(indicator.unit),
        "group": str(indicator.group),
        "definition": {
            "numerator": str(definition.numerator),
            "denominator": str(definition.denominator),
            "period": str(definition.period),
            "inclusion": str(definition.inclusion),
            "sources": [str(source) for source in definition.sources],
        },
    }


@extend_schema(tags=[TAG])
class DefinitionListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Every indicator's definition (a short, fixed list: not paginated)."""

    permissions_by_method = {"GET": READERS}
    serializer_class = DefinitionListSerializer
    figure_coalitions: set[int] = set()

    @extend_schema(
        operation_id="monitoring_definitions_list",
        summary="Definities van de indicatoren",
        description=(
            "Per indicator: de teller, de noemer, welke datum de periode bepaalt, wie meetelt, "
            "de bronvelden en de versie van de definitie. Hetzelfde voor elke coalitie."
        ),
        examples=[
            OpenApiExample(
                "Eén indicator", value={"count": 1, "results": [EXAMPLE]}, response_only=True
            )
        ],
        responses={200: DefinitionListSerializer, 403: FORBIDDEN},
    )
    def get(self, request):
        rows = [definition_body(indicator) for indicator in registry.indicators()]
        return Response({"count": len(rows), "results": rows})


@extend_schema(tags=[TAG])
class DefinitionDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One indicator's definition."""

    permissions_by_method = {"GET": READERS}
    serializer_class = IndicatorDefinitionSerializer
    figure_coalitions: set[int] = set()

    @extend_schema(
        summary="Definitie van een indicator",
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Code van de indicator.",
            )
        ],
        examples=[OpenApiExample("Vroeg gesignaleerd", value=EXAMPLE, response_only=True)],
        responses={
            200: IndicatorDefinitionSerializer,
            403: FORBIDDEN,
            404: OpenApiResponse(ErrorSerializer, description="Deze indicator bestaat niet."),
        },
    )
    def get(self, request, code: str):
        try:
            indicator = registry.get(code)
        except KeyError:
            raise exceptions.NotFound(_("Deze indicator bestaat niet.")) from None
        return Response(definition_body(indicator))


urlpatterns: list = [
    path(
        "monitoring/definitions/",
        DefinitionListView.as_view(),
        name="monitoring_definition_list",
    ),
    path(
        "monitoring/definitions/<str:code>/",
        DefinitionDetailView.as_view(),
        name="monitoring_definition_detail",
    ),
]
