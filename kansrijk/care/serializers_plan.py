"""Serializers of the plan API (1Gezin1Plan): they parse and render, the services validate
and write (`kansrijk.care.services_plan`, `kansrijk.care.services`).

The write serializers check types only, with the pages' Dutch messages where a field is
missing or of the wrong kind; every rule (a closed file, a date in the future, an owner off
the care team, a score outside 0 to 10) is checked by the services, with the same Dutch messages
as the pages. The safety plan is not part of this API.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField

from .models import (
    PLAN_TASK_SOURCE,
    Concern,
    Goal,
    GoalStatus,
    HealthDimension,
    HealthScore,
    PlanDiscussion,
    PlanVersion,
    Task,
    TaskStatus,
)
from .selectors import PlanOverview

# --- Choice sets as named schema components ------------------------------------------------


def dimension_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(HealthDimension.choices, enum_name="HealthDimensionEnum", **kwargs)


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username


# --- Reading --------------------------------------------------------------------------------


class ConcernSerializer(serializers.ModelSerializer):
    """A concern (zorgpunt); `position` 1 is the most important open concern."""

    class Meta:
        model = Concern
        fields = ["id", "position", "text", "created_at", "resolved_at"]


class GoalSerializer(serializers.ModelSerializer):
    """A goal of the plan on one dimension of Positive Health."""

    dimension = dimension_field()
    dimension_display = serializers.CharField(source="get_dimension_display")
    status = NamedChoiceField(GoalStatus.choices, enum_name="GoalStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    version = serializers.IntegerField(
        help_text=_("Geef deze versie mee bij een wijziging (versiecontrole).")
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "text",
            "dimension",
            "dimension_display",
            "target_date",
            "status",
            "status_display",
            "version",
            "created_at",
            "closed_at",
        ]


class HealthScoresSerializer(serializers.Serializer):
    """The six dimensions of Positive Health, each a whole number from 0 to 10."""

    bodily_functions = serializers.IntegerField(help_text=HealthDimension.BODILY_FUNCTIONS.label)
    mental_wellbeing = serializers.IntegerField(help_text=HealthDimension.MENTAL_WELLBEING.label)
    meaningfulness = serializers.IntegerField(help_text=HealthDimension.MEANINGFULNESS.label)
    quality_of_life = serializers.IntegerField(help_text=HealthDimension.QUALITY_OF_LIFE.label)
    participation = serializers.IntegerField(help_text=HealthDimension.PARTICIPATION.label)
    daily_functioning = serializers.IntegerField(help_text=HealthDimension.DAILY_FUNCTIONING.label)


class HealthScoreSerializer(serializers.ModelSerializer):
    """One moment at which the family scored itself on the six dimensions."""

    scores = HealthScoresSerializer(source="*")

    class Meta:
        model = HealthScore
        fields = ["id", "measured_on", "respondent", "scores", "recorded_at"]


class TaskSerializer(serializers.ModelSerializer):
    """A task of a family. Needs `owner` and `owner_organisation` joined.

    `overdue`: open and past its due date (today from the serializer's context).
    `goal`: the plan's goal an agreed action belongs to, if any.
    """

    status = NamedChoiceField(TaskStatus.choices, enum_name="TaskStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    overdue = serializers.SerializerMethodField()
    owner_name = serializers.SerializerMethodField()
    owner_organisation_name = serializers.SerializerMethodField()
    owner_label = serializers.CharField(
        help_text=_("De eigenaar: een professional, anders de organisatie.")
    )
    goal = serializers.SerializerMethodField(
        help_text=_("Het doel van het plan waar deze afgesproken actie bij hoort.")
    )

    class Meta:
        model = Task
        fields = [
            "id",
            "title",
            "description",
            "status",
            "status_display",
            "due_date",
            "overdue",
            "priority",
            "owner",
            "owner_name",
            "owner_organisation",
            "owner_organisation_name",
            "owner_label",
            "source",
            "goal",
            "created_at",
            "completed_at",
        ]

    def _today(self) -> date:
        if "today" not in self.context:
            self.context["today"] = timezone.localdate()
        return self.context["today"]

    def get_overdue(self, task: Task) -> bool:
        return task.is_overdue(self._today())

    def get_owner_name(self, task: Task) -> str | None:
        return _name(task.owner)

    def get_owner_organisation_name(self, task: Task) -> str | None:
        return task.owner_organisation.name if task.owner_organisation_id else None

    def get_goal(self, task: Task) -> int | None:
        if task.source == PLAN_TASK_SOURCE and task.source_id.isdigit():
            return int(task.source_id)
        return None


class PlanDiscussionSerializer(serializers.ModelSerializer):
    """A talk with the family about the plan. Needs `recorded_by` joined."""

    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = PlanDiscussion
        fields = ["id", "discussed_on", "with_whom", "note", "recorded_by", "recorded_at"]

    def get_recorded_by(self, discussion: PlanDiscussion) -> str:
        return _name(discussion.recorded_by)


class PlanTextSerializer(serializers.Serializer):
    """The plan's own text."""

    strengths = serializers.CharField(
        allow_blank=True, help_text=_("Wat gaat goed: de krachten van het gezin.")
    )
    own_contribution = serializers.CharField(
        allow_blank=True, help_text=_("Wat doet het gezin zelf (of met familie en vrienden).")
    )
    support_needed = serializers.CharField(
        allow_blank=True,
        help_text=_("Welke ondersteuning het gezin van professionals nodig heeft."),
    )


class PlanSerializer(serializers.Serializer):
    """The family's one plan (`selectors.care_plan_overview`)."""

    family = serializers.IntegerField(source="family.pk")
    reference = serializers.CharField(source="family.reference")
    version = serializers.SerializerMethodField(
        help_text=_(
            "Versie van de tekst van het plan; 0 zolang er nog geen plan is. Geef deze mee "
            "bij een wijziging."
        )
    )
    text = serializers.SerializerMethodField()
    updated_at = serializers.SerializerMethodField()
    updated_by = serializers.SerializerMethodField()
    discussed = serializers.SerializerMethodField(
        help_text=_("Het laatste gesprek met het gezin over het plan; leeg als dat er nog niet is.")
    )
    changed_since_discussion = serializers.BooleanField(
        help_text=_("De tekst is gewijzigd nadat het gezin het plan het laatst besprak.")
    )
    concerns = ConcernSerializer(many=True, help_text=_("De open zorgpunten, belangrijkste eerst."))
    goals = GoalSerializer(many=True, help_text=_("De doelen, lopende eerst."))
    first_health_score = HealthScoreSerializer(
        source="first_score", allow_null=True, help_text=_("De eerste scores van het gezin.")
    )
    latest_health_score = HealthScoreSerializer(
        source="latest_score",
        allow_null=True,
        help_text=_("De laatste scores; leeg zolang er maar één moment is."),
    )
    actions = TaskSerializer(many=True, help_text=_("De afgesproken acties, open eerst."))

    def get_version(self, overview: PlanOverview) -> int:
        return overview.plan.version if overview.plan is not None else 0

    @extend_schema_field(PlanTextSerializer)
    def get_text(self, overview: PlanOverview) -> dict:
        if overview.plan is None:
            return {"strengths": "", "own_contribution": "", "support_needed": ""}
        return overview.plan.snapshot()

    def get_updated_at(self, overview: PlanOverview) -> datetime | None:
        return overview.plan.updated_at if overview.plan is not None else None

    def get_updated_by(self, overview: PlanOverview) -> str | None:
        return _name(overview.plan.updated_by) if overview.plan is not None else None

    @extend_schema_field(PlanDiscussionSerializer(allow_null=True))
    def get_discussed(self, overview: PlanOverview) -> dict | None:
        if overview.discussion is None:
            return None
        return PlanDiscussionSerializer(overview.discussion).data


class PlanVersionSerializer(serializers.ModelSerializer):
    """A kept version of the plan's text. Needs `changed_by` joined."""

    text = PlanTextSerializer(source="snapshot")
    changes = serializers.SerializerMethodField(help_text=_("Per gewijzigd veld: [oud, nieuw]."))
    changed_by = serializers.SerializerMethodField()

    class Meta:
        model = PlanVersion
        fields = ["version", "text", "changes", "changed_by", "changed_at"]

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 2,
                "maxItems": 2,
            },
        }
    )
    def get_changes(self, version: PlanVersion) -> dict:
        return version.changes

    def get_changed_by(self, version: PlanVersion) -> str:
        return _name(version.changed_by)


