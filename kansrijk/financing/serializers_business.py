"""Serializers of the business-case API: the case with its nested interventions, effects and
savings (read and write), the version conflict, and the result of one estimate.

Writes are parsed here (types, lengths); the rules between fields (source required, low <=
base <= high, lag within the horizon, one saving per payer per effect) are the service's, so
the pages and the API refuse the same input with the same Dutch messages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .business_case import ESTIMATES
from .models import (
    MAX_HORIZON,
    BusinessCase,
    BusinessCaseEffect,
    BusinessCaseIntervention,
    BusinessCaseSaving,
    BusinessPayer,
)


def _amount(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=11, decimal_places=2, min_value=0, **kwargs)


def _effect(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=7, decimal_places=4, min_value=0, **kwargs)


@extend_schema_field(
    {
        "type": "string",
        # No "enum": the schema's enum post-processing names enums after the field, and
        # other apps' "payer" fields have other choices (a naming collision is a warning).
        "description": "Een van: "
        + "; ".join(f"{value} ({label})" for value, label in BusinessPayer.choices),
    }
)
class PayerField(serializers.ChoiceField):
    """The payer, with its values described inline in the schema."""

    def __init__(self, **kwargs):
        super().__init__(choices=BusinessPayer.choices, **kwargs)


# --- Read --------------------------------------------------------------------------------------


class SavingSerializer(serializers.ModelSerializer):
    payer = PayerField(read_only=True)
    payer_display = serializers.CharField(source="get_payer_display", read_only=True)

    class Meta:
        model = BusinessCaseSaving
        fields = ["id", "payer", "payer_display", "amount_per_outcome", "source"]


class EffectSerializer(serializers.ModelSerializer):
    savings = SavingSerializer(many=True, read_only=True)

    class Meta:
        model = BusinessCaseEffect
        fields = [
            "id",
            "outcome",
            "effect_low",
            "effect_base",
            "effect_high",
            "lag_years",
            "source",
            "savings",
        ]


class InterventionSerializer(serializers.ModelSerializer):
    payer = PayerField(read_only=True)
    payer_display = serializers.CharField(source="get_payer_display", read_only=True)
    effects = EffectSerializer(many=True, read_only=True)

    class Meta:
        model = BusinessCaseIntervention
        fields = [
            "id",
            "name",
            "reach_per_year",
            "cost_per_family",
            "payer",
            "payer_display",
            "source",
            "effects",
        ]


class BusinessCaseListSerializer(serializers.ModelSerializer):
    coalition = serializers.IntegerField(source="coalition_id", read_only=True)

    class Meta:
        model = BusinessCase
        fields = [
            "id",
            "coalition",
            "name",
            "description",
            "start_year",
            "horizon_years",
            "is_example",
            "version",
            "updated_at",
        ]


class BusinessCaseSerializer(BusinessCaseListSerializer):
    interventions = InterventionSerializer(many=True, read_only=True)

    class Meta(BusinessCaseListSerializer.Meta):
        fields = [*BusinessCaseListSerializer.Meta.fields, "interventions"]


# --- Write -------------------------------------------------------------------------------------


class SavingWriteSerializer(serializers.Serializer):
    payer = PayerField()
    amount_per_outcome = _amount()
    source = serializers.CharField(allow_blank=True)


class EffectWriteSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=200, allow_blank=True)
    effect_low = _effect()
    effect_base = _effect()
    effect_high = _effect()
    lag_years = serializers.IntegerField(min_value=0, max_value=MAX_HORIZON, default=0)
    source = serializers.CharField(allow_blank=True)
    savings = SavingWriteSerializer(many=True, required=False, default=list)


class InterventionWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, allow_blank=True)
    reach_per_year = serializers.IntegerField(min_value=1)
    cost_per_family = _amount()
    payer = PayerField()
    source = serializers.CharField(allow_blank=True)
    effects = EffectWriteSerializer(many=True, required=False, default=list)


class BusinessCaseWriteSerializer(serializers.Serializer):
    """A scenario with all its rows. On PUT and PATCH `version` is required: the version you
    read. `interventions`, when sent, replaces every intervention, effect and saving."""

    coalition = serializers.IntegerField(
        required=False,
        help_text=_(
            "Alleen bij aanmaken, en alleen nodig als je coördinator bent in meer dan één coalitie."
        ),
    )
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    horizon_years = serializers.IntegerField(min_value=1, max_value=MAX_HORIZON)
    version = serializers.IntegerField(required=False, min_value=1)
    interventions = InterventionWriteSerializer(many=True, required=False)


class BusinessCaseConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()


# --- The result --------------------------------------------------------------------------------


def _money() -> serializers.DecimalField:
    # Rounded to cents for the answer; the arithmetic itself is exact.
    return serializers.DecimalField(max_digits=None, decimal_places=2)


class PayerYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    investment = _money()
    savings = _money()
    net = _money()


class PayerResultSerializer(serializers.Serializer):
    payer = serializers.CharField()
    label = serializers.CharField()
    years = PayerYearSerializer(many=True)
    total_investment = _money()
    total_savings = _money()
    total_net = _money()
    wrong_pocket = serializers.BooleanField(
        help_text=_("Investeert meer dan het bespaart, terwijl een andere betaler meer bespaart.")
    )


class YearTotalSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    investment = _money()
    savings = _money()
    net = _money()
    cumulative_net = _money()


class ResultSerializer(serializers.Serializer):
    case = serializers.IntegerField(source="case_id")
    version = serializers.IntegerField(source="case_version")
    estimate = serializers.ChoiceField(choices=ESTIMATES)
    years = serializers.ListField(child=serializers.IntegerField())
    payers = PayerResultSerializer(many=True)
    totals = YearTotalSerializer(many=True)
    total_investment = _money()
    total_savings = _money()
    total_net = _money()
    break_even_year = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Eerste jaar waarin het cumulatieve netto nul of meer is; null: niet binnen de "
            "looptijd."
        ),
    )
    wrong_pocket = serializers.BooleanField()
