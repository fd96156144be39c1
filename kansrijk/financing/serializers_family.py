"""Serializers of the family's financing view (read only; `who_pays.FamilyFinancing`)."""

from rest_framework import serializers

MONEY = {"max_digits": 11, "decimal_places": 2, "allow_null": True}


class InsurerPolicySerializer(serializers.Serializer):
    insurer = serializers.CharField(help_text="Leeg: elke verzekeraar met deze soort polis.")
    insurance_kind = serializers.CharField()
    care_kind = serializers.CharField()
    effect = serializers.CharField(
        help_text="contribution, eigen_risico, care of extra_hours (ExceptionEffect)."
    )
    effect_label = serializers.CharField()
    max_amount = serializers.DecimalField(**MONEY)
    conditions = serializers.CharField()
    source = serializers.CharField()


class CompensationRouteSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    care_kinds = serializers.ListField(child=serializers.CharField())
    minima_only = serializers.BooleanField()
    conditions = serializers.CharField()
    how_to_apply = serializers.CharField()
    contact = serializers.CharField()
    source = serializers.CharField()


class FinancingItemSerializer(serializers.Serializer):
    what = serializers.CharField(source="item.what")
    detail = serializers.CharField(source="item.detail")
    provider = serializers.CharField(source="item.provider")
    source_kind = serializers.CharField(
        source="item.source",
        help_text="care_team, referral of kraamzorg: waar de post vandaan komt.",
    )
    service = serializers.UUIDField(source="item.service_id", allow_null=True)
    hours = serializers.IntegerField(source="item.hours", allow_null=True)
    hours_year = serializers.IntegerField(source="item.hours_year", allow_null=True)
    care_kind = serializers.CharField(allow_null=True)
    care_kind_label = serializers.CharField()
    basis = serializers.CharField(
        help_text="rule (regel van de coalitie), map (volgens de sociale kaart) of unknown."
    )
    law = serializers.CharField()
    law_label = serializers.CharField()
    payer = serializers.CharField()
    payer_label = serializers.CharField()
    eigen_risico = serializers.BooleanField(help_text="Telt mee voor het eigen risico.")
    eigen_risico_waived = serializers.BooleanField(
        help_text="De polis van het gezin haalt het eigen risico weg."
    )
    contribution_kind = serializers.CharField(
        help_text="none, per_hour, per_visit, fixed, of unknown (bedrag niet bekend)."
    )
    contribution_amount = serializers.DecimalField(**MONEY)
    contribution_text = serializers.CharField()
    own_amount = serializers.DecimalField(
        **MONEY, help_text="Wat de eigen bijdrage bij elkaar is; leeg als dat niet vaststaat."
    )
    covered_amount = serializers.DecimalField(**MONEY)
    family_amount = serializers.DecimalField(
        **MONEY, help_text="Wat het gezin zelf betaalt na de polis; leeg als dat niet vaststaat."
    )
    counts_this_year = serializers.BooleanField()
    indication_required = serializers.BooleanField()
    referral_required = serializers.BooleanField()
    has_own_costs = serializers.BooleanField()
    insurer_exceptions = InsurerPolicySerializer(source="exceptions", many=True)
    compensation_routes = CompensationRouteSerializer(source="routes", many=True)
    explanation = serializers.CharField(help_text="Uitleg in gewone woorden, voor het gezin.")
    notes = serializers.CharField()
    source = serializers.CharField()


class FinancingTotalsSerializer(serializers.Serializer):
    own_total = serializers.DecimalField(max_digits=11, decimal_places=2)
    eigen_risico_applies = serializers.BooleanField()
    eigen_risico = serializers.DecimalField(**MONEY)
    eigen_risico_text = serializers.CharField()
    not_counted = serializers.ListField(child=serializers.CharField())
    text = serializers.CharField()


class InterpreterLineSerializer(serializers.Serializer):
    provider = serializers.CharField()
    payer_label = serializers.CharField()
    notes = serializers.CharField()
    known = serializers.BooleanField()


class FamilyFinancingSerializer(serializers.Serializer):
    family = serializers.SerializerMethodField()
    year = serializers.IntegerField()
    figures_year = serializers.IntegerField(allow_null=True)
    year_label = serializers.CharField()
    insurer = serializers.CharField(source="profile.insurer")
    insurance_kind = serializers.CharField(source="profile.insurance_kind")
    low_income = serializers.BooleanField(source="profile.low_income")
    interpreter_needed = serializers.BooleanField(source="profile.interpreter_needed")
    items = FinancingItemSerializer(many=True)
    totals = FinancingTotalsSerializer()
    interpreter = InterpreterLineSerializer(many=True)

    def get_family(self, obj) -> int:
        return self.context["family"].pk