class PlanVersionConflictSerializer(serializers.Serializer):
    """Body of HTTP 409: both versions, so the client can show them side by side."""

    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    current = serializers.DictField(help_text=_("Wat nu is opgeslagen."))
    submitted = serializers.DictField(help_text=_("De ingestuurde wijzigingen."))


# --- Writing --------------------------------------------------------------------------------


def _version_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        error_messages={
            "required": _("Geef de versie mee waarop de wijziging is gebaseerd."),
            "invalid": _("Geef de versie als geheel getal."),
        },
        **kwargs,
    )


class CarePlanUpdateSerializer(serializers.Serializer):
    """The plan's text. PUT sends all three; PATCH only what changes (the rest stays)."""

    version = _version_field(
        help_text=_(
            "De versie waarop de wijziging is gebaseerd; 0 maakt het plan. Is het plan "
            "intussen gewijzigd, dan volgt HTTP 409 met de opgeslagen en de ingestuurde tekst."
        )
    )
    strengths = serializers.CharField(allow_blank=True, help_text=_("Wat gaat goed."))
    own_contribution = serializers.CharField(
        allow_blank=True, help_text=_("Wat doet het gezin zelf.")
    )
    support_needed = serializers.CharField(
        allow_blank=True, help_text=_("Welke ondersteuning is nodig.")
    )


