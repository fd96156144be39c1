"""The coalition's administrative audit trail through the API, as on the page
(`views.audit_trail`): coordinators and administrators of the coalition read it (others 403),
newest first, filtered like the page (the kind of action, a period); another coalition is "not
found". Read-only: the trail is written by the services, never through the API.

The IP address of an event is not shown, as on the page.
"""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from kansrijk.core.models import AuditEvent

from . import selectors
from .api_admin_common import (
    COALITION,
    INVALID,
    MANAGER,
    MANAGERS_ONLY,
    TAG,
    ManageViewMixin,
    not_found,
    read_filters,
)
from .forms import AuditFilterForm

FILTERS = {"action": "actie", "from": "van", "to": "tot"}


class AuditEventSerializer(serializers.ModelSerializer):
    action = serializers.CharField(
        help_text="Soort handeling: `create`, `update`, `delete`, `login`, `logout`, "
        "`login_failed`, `security`, of een eigen soort van een app (zoals "
        "`route_step_saved`)."
    )
    action_display = serializers.CharField(source="get_action_display")
    actor = serializers.IntegerField(source="actor_id", allow_null=True)
    actor_name = serializers.SerializerMethodField(help_text="Leeg: het systeem.")

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "action",
            "action_display",
            "object_type",
            "object_id",
            "summary",
            "changes",
        ]

    def get_actor_name(self, event) -> str | None:
        return str(event.actor) if event.actor_id else None


EXAMPLE = {
    "id": 801,
    "at": "2026-11-20T09:12:44+01:00",
    "actor": 3,
    "actor_name": "Carla Coördinator",
    "action": "update",
    "action_display": "gewijzigd",
    "object_type": "organisations.Organisation",
    "object_id": "4",
    "summary": "Organisatie 'Verloskundigen Eerstedorp' gewijzigd",
    "changes": {"phone": ["010 1234567", "010 7654321"]},
}


@extend_schema(tags=[TAG])
class AuditTrailView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": MANAGER}
    serializer_class = AuditEventSerializer

    @extend_schema(
        operation_id="admin_audit_list",
        summary="Audittrail van de coalitie",
        description=(
            "Wie wat wanneer veranderde in het beheer van de coalitie, nieuwste eerst, per "
            "pagina van 50. Voor coördinatoren en beheerders."
        ),
        parameters=[
            COALITION,
            OpenApiParameter(
                "action",
                OpenApiTypes.STR,
                enum=list(AuditEvent.Action.values),
                description="Soort.",
            ),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Vanaf deze dag."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Tot en met deze dag."),
        ],
        responses={
            200: AuditEventSerializer(many=True),
            400: INVALID,
            403: MANAGERS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Wijziging", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        filters = read_filters(request, AuditFilterForm, FILTERS)
        # select_related("actor") in the selector: every row names who did it.
        events = selectors.audit_events_of_coalition(self.coalition())
        if filters["action"]:
            events = events.filter(action=filters["action"])
        if filters["from"]:
            events = events.filter(at__date__gte=filters["from"])
        if filters["to"]:
            events = events.filter(at__date__lte=filters["to"])
        page = self.paginate_queryset(events)
        return self.get_paginated_response(AuditEventSerializer(page, many=True).data)


urlpatterns = [path("admin/audit/", AuditTrailView.as_view(), name="admin_audit_list")]
