"""A family's timeline and the history of its family data, through the API.

The pages' rules (kansrijk/families/views_people.py `timeline`, kansrijk/families/views.py
`family_history`), through the same policy:

- both are reads of the family: `get_family_for_user` writes the NEN 7513 read event and
  answers 404 "niet gevonden of geen toegang" to everyone without a ground, coordinators,
  analysts and administrators included (policy rules 3 and 4);
- they show what the pages show and no more: the timeline's events (when, what, the summary,
  the changes as the services wrote them, with a BSN only masked; who), and per kept version
  of the family who changed what, from which value to which. The full snapshot of a version
  stays out, as on the page;
- both are paginated (`?page=`), newest first; the timeline can be narrowed to one kind of
  event (`?kind=`), as the page's filter.
"""

from django.core.exceptions import FieldDoesNotExist
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, permissions, serializers
from rest_framework.pagination import PageNumberPagination

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user

from .api import NOT_FOUND, PermissionsByMethodMixin
from .models import Family, FamilyVersion, TimelineEvent, timeline_kinds
from .selectors import family_versions
from .serializers import ErrorSerializer

Action = AccessEvent.Action
TAG = "gezinnen"
PAGE_SIZE = 50  # as the timeline page

FAMILY_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van het gezin."
)
KIND_PARAMETER = OpenApiParameter(
    "kind",
    OpenApiTypes.STR,
    description="Alleen gebeurtenissen van deze soort (zie `kind` in de antwoorden).",
)


class TimelinePagination(PageNumberPagination):
    page_size = PAGE_SIZE


# --- Serializers ----------------------------------------------------------------------------


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username


CHANGES_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {}},
    "description": "Per veld de oude en de nieuwe waarde (een BSN alleen gemaskeerd).",
}


@extend_schema_field(CHANGES_SCHEMA)
class ChangesField(serializers.JSONField):
    """Field → [old, new], as the service wrote it."""


class TimelineEventSerializer(serializers.ModelSerializer):
    """One event on the family's file. Needs `actor` joined."""

    kind_label = serializers.CharField(help_text=gettext_lazy("De soort, in woorden."))
    changes = ChangesField()
    actor = serializers.SerializerMethodField(
        help_text=gettext_lazy("Wie het deed; leeg als het systeem het deed.")
    )

    class Meta:
        model = TimelineEvent
        fields = ["id", "at", "kind", "kind_label", "summary", "changes", "actor"]
        read_only_fields = fields

    def get_actor(self, event: TimelineEvent) -> str | None:
        return _name(event.actor)


class FamilyChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text=gettext_lazy("De naam van het veld."))
    label = serializers.CharField(help_text=gettext_lazy("Het veld, in woorden."))
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class FamilyVersionSerializer(serializers.ModelSerializer):
    """One kept version of the family's data: who changed what. Needs `changed_by` joined."""

    changed_by = serializers.SerializerMethodField()
    changes = serializers.SerializerMethodField(
        help_text=gettext_lazy("Wat er veranderde; leeg bij versie 1 (dossier aangemaakt).")
    )

    class Meta:
        model = FamilyVersion
        fields = ["version", "changed_at", "changed_by", "changes"]
        read_only_fields = fields

    def get_changed_by(self, version: FamilyVersion) -> str:
        return _name(version.changed_by)

    @extend_schema_field(FamilyChangeSerializer(many=True))
    def get_changes(self, version: FamilyVersion) -> list[dict]:
        return [
            {"field": name, "label": _label(name), "old": old, "new": new}
            for name, (old, new) in version.changes.items()
        ]


def _label(name: str) -> str:
    try:
        return str(capfirst(Family._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:  # a field removed since the version was kept
        return name


# --- Views ----------------------------------------------------------------------------------


def _read(request, pk, detail: str) -> Family:
    return get_family_for_user(request.user, pk, Action.READ, request=request, detail=detail)


@extend_schema(tags=[TAG])
class FamilyTimelineView(PermissionsByMethodMixin, generics.ListAPIView):
    """Every event on the family's file, newest first, as the timeline page."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = TimelineEventSerializer
    pagination_class = TimelinePagination

    def _kind(self) -> str:
        kind = self.request.query_params.get("kind", "")
        if kind and kind not in dict(timeline_kinds()):
            raise serializers.ValidationError({"kind": [_("Deze soort gebeurtenis bestaat niet.")]})
        return kind

    def get_queryset(self):
        """The granted family's events; `actor` joined, so a page costs a count and one
        select however many rows (the (family, -at, -id) index serves it)."""
        if getattr(self, "swagger_fake_view", False):
            return TimelineEvent.objects.none()
        kind = self._kind()  # bad input before the read is logged
        family = _read(self.request, self.kwargs["pk"], _("Tijdlijn ingezien via de API"))
        events = family.timeline_events.select_related("actor").order_by("-at", "-id")
        return events.filter(kind=kind) if kind else events

    @extend_schema(
        summary="Tijdlijn van een gezin",
        description=(
            "Elke gebeurtenis in het dossier, nieuwste eerst, zoals de tijdlijnpagina: "
            "wanneer, wat, een omschrijving, de wijzigingen en door wie. Met `kind` alleen "
            "één soort. Per pagina 50."
        ),
        parameters=[FAMILY_PARAMETER, KIND_PARAMETER],
        responses={
            200: TimelineEventSerializer(many=True),
            400: OpenApiResponse(ErrorSerializer, description="Deze soort bestaat niet."),
            404: NOT_FOUND,
        },
        examples=[
            OpenApiExample(
                "Gezinsgegevens gewijzigd",
                value={
                    "id": 812,
                    "at": "2026-03-02T10:15:00+01:00",
                    "kind": "family_changed",
                    "kind_label": "Gezinsgegevens gewijzigd",
                    "summary": "Postcode gewijzigd",
                    "changes": {"postcode": ["1234 AB", "1234 AC"]},
                    "actor": "Sanne de Vries",
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=[TAG])
class FamilyHistoryView(PermissionsByMethodMixin, generics.ListAPIView):
    """Every kept version of the family's data, newest first, as the history page."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = FamilyVersionSerializer
    pagination_class = TimelinePagination

    def get_queryset(self):
        """`family_versions` joins who made each version: one select for the page."""
        if getattr(self, "swagger_fake_view", False):
            return FamilyVersion.objects.none()
        family = _read(
            self.request, self.kwargs["pk"], _("Wijzigingsgeschiedenis bekeken via de API")
        )
        return family_versions(family)

    @extend_schema(
        summary="Wijzigingsgeschiedenis van een gezin",
        description=(
            "Elke wijziging van de gezinsgegevens bewaart de vorige versie. Per versie wie "
            "wat veranderde, van welke waarde naar welke; nieuwste versie eerst."
        ),
        parameters=[FAMILY_PARAMETER],
        responses={200: FamilyVersionSerializer(many=True), 404: NOT_FOUND},
        examples=[
            OpenApiExample(
                "Postcode gewijzigd",
                value={
                    "version": 2,
                    "changed_at": "2026-03-02T10:15:00+01:00",
                    "changed_by": "Sanne de Vries",
                    "changes": [
                        {
                            "field": "postcode",
                            "label": "Postcode",
                            "old": "1234 AB",
                            "new": "1234 AC",
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("families/<int:pk>/timeline/", FamilyTimelineView.as_view(), name="family_timeline"),
    path("families/<int:pk>/history/", FamilyHistoryView.as_view(), name="family_history"),
]
