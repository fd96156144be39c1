"""The overview of one MDO series through the API, as on the page
(`views_overview.series_overview_page`):

- who: `selectors_overview.may_see_series_overview` decides, as for the page: coordinators of
  the series' coalition see it with small numbers suppressed, the series' chair and secretary
  see the exact figures; every other professional of the coalition, analysts and
  administrators get 403; without a session or token 401. A series that does not exist, or
  of a coalition the caller does not work in, is "not found" (404);
- the figures are the page's (`selectors_overview.series_overview`, four queries): counts, a
  median and a share, no family. For coordinators a count of families under 10 is "<10" and
  the median and the share are left out (null) when they rest on fewer than 10; `exact`
  says whether nothing is suppressed. Aggregates only: no access event (the page writes none
  either).
"""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.response import Response

from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Membership
from kansrijk.signaling.selectors import Figure

from .api import SERIES_NOT_FOUND, SERIES_PARAMETER, TAG
from .models import MdoSeries
from .selectors_overview import SeriesOverview, may_see_series_overview, series_overview

SUPPRESSED = "<10"


def shown(figure: Figure) -> str | None:
    """A count as the API sends it: the number, or "<10" when it is too small to show."""
    return SUPPRESSED if figure.suppressed else str(figure.value)


class SeriesOverviewSerializer(serializers.Serializer):
    series = serializers.DictField(help_text="Id en naam van het MDO.")
    exact = serializers.BooleanField(
        help_text="Voorzitter of notulist: de precieze aantallen, niets verborgen."
    )
    meetings_held = serializers.IntegerField(help_text="Gehouden overleggen.")
    families_discussed = serializers.CharField(help_text='Besproken gezinnen, of "<10".')
    median_days_to_first_discussion = serializers.FloatField(
        allow_null=True, help_text="Mediaan aantal dagen van route 3 tot de eerste bespreking."
    )
    days_measured = serializers.CharField(help_text='Gezinnen waar de mediaan op rust, of "<10".')
    decisions_on_time = serializers.CharField(
        allow_null=True, help_text="Op tijd uitgevoerde besluiten; leeg als het verborgen is."
    )
    decisions_measured = serializers.CharField(help_text='Gemeten besluiten, of "<10".')
    share_on_time = serializers.IntegerField(
        allow_null=True, help_text="Percentage op tijd; leeg bij minder dan 10 besluiten."
    )


EXAMPLE = {
    "series": {"id": 1, "name": "MDO Zwangeren Eerstedorp"},
    "exact": False,
    "meetings_held": 11,
    "families_discussed": "23",
    "median_days_to_first_discussion": 9.0,
    "days_measured": "17",
    "decisions_on_time": None,
    "decisions_measured": "<10",
    "share_on_time": None,
}


def overview_body(overview: SeriesOverview) -> dict:
    share_shown = overview.share_on_time is not None
    return {
        "series": {"id": overview.series.pk, "name": overview.series.name},
        "exact": overview.exact,
        "meetings_held": overview.meetings_held,
        "families_discussed": shown(overview.families_discussed),
        "median_days_to_first_discussion": overview.median_days_to_first_discussion,
        "days_measured": shown(overview.days_measured),
        "decisions_on_time": shown(overview.decisions_on_time) if share_shown else None,
        "decisions_measured": shown(overview.decisions_measured),
        "share_on_time": overview.share_on_time,
    }


def _works_in(user, coalition_id: int) -> bool:
    return (
        Membership.objects.current().filter(professional=user, coalition_id=coalition_id).exists()
    )


@extend_schema(tags=[TAG])
class SeriesOverviewView(PermissionsByMethodMixin, generics.GenericAPIView):
    """How one MDO series is doing, in aggregates."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = SeriesOverviewSerializer

    @extend_schema(
        summary="Overzicht van een MDO",
        description=(
            "Gehouden overleggen, besproken gezinnen, de mediane tijd van route 3 tot de eerste "
            "bespreking en het deel van de besluiten dat op tijd is uitgevoerd. Voor "
            'coördinatoren van de coalitie is een aantal gezinnen onder de 10 "<10", en '
            "ontbreken een mediaan en een percentage die op minder dan 10 rusten; de voorzitter "
            "en notulist van het MDO zien de precieze aantallen."
        ),
        parameters=[SERIES_PARAMETER],
        examples=[OpenApiExample("Een jaar overleg", value=EXAMPLE, response_only=True)],
        responses={
            200: SeriesOverviewSerializer,
            403: OpenApiResponse(
                ErrorSerializer,
                description="Alleen coördinatoren, de voorzitter en de notulist van dit MDO.",
            ),
            404: SERIES_NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        series = MdoSeries.objects.filter(pk=pk).first()
        if series is None:
            raise exceptions.NotFound(_("Dit MDO bestaat niet (meer)."))
        allowed, exact = may_see_series_overview(request.user, series)
        if not allowed:
            if not _works_in(request.user, series.coalition_id):
                raise exceptions.NotFound(_("Dit MDO bestaat niet (meer)."))
            raise exceptions.PermissionDenied(
                _("Alleen de coördinatoren, de voorzitter en de notulist zien dit overzicht.")
            )
        return Response(overview_body(series_overview(series, exact=exact)))


urlpatterns: list = [
    path("mdo/series/<int:pk>/overview/", SeriesOverviewView.as_view(), name="mdo_series_overview"),
]