class PlanDiscussedSerializer(serializers.Serializer):
    discussed_on = serializers.DateField(
        error_messages={
            "required": _("Vul de datum van het gesprek in."),
            "null": _("Vul de datum van het gesprek in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 2027-03-03."),
        },
        help_text=_("Datum van het gesprek; niet in de toekomst."),
    )
    with_whom = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Bijvoorbeeld: moeder en partner."),
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Wat vond het gezin ervan.")
    )


class ConcernCreateSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text=_("Kort, in de woorden van het gezin (hoogstens 300 tekens). Komt onderaan."),
        error_messages={
            "required": _("Beschrijf het zorgpunt."),
            "blank": _("Beschrijf het zorgpunt."),
        },
    )


class ConcernMoveSerializer(serializers.Serializer):
    direction = NamedChoiceField(
        [("up", _("Omhoog")), ("down", _("Omlaag"))],
        enum_name="ConcernDirectionEnum",
        error_messages={
            "required": _("Kies of het zorgpunt omhoog of omlaag moet."),
            "invalid_choice": _("Kies of het zorgpunt omhoog of omlaag moet."),
        },
        help_text=_("up: een plaats belangrijker; down: een plaats minder belangrijk."),
    )


_GOAL_TEXT_MESSAGES = {
    "required": _("Beschrijf het doel in de woorden van het gezin."),
    "blank": _("Beschrijf het doel in de woorden van het gezin."),
}
_DIMENSION_MESSAGES = {
    "required": _("Kies bij welke dimensie van Positieve Gezondheid het doel hoort."),
    "invalid_choice": _("Kies bij welke dimensie van Positieve Gezondheid het doel hoort."),
}
_TARGET_DATE_MESSAGES = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 2027-06-01.")}


class GoalCreateSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text=_("Wat wil het gezin bereiken, in hun eigen woorden (hoogstens 300 tekens)."),
        error_messages=_GOAL_TEXT_MESSAGES,
    )
    dimension = dimension_field(error_messages=_DIMENSION_MESSAGES)
    target_date = serializers.DateField(
        required=False,
        allow_null=True,
        error_messages=_TARGET_DATE_MESSAGES,
        help_text=_("Streefdatum; niet in het verleden."),
    )


class GoalUpdateSerializer(serializers.Serializer):
    """Only what changes; `version` is required (versiecontrole)."""

    version = _version_field(
        help_text=_(
            "De versie van het doel waarop de wijziging is gebaseerd. Is het doel intussen "
            "gewijzigd, dan volgt HTTP 409 met de opgeslagen en de ingestuurde waarden."
        )
    )
    text = serializers.CharField(required=False, error_messages=_GOAL_TEXT_MESSAGES)
    dimension = dimension_field(required=False, error_messages=_DIMENSION_MESSAGES)
    target_date = serializers.DateField(
        required=False, allow_null=True, error_messages=_TARGET_DATE_MESSAGES
    )


