"""The family financing API: who pays for what for one family, as on its page.

Access as the other family endpoints (`kansrijk.families.api`, `kansrijk.care.api_plan`):
logged in, and the family only through the access policy (`get_family_for_user`, which
writes the NEN 7513 read event and answers 404 "niet gevonden of geen toegang" for a family
that does not exist and for one the caller may not see alike). Coordinators, analysts and
administrators have no ground on their role, so they get that 404 too.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin

from . import selectors_family
from .serializers_family import FamilyFinancingSerializer

FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
YEAR_PARAMETER = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    description=(
        "Het kalenderjaar (standaard dit jaar). Zonder cijfers voor dat jaar gelden die van het "
        "laatste eerdere jaar met cijfers (`figures_year`)."
    ),
)


@extend_schema(tags=["financiering"])
class FamilyFinancingView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Who pays for what for a family."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = FamilyFinancingSerializer
    pagination_class = None

    @extend_schema(
        summary="Wie betaalt wat voor dit gezin",
        description=(
            "Per zorgverlener in het zorgteam, per lopende verwijzing en voor de kraamzorg: "
            "de wet en wie betaalt, of het eigen risico meetelt, de eigen bijdrage van het "
            "gezin, de uitzonderingen van de polis van het gezin, de regelingen van de gemeente "
            "om kosten terug te vragen en een uitleg in gewone woorden; daarnaast het geschatte "
            "totaal voor het jaar en, als het gezin een tolk nodig heeft, wie de tolk betaalt."
        ),
        parameters=[FAMILY_PARAMETER, YEAR_PARAMETER],
        responses={200: FamilyFinancingSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        family = get_family_for_user(
            request.user,
            pk,
            AccessEvent.Action.READ,
            request=request,
            detail=_("Financiering ingezien via de API"),
        )
        year = selectors_family.requested_year(request.query_params.get("year"))
        financing = selectors_family.family_financing(family, year=year)
        return Response(FamilyFinancingSerializer(financing, context={"family": family}).data)
