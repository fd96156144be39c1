"""The meetings a family can be submitted for, through the API: the choice of the page
"Aanmelden voor het MDO" (kansrijk/mdo/views_agenda.py `submit`). Submitting itself is
`POST /api/v1/mdo/meetings/{id}/items/` (kansrijk/mdo/api.py `MeetingItemsView`).

The page's rules:

- reading is a logged read of the family (`get_family_for_user`); to everyone without a
  ground the family does not exist (404 "niet gevonden of geen toegang"), coordinators,
  analysts and administrators included;
- only a member of the family's care team submits it: someone with another ground (who broke
  the glass, an MDO participant) gets 403, as on the page;
- the meetings are those of `selectors.meetings_open_for_submission`: upcoming meetings of
  active series that discuss families of the family's coalition, soonest first, with what the
  page's choice shows (the series, the moment, whether the agenda is still a draft).
"""

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import exceptions, generics, permissions, serializers

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.api import NOT_FOUND, PermissionsByMethodMixin
from kansrijk.families.models import CareTeamMember
from kansrijk.families.serializers import ErrorSerializer

from . import selectors
from .models import MdoMeeting
from .serializers import meeting_status_field

NOT_ON_CARE_TEAM = OpenApiResponse(
    ErrorSerializer, description="Alleen een lid van het zorgteam kan het gezin aanmelden."
)


class OpenMeetingSeriesSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class OpenMeetingSerializer(serializers.ModelSerializer):
    """An upcoming meeting the family can be submitted for. Needs `series` joined."""

    series = OpenMeetingSeriesSerializer()
    status = meeting_status_field()
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = MdoMeeting
        fields = ["id", "series", "starts_at", "status", "status_display"]
        read_only_fields = fields


@extend_schema(tags=["mdo"])
class FamilyOpenMeetingsView(PermissionsByMethodMixin, generics.ListAPIView):
    """The upcoming meetings a care-team member can submit the family for."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = OpenMeetingSerializer

    def get_queryset(self):
        """`meetings_open_for_submission` joins the series: a count and one select."""
        if getattr(self, "swagger_fake_view", False):
            return MdoMeeting.objects.none()
        user = self.request.user
        family = get_family_for_user(
            user,
            self.kwargs["pk"],
            AccessEvent.Action.READ,
            request=self.request,
            detail=_("Aanmelden voor het MDO"),
        )
        # The page's rule (views_agenda `_on_care_team`): the current care team only.
        if not CareTeamMember.objects.current().filter(family=family, professional=user).exists():
            raise exceptions.PermissionDenied(
                _("Alleen een lid van het zorgteam kan het gezin aanmelden.")
            )
        return selectors.meetings_open_for_submission(family)

    @extend_schema(
        summary="Overleggen om het gezin voor aan te melden",
        description=(
            "De komende MDO-overleggen waarvoor een lid van het zorgteam het gezin kan "
            "aanmelden, eerstvolgende eerst. Op een concept-agenda staat het gezin meteen op "
            "de agenda; is de agenda gepubliceerd, dan beslist de voorzitter. Aanmelden: "
            "`POST /api/v1/mdo/meetings/{id}/items/`."
        ),
        parameters=[
            OpenApiParameter(
                "id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="Nummer (id) van het gezin.",
            )
        ],
        responses={
            200: OpenMeetingSerializer(many=True),
            403: NOT_ON_CARE_TEAM,
            404: NOT_FOUND,
        },
        examples=[
            OpenApiExample(
                "Eén overleg",
                value=[
                    {
                        "id": 8,
                        "series": {"id": 2, "name": "MDO Kansrijke Start Eerstedorp"},
                        "starts_at": "2027-03-10T14:00:00+01:00",
                        "status": "draft",
                        "status_display": "Concept-agenda",
                    }
                ],
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path(
        "families/<int:pk>/mdo-meetings/",
        FamilyOpenMeetingsView.as_view(),
        name="family_mdo_meetings",
    ),
]