class GoalCloseSerializer(serializers.Serializer):
    status = NamedChoiceField(
        [(GoalStatus.ACHIEVED.value, _("Behaald")), (GoalStatus.STOPPED.value, _("Gestopt"))],
        enum_name="GoalOutcomeEnum",
        error_messages={
            "required": _("Kies of het doel behaald is of gestopt."),
            "invalid_choice": _("Kies of het doel behaald is of gestopt."),
        },
    )


def _score_field(dimension: HealthDimension) -> serializers.IntegerField:
    # Whether the score lies from 0 to 10 is the service's rule (its message names the
    # dimension); here only that it is there and a whole number.
    return serializers.IntegerField(
        help_text=dimension.label,
        error_messages={
            "required": _("Vul een score in voor %(dimension)s (0 tot en met 10).")
            % {"dimension": dimension.label},
            "null": _("Vul een score in voor %(dimension)s (0 tot en met 10).")
            % {"dimension": dimension.label},
            "invalid": _("Een score is een heel getal van 0 tot en met 10 (%(dimension)s).")
            % {"dimension": dimension.label},
        },
    )


class HealthScoresWriteSerializer(serializers.Serializer):
    """A score from 0 to 10 for each of the six dimensions."""

    bodily_functions = _score_field(HealthDimension.BODILY_FUNCTIONS)
    mental_wellbeing = _score_field(HealthDimension.MENTAL_WELLBEING)
    meaningfulness = _score_field(HealthDimension.MEANINGFULNESS)
    quality_of_life = _score_field(HealthDimension.QUALITY_OF_LIFE)
    participation = _score_field(HealthDimension.PARTICIPATION)
    daily_functioning = _score_field(HealthDimension.DAILY_FUNCTIONING)


_DATE_MESSAGE = _("Vul een geldige datum in, bijvoorbeeld 2027-03-03.")


class HealthScoreCreateSerializer(serializers.Serializer):
    measured_on = serializers.DateField(
        error_messages={
            "required": _("Vul de datum in waarop het gezin de scores gaf."),
            "null": _("Vul de datum in waarop het gezin de scores gaf."),
            "invalid": _DATE_MESSAGE,
        },
        help_text=_("De datum waarop het gezin de scores gaf; niet in de toekomst."),
    )
    respondent = serializers.CharField(
        max_length=120,
        error_messages={
            "required": _("Vul in wie van het gezin de scores gaf."),
            "blank": _("Vul in wie van het gezin de scores gaf."),
            "max_length": _("Houd het kort: hoogstens 120 tekens."),
        },
        help_text=_("Wie van het gezin de scores gaf (de scores zijn van het gezin zelf)."),
    )
    scores = HealthScoresWriteSerializer(help_text=_("Een score van 0 tot en met 10 per dimensie."))


class TaskCreateSerializer(serializers.Serializer):
    """An agreed action of the plan: a task for a current care-team member, with a date."""

    title = serializers.CharField(
        help_text=_("Wat er gedaan wordt (hoogstens 200 tekens)."),
        error_messages={
            "required": _("Beschrijf wat er gedaan wordt."),
            "blank": _("Beschrijf wat er gedaan wordt."),
        },
    )
    owner = serializers.IntegerField(
        error_messages={
            "required": _("Kies wie de actie uitvoert."),
            "null": _("Kies wie de actie uitvoert."),
            "invalid": _("Geef het nummer (id) van een lid van het zorgteam."),
        },
        help_text=_("Nummer (id) van de professional die de actie uitvoert; nu in het zorgteam."),
    )
    due_date = serializers.DateField(
        error_messages={
            "required": _("Vul in wanneer de actie uiterlijk klaar is."),
            "null": _("Vul in wanneer de actie uiterlijk klaar is."),
            "invalid": _DATE_MESSAGE,
        },
        help_text=_("Uiterlijk klaar op; niet in het verleden."),
    )
    goal = serializers.IntegerField(
        required=False,
        allow_null=True,
        error_messages={"invalid": _("Geef het nummer (id) van een lopend doel.")},
        help_text=_("Nummer (id) van een lopend doel van het plan, als de actie daarbij hoort."),
    )
