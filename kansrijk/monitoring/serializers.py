"""Serializers of monitoring's API (read only): the suppressed figures of a coalition.

Counts are sent as text, so that a count under 10 can be "<10" and a count hidden so that a
small one cannot be derived "x" (suppression.py, issue 11); a percentage or a median that
would reveal a hidden count is left out (null).
"""

from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField

# The kinds of indicator, one named choice set in the schema (also api_definitions.py).
INDICATOR_KINDS = ["count", "share", "median", "distribution"]


class DefinitionSerializer(serializers.Serializer):
    numerator = serializers.CharField(help_text="Wat er geteld wordt (de teller).")
    denominator = serializers.CharField(
        allow_blank=True, help_text="Waarover (de noemer); leeg bij een aantal."
    )
    period = serializers.CharField(allow_blank=True, help_text="Welke datum de periode bepaalt.")
    inclusion = serializers.CharField(allow_blank=True, help_text="Welke gezinnen meetellen.")
    sources = serializers.ListField(
        child=serializers.CharField(), help_text="De velden waaruit de indicator rekent."
    )


class CellSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Vaste sleutel van de cel (bijvoorbeeld een fase).")
    label = serializers.CharField(help_text="Naam van de cel.")
    numerator = serializers.CharField(
        allow_null=True,
        help_text=(
            'Het aantal (de teller); "<10" als het kleiner is dan 10, "x" als het verborgen is '
            "zodat een klein aantal niet te herleiden is; leeg bij een mediaan."
        ),
    )
    denominator = serializers.CharField(
        allow_null=True,
        help_text='De noemer (of "<10" of "x"); leeg bij een aantal.',
    )
    percentage = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        help_text="Teller als percentage van de noemer; leeg als een van beide verborgen is.",
    )
    value = serializers.DecimalField(
        max_digits=10,
        decimal_places=1,
        allow_null=True,
        help_text="De mediaan, in de eenheid van de indicator; leeg bij minder dan 10 gezinnen.",
    )
    suppressed = serializers.BooleanField(help_text="Een deel van de cel is verborgen.")


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField(help_text="Versie van de definitie.")
    title = serializers.CharField()
    kind = NamedChoiceField(INDICATOR_KINDS, enum_name="IndicatorKindEnum")
    unit = serializers.CharField(allow_blank=True)
    group = serializers.CharField(allow_blank=True)
    definition = DefinitionSerializer()
    stale = serializers.BooleanField(
        help_text="De gegevens zijn veranderd; de cijfers worden op de achtergrond herberekend."
    )
    total = serializers.CharField(
        allow_null=True,
        help_text='Het totaal van een verdeling (of "<10" of "x"); leeg bij andere soorten.',
    )
    cells = CellSerializer(many=True)


class PeriodSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="2026, 2026-Q3 of 2026-09.")
    label = serializers.CharField()
    first = serializers.DateField(help_text="Eerste dag.")
    last = serializers.DateField(help_text="Laatste dag (die telt mee).")


class CoalitionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FiguresMunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cbs_code = serializers.CharField()
    name = serializers.CharField()


class IndicatorFiguresSerializer(serializers.Serializer):
    coalition = CoalitionSerializer()
    municipality = FiguresMunicipalitySerializer(
        allow_null=True, help_text="De gemeente; leeg voor de hele coalitie."
    )
    period = PeriodSerializer()
    indicators = IndicatorSerializer(many=True)
