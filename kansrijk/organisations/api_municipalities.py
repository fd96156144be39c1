"""The municipalities of the caller's coalitions: `GET /api/v1/municipalities/`.

A client needs a municipality's id to open a family file (`POST /api/v1/families/`); this list
gives the ids of the municipalities it may use.

Who sees what: a municipality is coalition data, no family data. Everyone who works in a
coalition now as professional, coordinator or analyst sees the municipalities of that
coalition (as the social map, `kansrijk.socialmap.api_hsds.SeesTheMap`); a technical
administrator, who has no work in the coalition itself, gets 403, and so does someone without
a current membership.
"""

from django.db.models import Q, QuerySet
from django.urls import path
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers

from .models import Membership, Municipality

# One row; drf-spectacular shows it inside a page.
EXAMPLE = {
    "id": 1,
    "name": "Eerstedorp",
    "cbs_code": "GM9501",
    "coalition_id": 1,
    "coalition": "Kansrijke Start Eerstedorp",
}


class CoalitionMunicipalitySerializer(serializers.ModelSerializer):
    """A municipality with the coalition it belongs to."""

    coalition = serializers.CharField(source="coalition.name", help_text="Naam van de coalitie.")

    class Meta:
        model = Municipality
        fields = ["id", "name", "cbs_code", "coalition_id", "coalition"]


class WorksInTheCoalition(permissions.BasePermission):
    """Works in a coalition now as professional, coordinator or analyst. The coalitions are
    kept on the view (`coalition_ids`, one query) for its queryset."""

    message = gettext_lazy(
        "Alleen professionals, coördinatoren en analisten van een coalitie zien de gemeenten."
    )

    def has_permission(self, request, view) -> bool:
        view.coalition_ids = set(
            Membership.objects.current()
            .filter(professional=request.user)
            .filter(Q(is_professional=True) | Q(is_coordinator=True) | Q(is_analyst=True))
            .values_list("coalition_id", flat=True)
        )
        return bool(view.coalition_ids)


@extend_schema(tags=["organisaties"])
class MunicipalityListView(generics.ListAPIView):
    """The municipalities of the caller's coalitions, by name."""

    permission_classes = [permissions.IsAuthenticated, WorksInTheCoalition]
    serializer_class = CoalitionMunicipalitySerializer
    coalition_ids: set[int] = set()

    def get_queryset(self) -> QuerySet[Municipality]:
        # `coalition` joined: every row names its coalition (one query per page).
        return (
            Municipality.objects.filter(coalition_id__in=self.coalition_ids)
            .select_related("coalition")
            .order_by("name", "id")
        )

    @extend_schema(
        summary="Gemeenten van je coalities",
        description=(
            "De gemeenten van de coalities waarin je nu werkt als professional, coördinator "
            "of analist, op naam, per pagina van 50. Het `id` gebruik je als `municipality` "
            "bij `POST /api/v1/families/`; `cbs_code` is de CBS-code (GM gevolgd door vier "
            "cijfers). Beheerders zonder andere rol krijgen 403."
        ),
        responses={
            200: OpenApiResponse(
                CoalitionMunicipalitySerializer(many=True),
                description="Een pagina gemeenten.",
                examples=[OpenApiExample("Eerstedorp", value=EXAMPLE)],
            ),
            403: OpenApiResponse(
                description="Geen professional, coördinator of analist van een coalitie."
            ),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# Included by kansrijk/api_urls.py under the `api` namespace.
urlpatterns = [
    path("municipalities/", MunicipalityListView.as_view(), name="municipality_list"),
]
