"""The financing-rules API, reading: the rules of the caller's coalitions and a year's
figures. Adding, changing and removing a rule (administrators) is in `api_rules_write.py`,
whose list view extends `FinancingRuleListView` with the create.

Who sees what (`ReadsFinancingRules`), as on the pages: everyone with a current membership
in a coalition as professional, coordinator or administrator reads that coalition's rules
(coalition data, no family in them); an analyst only gets 403, as on the pages; without a
session or token the answer is 401. The rules of another coalition are not in the list, and
a year without figures in the caller's coalition is 404.

The list is paginated as the other lists (`count`, `next`, `previous`, `results`; one query
per page with `WindowCountPaginator`), newest year first, then by kind of care.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.families.api import PermissionsByMethodMixin
from kansrijk.families.selectors import WindowCountPaginator
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Membership
from kansrijk.socialmap.vocabulary import CareKind

from .api_rules_write_serializers import FinancingRuleAnswerSerializer as FinancingRuleSerializer
from .models import FinancingRule, FinancingYear
from .serializers_rules import FinancingYearSerializer

TAG = "financiering"
NOT_ALLOWED = OpenApiResponse(
    ErrorSerializer,
    description="Geen professional, coördinator of beheerder van een coalitie.",
)


class ReadsFinancingRules(permissions.BasePermission):
    """Works in a coalition now as professional, coordinator or administrator: reads its
    financing rules. The coalitions are kept on the view (`rule_coalitions`, one query)."""

    message = gettext_lazy(
        "Alleen professionals, coördinatoren en beheerders van een coalitie lezen de "
        "financieringsregels."
    )

    def has_permission(self, request, view) -> bool:
        view.rule_coalitions = set(
            Membership.objects.current()
            .filter(professional=request.user)
            .filter(Q(is_professional=True) | Q(is_coordinator=True) | Q(is_administrator=True))
            .values_list("coalition_id", flat=True)
        )
        return bool(view.rule_coalitions)


READ_PERMISSIONS = (permissions.IsAuthenticated, ReadsFinancingRules)


class RulePagination(PageNumberPagination):
    django_paginator_class = WindowCountPaginator


def _year(value: str, name: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 2000 <= int(value) <= 2100:
        raise serializers.ValidationError({name: [_("Geef een jaar van 2000 tot en met 2100.")]})
    return int(value)


@extend_schema(tags=[TAG])
class FinancingRuleListView(PermissionsByMethodMixin, generics.ListAPIView):
    """The financing rules of the caller's coalitions."""

    permissions_by_method = {"GET": READ_PERMISSIONS}
    serializer_class = FinancingRuleSerializer
    pagination_class = RulePagination
    rule_coalitions: set[int] = set()

    def get_queryset(self) -> QuerySet[FinancingRule]:
        """Plain rows: the serializer shows the service's id only, so nothing is joined."""
        queryset = FinancingRule.objects.filter(coalition_id__in=self.rule_coalitions)
        params = self.request.query_params if self.request else {}
        if year := params.get("year", ""):
            queryset = queryset.filter(year=_year(year, "year"))
        if care_kind := params.get("care_kind", ""):
            if care_kind not in CareKind.values:
                raise serializers.ValidationError({"care_kind": [_("Onbekende soort zorg.")]})
            queryset = queryset.filter(care_kind=care_kind)
        return queryset.order_by("-year", "care_kind", "coalition_id", "id")

    @extend_schema(
        summary="Financieringsregels",
        description=(
            "Per soort zorg (of per aanbod) en jaar: de wet, wie betaalt, of het eigen risico "
            "geldt, de eigen bijdrage van het gezin, of een indicatie of verwijzing nodig is, "
            "wie een tolk betaalt, de uitleg in gewone woorden en de bron van de cijfers."
        ),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="Alleen dit jaar."),
            OpenApiParameter(
                "care_kind",
                OpenApiTypes.STR,
                enum=list(CareKind.values),
                description="Alleen deze soort zorg (code uit de taxonomie kansrijk-zorgsoort).",
            ),
        ],
        responses={
            200: FinancingRuleSerializer(many=True),
            400: OpenApiResponse(
                ErrorSerializer,
                description="Geen jaar van 2000 tot en met 2100, of onbekende soort zorg.",
            ),
            403: NOT_ALLOWED,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=[TAG])
class FinancingYearDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The figures that apply in a year for the caller's coalition."""

    permissions_by_method = {"GET": READ_PERMISSIONS}
    serializer_class = FinancingYearSerializer
    rule_coalitions: set[int] = set()

    @extend_schema(
        summary="Cijfers van een jaar",
        description=(
            "Het verplichte eigen risico en de kraamzorguren (standaard en maximum), elk met "
            "de bron: de cijfers van het gevraagde jaar, of anders van het laatste eerdere "
            "jaar met cijfers (`year` zegt welk). Wie in meer dan één coalitie werkt, geeft "
            "de coalitie op met `coalition`."
        ),
        parameters=[
            OpenApiParameter(
                "year", OpenApiTypes.INT, OpenApiParameter.PATH, description="Het kalenderjaar."
            ),
            OpenApiParameter(
                "coalition", OpenApiTypes.INT, description="Id van de coalitie (bij meerdere)."
            ),
        ],
        responses={
            200: FinancingYearSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Geef de coalitie op."),
            403: NOT_ALLOWED,
            404: OpenApiResponse(ErrorSerializer, description="Geen cijfers tot dit jaar."),
        },
    )
    def get(self, request, year: int):
        coalition_id = self._coalition()
        figures = (
            FinancingYear.objects.filter(coalition_id=coalition_id, year__lte=year)
            .order_by("-year")
            .first()
        )
        if figures is None:
            raise exceptions.NotFound(_("Je coalitie heeft geen cijfers tot en met dit jaar."))
        serializer = self.get_serializer(figures, context={"requested_year": year})
        return Response(serializer.data)

    def _coalition(self) -> int:
        asked = self.request.query_params.get("coalition", "")
        if asked:
            if not (asked.isascii() and asked.isdigit()) or int(asked) not in self.rule_coalitions:
                raise exceptions.NotFound(_("Deze coalitie bestaat niet voor jou."))
            return int(asked)
        if len(self.rule_coalitions) > 1:
            raise exceptions.ValidationError(
                {"coalition": [_("Je werkt in meer dan één coalitie: geef de coalitie op.")]}
            )
        return next(iter(self.rule_coalitions))
