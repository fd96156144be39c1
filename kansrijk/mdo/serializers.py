"""Serializers of the MDO API: they parse and render; the services validate and write.

An agenda item is rendered from `selectors.AgendaRow`, never from the family: the family's
id and reference appear only when the row is *identified* (named, with the family's consent
for named discussion in force, and the caller may see the family now); every other item
carries the anonymous summary only (age band, phase, level, route).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.phases import PhaseCode
from kansrijk.organisations.models import Discipline
from kansrijk.signaling.levels import Level

from .models import (
    DecisionKind,
    ItemSource,
    ItemStatus,
    MeetingStatus,
    ParticipantRole,
    Recurrence,
)
from .selectors import AgendaRow


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username


def role_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(ParticipantRole.choices, enum_name="MdoRoleEnum", **kwargs)


def meeting_status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(MeetingStatus.choices, enum_name="MdoMeetingStatusEnum", **kwargs)


class CoalitionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ParticipantSerializer(serializers.Serializer):
    """A participant: the professional, through one membership (organisation, discipline)."""

    professional = serializers.IntegerField(source="professional_id")
    name = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="membership.organisation.name")
    discipline = serializers.SerializerMethodField()
    role = role_field()
    role_display = serializers.CharField(source="get_role_display")

    def get_name(self, participant) -> str:
        return _name(participant.professional)

    def get_discipline(self, participant) -> str:
        value = participant.membership.discipline
        return str(Discipline(value).label) if value in Discipline.values else value


class MeetingParticipantSerializer(ParticipantSerializer):
    attended = serializers.BooleanField(
        allow_null=True, help_text=_("Aanwezig; leeg zolang de aanwezigheid niet is vastgelegd.")
    )


class SeriesSerializer(serializers.Serializer):
    """A series as listed. Needs `coalition` joined and `served_coalitions` prefetched; the
    view annotates `my_role` (the caller's standing role, or none) and `manages`."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    coalition = CoalitionRefSerializer()
    served_coalitions = serializers.SerializerMethodField(
        help_text=_("Coalities waarvan dit MDO ook gezinnen bespreekt (een regionaal MDO).")
    )
    recurrence = NamedChoiceField(Recurrence.choices, enum_name="MdoRecurrenceEnum")
    recurrence_display = serializers.CharField(source="get_recurrence_display")
    default_place = serializers.CharField()
    default_video_link = serializers.CharField()
    access_days = serializers.IntegerField(
        help_text=_("Zo lang na het overleg kunnen deelnemers dossiers met naam inzien.")
    )
    is_active = serializers.BooleanField()
    my_role = role_field(allow_null=True, help_text=_("Jouw vaste rol; leeg als je er geen hebt."))
    manages = serializers.BooleanField(
        help_text=_("Jij beheert dit MDO (coördinator van de coalitie, voorzitter of notulist).")
    )

    @extend_schema_field(CoalitionRefSerializer(many=True))
    def get_served_coalitions(self, series) -> list[dict]:
        return [{"id": c.pk, "name": c.name} for c in series.served_coalitions.all()]


class SeriesDetailSerializer(SeriesSerializer):
    participants = serializers.SerializerMethodField()

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, series) -> list[dict]:
        return ParticipantSerializer(self.context["participants"], many=True).data


class MeetingSerializer(serializers.Serializer):
    """A meeting as listed; `item_count` is annotated (items on the agenda)."""

    id = serializers.IntegerField()
    series = serializers.IntegerField(source="series_id")
    starts_at = serializers.DateTimeField()
    place = serializers.CharField()
    video_link = serializers.CharField()
    status = meeting_status_field()
    status_display = serializers.CharField(source="get_status_display")
    published_at = serializers.DateTimeField(allow_null=True)
    held_at = serializers.DateTimeField(allow_null=True)
    finalised_at = serializers.DateTimeField(allow_null=True)
    access_until = serializers.DateTimeField(
        allow_null=True,
        help_text=_("Tot dan kunnen deelnemers de dossiers van gezinnen met naam inzien."),
    )
    version = serializers.IntegerField(
        help_text=_("Stuur deze mee bij een statuswijziging; bij een oude versie volgt HTTP 409.")
    )
    item_count = serializers.IntegerField(help_text=_("Aantal gezinnen op de agenda."))


class SummaryPhaseSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=PhaseCode.choices)
    label = serializers.CharField()


class SummaryLevelSerializer(serializers.Serializer):
    code = NamedChoiceField(Level.choices, enum_name="MdoLevelEnum")
    label = serializers.CharField()


class ItemSummarySerializer(serializers.Serializer):
    """The anonymous summary: nothing that identifies the family."""

    age_band = serializers.CharField(help_text=_("Leeftijd van de cliënt, in een ruime band."))
    phase = SummaryPhaseSerializer(allow_null=True)
    level = SummaryLevelSerializer(allow_null=True, help_text=_("Laatste uitkomst."))
    route = serializers.IntegerField(allow_null=True, help_text=_("Huidige route (1, 2 of 3)."))


