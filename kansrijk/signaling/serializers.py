"""Serializers of the signaling API: they parse and render, the services validate and write.

Instrument definitions are rendered from the loaded instrument (`instruments.Instrument`,
frozen data), never from the database. An assessment's `result` is rendered as it was
stored when the assessment was finished, so a later version of an instrument never changes
what a past assessment said. The write serializer only checks types; answers, the
instrument in use, the pregnancy, the date and the route rules are checked by
`services.assessment_record` with the same Dutch messages as the pages.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.organisations.models import Professional

from .instruments.model import ANSWERED_BY, ITEM_TYPES, KINDS, RESPONDENTS
from .levels import Level, Route
from .models import Assessment, AssessmentStatus, RouteDecision

# --- Choice sets as named schema components ------------------------------------------------


def _level_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Level.choices, enum_name="VulnerabilityLevelEnum", **kwargs)


def _route_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Route.choices, enum_name="RouteEnum", **kwargs)


ANSWER_SCHEMA = {
    "oneOf": [{"type": "string"}, {"type": "integer"}],
    "description": "Optiesleutel (ja/nee: `yes`/`no`), een geheel getal (schaal) of tekst.",
}
ANSWERS_SCHEMA = {
    "type": "object",
    "additionalProperties": ANSWER_SCHEMA,
    "description": "Antwoorden per vraag: sleutel van de vraag → antwoord.",
    "example": {"niveau": "vulnerable", "reden": "Geen steun; zorgen over veiligheid thuis."},
}


@extend_schema_field(ANSWER_SCHEMA)
class AnswerField(serializers.JSONField):
    """One answer. Any JSON value is passed on: the instrument decides what fits its item."""


@extend_schema_field(ANSWERS_SCHEMA)
class AnswersField(serializers.DictField):
    """Item key → answer."""

    child = AnswerField()


# --- Instruments ----------------------------------------------------------------------------


class InstrumentTextSerializer(serializers.Serializer):
    """A text in Dutch and English, as in the instrument's file."""

    nl = serializers.CharField()
    en = serializers.CharField()


class InstrumentThresholdSerializer(serializers.Serializer):
    level = _level_field()
    min = serializers.IntegerField()
    max = serializers.IntegerField(allow_null=True, help_text=_("Leeg: geen bovengrens."))


class InstrumentOptionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = InstrumentTextSerializer()
    weight = serializers.IntegerField()
    sets_level = _level_field(
        allow_null=True, help_text=_("Het niveau dat dit antwoord op zichzelf geeft, zo ja.")
    )


class InstrumentBandSerializer(serializers.Serializer):
    """The weight of the scale answers from `min` to `max` (both included)."""

    min = serializers.IntegerField()
    max = serializers.IntegerField()
    weight = serializers.IntegerField()
    sets_level = _level_field(allow_null=True)


class InstrumentItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    type = NamedChoiceField(
        [(kind, kind) for kind in ITEM_TYPES],
        enum_name="InstrumentItemTypeEnum",
        help_text=_("yes_no en choice: een optiesleutel; scale: een geheel getal; text: tekst."),
    )
    text = InstrumentTextSerializer()
    help = InstrumentTextSerializer(allow_null=True)
    respondent = NamedChoiceField(
        [(kind, kind) for kind in RESPONDENTS],
        enum_name="RespondentEnum",
        help_text=_("partner: alleen verplicht als de partner meedoet."),
    )
    answered_by = NamedChoiceField(
        [(kind, kind) for kind in ANSWERED_BY], enum_name="AnsweredByEnum"
    )
    required = serializers.BooleanField()
    options = InstrumentOptionSerializer(many=True)
    min = serializers.IntegerField(allow_null=True, help_text=_("Alleen bij een schaal."))
    max = serializers.IntegerField(allow_null=True, help_text=_("Alleen bij een schaal."))
    bands = InstrumentBandSerializer(many=True)


class InstrumentDomainSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = InstrumentTextSerializer()
    items = InstrumentItemSerializer(many=True)
    thresholds = InstrumentThresholdSerializer(
        many=True,
        allow_null=True,
        help_text=_("Eigen grenzen van het domein; leeg: elke score boven 0 is een signaal."),
    )


class InstrumentSerializer(serializers.Serializer):
    """One version of a screening instrument: what is asked, the weights and thresholds."""

    key = serializers.CharField()
    version = serializers.IntegerField()
    kind = NamedChoiceField(
        [(kind, kind) for kind in KINDS],
        enum_name="InstrumentKindEnum",
        help_text=_("judgement: de professional kiest het niveau zelf, er wordt niet gescoord."),
    )
    title = InstrumentTextSerializer()
    description = InstrumentTextSerializer()
    source = serializers.CharField()
    source_url = serializers.CharField(allow_blank=True)
    validated = serializers.BooleanField(
        help_text=_("Of het instrument met deze weging wetenschappelijk gevalideerd is.")
    )
    thresholds = InstrumentThresholdSerializer(many=True)
    domains = InstrumentDomainSerializer(many=True)


