"""Serializers of the financing-rules API (read only)."""

from rest_framework import serializers

from .models import FinancingRule, FinancingYear


class FinancingRuleSerializer(serializers.ModelSerializer):
    care_kind_label = serializers.CharField(source="get_care_kind_display", read_only=True)
    law_label = serializers.CharField(source="get_law_display", read_only=True)
    payer_label = serializers.CharField(source="get_payer_display", read_only=True)
    contribution_kind_label = serializers.CharField(
        source="get_contribution_kind_display", read_only=True
    )
    service = serializers.UUIDField(
        source="service_id",
        read_only=True,
        allow_null=True,
        help_text="HSDS-id van het aanbod waarvoor de regel geldt; leeg: de hele soort zorg.",
    )

    class Meta:
        model = FinancingRule
        fields = [
            "id",
            "coalition",
            "year",
            "care_kind",
            "care_kind_label",
            "service",
            "law",
            "law_label",
            "payer",
            "payer_label",
            "eigen_risico_applies",
            "contribution_kind",
            "contribution_kind_label",
            "contribution_amount",
            "indication_required",
            "referral_required",
            "interpretation_payer",
            "interpretation_notes",
            "notes",
            "source",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class FinancingYearSerializer(serializers.ModelSerializer):
    requested_year = serializers.SerializerMethodField(
        help_text="Het gevraagde jaar; `year` is het jaar waarvan de cijfers zijn (het laatste "
        "jaar met cijfers tot en met het gevraagde jaar)."
    )

    class Meta:
        model = FinancingYear
        fields = [
            "id",
            "coalition",
            "year",
            "requested_year",
            "eigen_risico",
            "eigen_risico_source",
            "kraamzorg_min_hours",
            "kraamzorg_standard_hours_low",
            "kraamzorg_standard_hours_high",
            "kraamzorg_max_hours",
            "kraamzorg_source",
            "notes",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_requested_year(self, figures) -> int:
        return self.context.get("requested_year", figures.year)
