"""The coalition's referral overview through the API, as on the page
(`views_referrals.referral_overview`):

- coordinators and analysts of a coalition read it; every other professional and the
  administrators get 403, without a session or token 401;
- the API has no session's active coalition: a call is for the caller's one coalition where
  they coordinate or analyse, or the one named in `?coalition=`; another coalition is "not
  found" (404);
- the period is `start` to `end` (inclusive), checked by the page's `OverviewPeriodForm`
  (the same Dutch messages, 400); without them, the year up to today, as on the page. `sort`
  is `name` (the default) or `sent`, the page's two orders;
- per service: sent, accepted, started and completed, and the median days to the first
  answer (`selectors_referrals.referral_overview`, two queries). A count under 10 is "<10",
  the median is left out (null) when fewer than 10 referrals were answered, and a sort on
  `sent` keeps the suppressed ones in one group, as on the page. Aggregates only: no
  access event (the page writes none either).
"""

from datetime import date, timedelta

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.api_coalition_config import form_errors
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.api_scope import chosen_coalition, reader_coalitions
from kansrijk.organisations.models import Coalition

from . import selectors_referrals as selectors
from .forms_referrals import OverviewPeriodForm

TAG = "verwijzingen"
SORTS = {"name": "naam", "sent": "verstuurd"}


class ReadsReferralOverview(permissions.BasePermission):
    """Coordinates or analyses in a coalition now; the coalitions are kept on the view
    (`overview_coalitions`, one query). The page is for these two roles."""

    message = gettext_lazy("Alleen coördinatoren en analisten van een coalitie zien het overzicht.")

    def has_permission(self, request, view) -> bool:
        view.overview_coalitions = reader_coalitions(request.user)
        return bool(view.overview_coalitions)


def year_before(day: date) -> date:
    """The first day of the year that ends on `day` (the page's default period)."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)


class ServiceFiguresSerializer(serializers.Serializer):
    service = serializers.CharField(help_text="Id van het aanbod.")
    name = serializers.CharField()
    provider = serializers.CharField()
    sent = serializers.CharField(help_text='Verstuurd: het aantal, of "<10".')
    accepted = serializers.CharField(help_text='Geaccepteerd: het aantal, of "<10".')
    started = serializers.CharField(help_text='Gestart: het aantal, of "<10".')
    completed = serializers.CharField(help_text='Afgerond: het aantal, of "<10".')
    median_days_to_answer = serializers.FloatField(
        allow_null=True, help_text="Leeg als minder dan 10 verwijzingen beantwoord zijn."
    )


class ReferralOverviewSerializer(serializers.Serializer):
    coalition = serializers.DictField(help_text="Id en naam van de coalitie.")
    start = serializers.DateField()
    end = serializers.DateField()
    sort = NamedChoiceField(list(SORTS), enum_name="ReferralOverviewSortEnum")
    services = ServiceFiguresSerializer(many=True)


EXAMPLE = {
    "coalition": {"id": 1, "name": "Kansrijke Start Eerstedorp"},
    "start": "2025-11-28",
    "end": "2026-11-27",
    "sort": "name",
    "services": [
        {
            "service": "0b6c2f7e-3c1d-4d8e-9a51-6f0f2b9c1d11",
            "name": "Buurtteam Eerstedorp",
            "provider": "Buurtteam Eerstedorp",
            "sent": "14",
            "accepted": "11",
            "started": "<10",
            "completed": "<10",
            "median_days_to_answer": 2.5,
        }
    ],
}


def _row(figures: selectors.ServiceFigures) -> dict:
    median = figures.median_shown
    return {
        "service": str(figures.service_id),
        "name": figures.name,
        "provider": figures.provider,
        "sent": figures.sent_shown,
        "accepted": figures.accepted_shown,
        "started": figures.started_shown,
        "completed": figures.completed_shown,
        "median_days_to_answer": None if median is None else round(figures.median_days, 1),
    }


@extend_schema(tags=[TAG])
class ReferralOverviewView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Per service of the coalition: the referrals of a period, in counts."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, ReadsReferralOverview)}
    serializer_class = ReferralOverviewSerializer
    overview_coalitions: set[int] = set()

    @extend_schema(
        summary="Verwijzingen per aanbod",
        description=(
            "Per aanbod van je coalitie: hoeveel verwijzingen in de periode verstuurd, "
            "geaccepteerd, gestart en afgerond zijn, en de mediane tijd tot het eerste "
            'antwoord in dagen. Elk aantal onder de 10 is "<10"; de mediaan ontbreekt als '
            "minder dan 10 verwijzingen beantwoord zijn. Wie in meer dan één coalitie "
            "coördinator of analist is, geeft de coalitie op."
        ),
        parameters=[
            OpenApiParameter(
                "start", OpenApiTypes.DATE, description="Van (standaard: een jaar geleden)."
            ),
            OpenApiParameter(
                "end", OpenApiTypes.DATE, description="Tot en met (standaard: vandaag)."
            ),
            OpenApiParameter(
                "sort", OpenApiTypes.STR, enum=list(SORTS), description="Volgorde (standaard name)."
            ),
            OpenApiParameter(
                "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
            ),
        ],
        examples=[OpenApiExample("Een jaar", value=EXAMPLE, response_only=True)],
        responses={
            200: ReferralOverviewSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="Ongeldige periode, volgorde of coalitie."
            ),
            403: OpenApiResponse(
                ErrorSerializer, description="Alleen voor coördinatoren en analisten."
            ),
            404: OpenApiResponse(ErrorSerializer, description="Onbekende coalitie."),
        },
    )
    def get(self, request):
        coalition_id = chosen_coalition(request, self.overview_coalitions)
        sort = request.query_params.get("sort", "") or "name"
        if sort not in SORTS:
            raise serializers.ValidationError(
                {"sort": [_("Kies de volgorde name (op naam) of sent (op aantal verstuurd).")]}
            )
        today = timezone.localdate()
        form = OverviewPeriodForm(
            request.query_params, default_start=year_before(today), default_end=today
        )
        if not form.is_valid():
            raise form_errors(form)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        coalition = Coalition.objects.only("id", "name").get(pk=coalition_id)
        figures = selectors.referral_overview(coalition, start=start, end=end, sort=SORTS[sort])
        body = {
            "coalition": {"id": coalition.pk, "name": coalition.name},
            "start": start,
            "end": end,
            "sort": sort,
            "services": [_row(row) for row in figures],
        }
        return Response(ReferralOverviewSerializer(body).data)


urlpatterns: list = [
    path("referrals/overview/", ReferralOverviewView.as_view(), name="socialmap_referral_overview"),
]
