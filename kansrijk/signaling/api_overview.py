"""The coalition's signaling overview through the API, as on the page (`views.overview`):

- coordinators and analysts of a coalition read it (`ReadsOverview`); every other
  professional and the administrators get 403, without a session or token 401;
- the API has no session's active coalition: a call is for the caller's one coalition where
  they coordinate or analyse, or the one named in `?coalition=`; another coalition is "not
  found" (404);
- the period is `start` to `end` (inclusive), checked by the page's `PeriodForm` (the same
  Dutch messages, 400); without them, the year up to today, as on the page;
- the figures are the page's (`selectors.coalition_overview`, four queries): aggregates
  only, no family. A count under 10 is "<10" and the median and share resting on fewer than
  10 first signalings are left out (null), as on the page. Nothing personal is in the answer,
  so no access event is written (the page writes none either).
"""

from django.urls import path
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response

from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.api_coalition_config import form_errors
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.api_scope import chosen_coalition, reader_coalitions
from kansrijk.organisations.models import Coalition

from . import selectors
from .forms import PeriodForm

TAG = "signalering"
SUPPRESSED = "<10"


class ReadsOverview(permissions.BasePermission):
    """Coordinates or analyses in a coalition now; the coalitions are kept on the view
    (`overview_coalitions`, one query). The page is for these two roles (`role_required`)."""

    message = gettext_lazy("Alleen coördinatoren en analisten van een coalitie zien het overzicht.")

    def has_permission(self, request, view) -> bool:
        view.overview_coalitions = reader_coalitions(request.user)
        return bool(view.overview_coalitions)


def shown(figure: selectors.Figure) -> str:
    """A count as the API sends it: the number, or "<10" when it is too small to show."""
    return SUPPRESSED if figure.suppressed else str(figure.value)


class CountField(serializers.CharField):
    """A count: digits, or "<10"."""


class LevelFigureSerializer(serializers.Serializer):
    level = serializers.CharField()
    label = serializers.CharField()
    count = CountField(help_text='Het aantal, of "<10".')


class RouteFigureSerializer(serializers.Serializer):
    route = serializers.IntegerField()
    label = serializers.CharField()
    count = CountField(help_text='Aantal routekeuzes, of "<10".')
    overridden = CountField(help_text='Waarvan afwijkend van het voorstel, of "<10".')


class SignalingOverviewSerializer(serializers.Serializer):
    coalition = serializers.DictField(help_text="Id en naam van de coalitie.")
    start = serializers.DateField()
    end = serializers.DateField()
    assessments = CountField(help_text='Afgeronde signaleringen, of "<10".')
    families = CountField(help_text='Gesignaleerde gezinnen, of "<10".')
    first_signalings = CountField(help_text="Eerste signaleringen in een zwangerschap.")
    median_weeks_at_first = serializers.FloatField(
        allow_null=True, help_text="Leeg bij minder dan 10 eerste signaleringen."
    )
    share_before_16_weeks = serializers.IntegerField(
        allow_null=True, help_text="Percentage; leeg bij minder dan 10 eerste signaleringen."
    )
    before_16_weeks = CountField(allow_null=True)
    by_level = LevelFigureSerializer(many=True)
    by_route = RouteFigureSerializer(many=True)


EXAMPLE = {
    "coalition": {"id": 1, "name": "Kansrijke Start Eerstedorp"},
    "start": "2025-11-27",
    "end": "2026-11-27",
    "assessments": "42",
    "families": "38",
    "first_signalings": "31",
    "median_weeks_at_first": 14.3,
    "share_before_16_weeks": 61,
    "before_16_weeks": "19",
    "by_level": [{"level": "vulnerable", "label": "Kwetsbaar", "count": "<10"}],
    "by_route": [{"route": 3, "label": "Route 3 — kwetsbaar", "count": "<10", "overridden": "0"}],
}


def overview_body(coalition: Coalition, overview: selectors.Overview) -> dict:
    return {
        "coalition": {"id": coalition.pk, "name": coalition.name},
        "start": overview.start,
        "end": overview.end,
        "assessments": shown(overview.assessments),
        "families": shown(overview.families),
        "first_signalings": shown(overview.first_signalings),
        "median_weeks_at_first": overview.median_weeks_at_first,
        "share_before_16_weeks": overview.share_before_16_weeks,
        "before_16_weeks": (
            None if overview.share_before_16_weeks is None else shown(overview.before_16_weeks)
        ),
        "by_level": [
            {"level": level.value, "label": str(level.label), "count": shown(figure)}
            for level, figure in overview.by_level
        ],
        "by_route": [
            {
                "route": int(route.value),
                "label": str(route.label),
                "count": shown(figure),
                "overridden": shown(overridden),
            }
            for route, figure, overridden in overview.by_route
        ],
    }


@extend_schema(tags=[TAG])
class SignalingOverviewView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The finished assessments and route choices of a coalition in a period, in counts."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, ReadsOverview)}
    serializer_class = SignalingOverviewSerializer
    overview_coalitions: set[int] = set()

    @extend_schema(
        summary="Signalering in de coalitie",
        description=(
            "Afgeronde signaleringen van je coalitie in een periode: per uitkomst, de gekozen "
            "routes (en hoe vaak afgeweken werd van het voorstel) en hoe vroeg in de "
            'zwangerschap gesignaleerd werd. Alleen aantallen; elk aantal onder de 10 is "<10", '
            "en een mediaan of percentage dat op minder dan 10 eerste signaleringen rust "
            "ontbreekt. Wie in meer dan één coalitie coördinator of analist is, geeft de "
            "coalitie op."
        ),
        parameters=[
            OpenApiParameter(
                "start", OpenApiTypes.DATE, description="Van (standaard: een jaar voor `end`)."
            ),
            OpenApiParameter(
                "end", OpenApiTypes.DATE, description="Tot en met (standaard: vandaag)."
            ),
            OpenApiParameter(
                "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
            ),
        ],
        examples=[OpenApiExample("Een jaar", value=EXAMPLE, response_only=True)],
        responses={
            200: SignalingOverviewSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Ongeldige periode of coalitie."),
            403: OpenApiResponse(
                ErrorSerializer, description="Alleen voor coördinatoren en analisten."
            ),
            404: OpenApiResponse(ErrorSerializer, description="Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition_id = chosen_coalition(request, self.overview_coalitions)
        form = PeriodForm(request.query_params)
        if not form.is_valid():
            raise form_errors(form)
        start, end = form.period()
        coalition = Coalition.objects.only("id", "name").get(pk=coalition_id)
        overview = selectors.coalition_overview(coalition, start=start, end=end)
        return Response(overview_body(coalition, overview))


urlpatterns: list = [
    path("signaling/overview/", SignalingOverviewView.as_view(), name="signaling_overview"),
]
