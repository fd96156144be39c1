"""Serializers of the API for a year's figures, the insurers' exceptions and the
municipalities' compensation routes (`api_rules_more.py`). The answers are model
serializers; the request serializers only describe the input in the schema: the input is
checked by the pages' forms (`forms_rules`) and the services, with their Dutch messages."""

from rest_framework import serializers

from kansrijk.families.models import InsuranceKind
from kansrijk.socialmap.vocabulary import CareKind

from .models import CompensationKind, CompensationRoute, ExceptionEffect, InsurerException

VERSION_HELP = "Bij wijzigen verplicht: de versie die je las."
# Codes, not enums: the schema has other fields named `kind` and `care_kind` already.
KIND_HELP = "Soort regeling: " + ", ".join(CompensationKind.values) + "."
CARE_KINDS_HELP = (
    "Codes van soorten zorg (" + ", ".join(CareKind.values) + "); leeg: alle eigen kosten."
)


class _Labelled(serializers.ModelSerializer):
    care_kind_label = serializers.CharField(source="get_care_kind_display", read_only=True)


class InsurerExceptionSerializer(_Labelled):
    insurance_kind_label = serializers.CharField(
        source="get_insurance_kind_display", read_only=True
    )
    effect_label = serializers.CharField(source="get_effect_display", read_only=True)

    class Meta:
        model = InsurerException
        fields = [
            "id",
            "coalition",
            "year",
            "insurer",
            "insurance_kind",
            "insurance_kind_label",
            "care_kind",
            "care_kind_label",
            "effect",
            "effect_label",
            "max_amount",
            "conditions",
            "source",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class CompensationRouteRowSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)
    care_kinds = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text=CARE_KINDS_HELP
    )

    class Meta:
        model = CompensationRoute
        fields = [
            "id",
            "coalition",
            "municipality",
            "kind",
            "kind_label",
            "name",
            "care_kinds",
            "minima_only",
            "conditions",
            "how_to_apply",
            "contact",
            "source",
            "is_active",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class _Write(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)


class _Created(_Write):
    coalition = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id van de coalitie; alleen bij aanmaken, en nodig als je er meer dan één "
        "beheert.",
    )


def _text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, **kwargs)


def _hours():
    return serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=1000)


def _amount():
    return serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True, min_value=0
    )


class FinancingYearWriteSerializer(_Created):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text="Bij aanmaken; daarna vast."
    )
    eigen_risico = _amount()
    eigen_risico_source = _text()
    kraamzorg_min_hours = _hours()
    kraamzorg_standard_hours_low = _hours()
    kraamzorg_standard_hours_high = _hours()
    kraamzorg_max_hours = _hours()
    kraamzorg_source = _text()
    notes = _text()


class InsurerExceptionWriteSerializer(_Created):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text="Bij aanmaken; daarna vast."
    )
    insurer = _text(max_length=120, help_text="Leeg: elke verzekeraar met deze soort polis.")
    insurance_kind = serializers.ChoiceField(InsuranceKind.choices)
    care_kind = serializers.ChoiceField(CareKind.choices)
    effect = serializers.ChoiceField(ExceptionEffect.choices)
    max_amount = _amount()
    conditions = _text()
    source = serializers.CharField()


class CompensationRouteWriteSerializer(_Write):
    municipality = serializers.IntegerField(help_text="Id van een gemeente van de coalitie.")
    kind = serializers.CharField(help_text=KIND_HELP)
    name = serializers.CharField(max_length=200)
    care_kinds = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=CARE_KINDS_HELP
    )
    minima_only = serializers.BooleanField(required=False)
    conditions = _text()
    how_to_apply = _text()
    contact = _text(max_length=200)
    source = _text()
    is_active = serializers.BooleanField(required=False)