class AgendaItemSerializer(serializers.Serializer):
    """One agenda item as the caller may see it (a `selectors.AgendaRow`)."""

    id = serializers.IntegerField()
    position = serializers.IntegerField()
    status = NamedChoiceField(ItemStatus.choices, enum_name="MdoItemStatusEnum")
    source = NamedChoiceField(ItemSource.choices, enum_name="MdoItemSourceEnum")
    urgent = serializers.BooleanField()
    question = serializers.CharField(help_text=_("De vraag van het zorgteam aan het MDO."))
    named = serializers.BooleanField(
        help_text=_("Het gezin heeft toestemming gegeven voor bespreking met naam.")
    )
    identified = serializers.BooleanField(
        help_text=_(
            "Met naam én jij mag het dossier nu inzien: alleen dan staan `family` en "
            "`family_reference` erbij."
        )
    )
    family = serializers.IntegerField(allow_null=True)
    family_reference = serializers.CharField(allow_null=True)
    summary = ItemSummarySerializer()
    discussed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()

    def to_representation(self, row: AgendaRow) -> dict:
        item = row.item
        return {
            "id": item.pk,
            "position": item.position,
            "status": item.status,
            "source": item.source,
            "urgent": item.urgent,
            "question": item.question,
            "named": bool(row.named),
            "identified": row.identified,
            "family": item.family_id if row.identified else None,
            "family_reference": row.reference if row.identified else None,
            "summary": {
                "age_band": str(row.age_band),
                "phase": (
                    {"code": row.phase.code.value, "label": str(row.phase.label)}
                    if row.phase
                    else None
                ),
                "level": (
                    {"code": row.level.value, "label": str(row.level.label)} if row.level else None
                ),
                "route": int(row.route) if row.route else None,
            },
            "discussed_at": (
                serializers.DateTimeField().to_representation(item.discussed_at)
                if item.discussed_at
                else None
            ),
            "version": item.version,
        }


class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with its participants and agenda; `participants` and `items` come from the
    context (loaded by the view with a fixed number of queries)."""

    series_name = serializers.CharField(source="series.name")
    manages = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField(
        help_text=_(
            "De agenda. Voor wie het overleg beheert ook de kandidaten en de van de agenda "
            "gehaalde punten."
        )
    )

    def get_manages(self, meeting) -> bool:
        return self.context["manages"]

    @extend_schema_field(MeetingParticipantSerializer(many=True))
    def get_participants(self, meeting) -> list[dict]:
        return MeetingParticipantSerializer(self.context["participants"], many=True).data

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_items(self, meeting) -> list[dict]:
        return AgendaItemSerializer(self.context["rows"], many=True).data


class ItemSubmitSerializer(serializers.Serializer):
    family = serializers.IntegerField(help_text=_("Nummer (id) van het gezin."))
    question = serializers.CharField(
        allow_blank=True, help_text=_("Wat het zorgteam aan het MDO vraagt.")
    )


class MeetingTransitionSerializer(serializers.Serializer):
    status = meeting_status_field(help_text=_("De nieuwe status."))
    version = serializers.IntegerField(help_text=_("De versie van het overleg die je las."))


class MeetingConflictSerializer(serializers.Serializer):
    """Body of HTTP 409: the meeting changed since the client read it."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    current_status = meeting_status_field()


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    """A decision of the MDO; needs `professional`, `organisation` and `decided_by` joined."""

    id = serializers.IntegerField()
    kind = NamedChoiceField(DecisionKind.choices, enum_name="MdoDecisionKindEnum")
    kind_display = serializers.CharField(source="get_kind_display")
    text = serializers.CharField()
    route = serializers.IntegerField(allow_null=True)
    professional = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    discipline = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    review_date = serializers.DateField(allow_null=True)
    task = serializers.IntegerField(source="task_id", allow_null=True)
    handover = serializers.IntegerField(source="handover_id", allow_null=True)
    decided_by = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField()

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_professional(self, decision) -> dict | None:
        person = decision.professional
        return {"id": person.pk, "name": _name(person)} if person else None

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_organisation(self, decision) -> dict | None:
        organisation = decision.organisation
        return {"id": organisation.pk, "name": organisation.name} if organisation else None

    @extend_schema_field(PersonRefSerializer)
    def get_decided_by(self, decision) -> dict:
        return {"id": decision.decided_by_id, "name": _name(decision.decided_by)}


class DecisionCreateSerializer(serializers.Serializer):
    """Only types and choices; the rules per kind are `services_decisions.decision_record`'s."""

    kind = NamedChoiceField(DecisionKind.choices, enum_name="MdoDecisionKindEnum")
    text = serializers.CharField(required=False, allow_blank=True, default="")
    route = serializers.IntegerField(required=False, allow_null=True, default=None)
    professional = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_("Nummer (id) van de persoon.")
    )
    organisation = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Nummer (id) van de organisatie."),
    )
    discipline = serializers.CharField(required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    review_date = serializers.DateField(required=False, allow_null=True, default=None)