# --- Assessments ----------------------------------------------------------------------------


class ProfessionalRefSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = Professional
        fields = ["id", "name"]

    def get_name(self, professional: Professional) -> str:
        return professional.get_full_name() or professional.username


# Needs `decided_by` joined.
class RouteDecisionSerializer(serializers.ModelSerializer):
    """A route chosen after this assessment: what the level proposed and what was chosen."""

    proposed_route = _route_field(help_text=_("De route die het niveau voorstelde."))
    route = _route_field(help_text=_("De gekozen route."))
    decided_by = ProfessionalRefSerializer()

    class Meta:
        model = RouteDecision
        fields = [
            "id",
            "proposed_route",
            "proposed_priority",
            "route",
            "priority",
            "reason",
            "decided_by",
            "decided_at",
            "awaiting_mdo",
        ]


class AssessmentDomainResultSerializer(serializers.Serializer):
    key = serializers.CharField()
    score = serializers.IntegerField()
    level = _level_field()
    answered = serializers.IntegerField()
    total_items = serializers.IntegerField()


class AssessmentDriverSerializer(serializers.Serializer):
    """An answer that counted: it added weight or set a level on its own."""

    item_key = serializers.CharField()
    domain_key = serializers.CharField()
    answer = AnswerField()
    weight = serializers.IntegerField()
    sets_level = _level_field(allow_null=True)


class AssessmentResultSerializer(serializers.Serializer):
    """The scoring result, as stored when the assessment was finished (schema only)."""

    instrument_key = serializers.CharField()
    instrument_version = serializers.IntegerField()
    total = serializers.IntegerField()
    level = _level_field()
    domains = AssessmentDomainResultSerializer(many=True)
    drivers = AssessmentDriverSerializer(
        many=True, help_text=_("De antwoorden die meetelden, zwaarste eerst.")
    )
    urgent_items = serializers.ListField(
        child=serializers.CharField(), help_text=_("Vragen waarvan het antwoord urgent maakte.")
    )


# Needs `recorded_by` joined and `route_decisions` prefetched with `decided_by` joined
# (`api.assessments_of`).
class AssessmentSerializer(serializers.ModelSerializer):
    """A screening of a family (final or draft) with the routes chosen after it."""

    status = NamedChoiceField(AssessmentStatus.choices, enum_name="AssessmentStatusEnum")
    answers = AnswersField()
    level = _level_field(allow_null=True, help_text=_("Leeg bij een concept."))
    result = serializers.SerializerMethodField()
    recorded_by = ProfessionalRefSerializer(
        allow_null=True,
        help_text=_(
            "Leeg bij een vragenlijst die het gezin zelf invulde, tot een zorgverlener hem afrondt."
        ),
    )
    route_decisions = RouteDecisionSerializer(
        many=True, help_text=_("De routekeuzes bij deze signalering, nieuwste eerst.")
    )

    class Meta:
        model = Assessment
        fields = [
            "id",
            "instrument_key",
            "instrument_version",
            "status",
            "assessed_on",
            "gestational_age_days",
            "pregnancy",
            "answers",
            "partner_present",
            "level",
            "total_score",
            "result",
            "recorded_by",
            "finished_at",
            "route_decisions",
        ]

    @extend_schema_field(AssessmentResultSerializer(allow_null=True))
    def get_result(self, assessment: Assessment) -> dict | None:
        return assessment.result


class AssessmentCreateSerializer(serializers.Serializer):
    """A complete screening from a record system; optionally the route chosen at once."""

    instrument_key = serializers.CharField(max_length=60)
    instrument_version = serializers.IntegerField(
        min_value=1, required=False, help_text=_("Leeg: de nieuwste versie.")
    )
    pregnancy = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("Nummer (id) van een zwangerschap van dit gezin."),
    )
    assessed_on = serializers.DateField(
        required=False, help_text=_("Datum van de signalering; leeg: vandaag. Niet in de toekomst.")
    )
    partner_present = serializers.BooleanField(
        default=False, help_text=_("Doet de partner mee? Dan zijn de partnervragen verplicht.")
    )
    answers = AnswersField()
    route = _route_field(
        required=False,
        allow_null=True,
        help_text=_("Kies meteen de route; wijkt die af van het voorstel, geef dan een reden."),
    )
    priority = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text=_("Met voorrang (urgent, alleen route 3). Leeg: zoals voorgesteld."),
    )
    route_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Waarom je van de voorgestelde route afwijkt."),
    )


class RouteChooseSerializer(serializers.Serializer):
    """The route chosen after a finished screening (again, if the route changes)."""

    route = _route_field(help_text=_("De gekozen route: 1, 2 of 3."))
    priority = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text=_("Met voorrang (urgent, alleen route 3). Leeg: zoals voorgesteld."),
    )
    route_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=_("Waarom je van de voorgestelde route afwijkt (dan verplicht)."),
    )
