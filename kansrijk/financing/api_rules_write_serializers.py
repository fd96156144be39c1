"""Input of the financing-rule writes (`api_rules_write.py`). The serializer checks the
shape (types, choices, lengths); the content (an amount needs its source, one rule per kind
of care or service and year, a service of the coalition) is the service's to decide, with
its Dutch messages."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from kansrijk.socialmap.vocabulary import CareKind, Law, Payer

from .models import ContributionKind
from .serializers_rules import FinancingRuleSerializer


class FinancingRuleWriteSerializer(serializers.Serializer):
    coalition = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id van de coalitie; alleen bij aanmaken, en nodig als je in meer dan één "
        "coalitie beheerder bent.",
    )
    year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="Het kalenderjaar; verplicht bij aanmaken, daarna vast.",
    )
    care_kind = serializers.ChoiceField(CareKind.choices)
    service = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="HSDS-id van een aanbod van de coalitie; leeg: de hele soort zorg.",
    )
    law = serializers.ChoiceField(Law.choices)
    payer = serializers.ChoiceField(Payer.choices)
    eigen_risico_applies = serializers.BooleanField(required=False, default=False)
    contribution_kind = serializers.ChoiceField(
        ContributionKind.choices, required=False, default=ContributionKind.NONE
    )
    contribution_amount = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True, default=None
    )
    indication_required = serializers.BooleanField(required=False, default=False)
    referral_required = serializers.BooleanField(required=False, default=False)
    interpretation_payer = serializers.ChoiceField(
        Payer.choices, required=False, allow_blank=True, default=""
    )
    interpretation_notes = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    source = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="Bij wijzigen verplicht: de versie die je las."
    )


class FinancingRuleConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()


@extend_schema_serializer(component_name="FinancingRule")
class FinancingRuleAnswerSerializer(FinancingRuleSerializer):
    """A rule as the API answers it. `interpretation_payer` is blank while unknown (the
    pages' "Onbekende (navragen)"); the model serializer's field would not admit the blank
    in the schema, so it is declared here."""

    interpretation_payer = serializers.ChoiceField(
        Payer.choices,
        allow_blank=True,
        read_only=True,
        help_text="Wie een tolk betaalt; leeg: onbekend (navragen).",
    )
