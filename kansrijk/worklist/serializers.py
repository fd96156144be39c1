"""Serializers of the work-queue API: chain signals and "my tasks". They only render.

A chain signal is rendered in one of two shapes, as on the page (`views.queue`):

- in a professional's own queue, with the family's id, why the signal is there and what to
  do about it (the page's action);
- in a coordinator's view of the coalition, with the minimum a coordinator needs: the
  family's reference, its phase, the signal, since when and the responsible organisation.
  No family id, no "why" (it may name dates and organisations of the file), no names.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kansrijk.care.serializers_plan import TaskSerializer
from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.core.reversing import reverse
from kansrijk.families.phases import PhaseCode

from .rules import RULES
from .selectors import ChainSignal


class SignalPhaseSerializer(serializers.Serializer):
    """The family's 1000-day phase today (code and label only)."""

    code = serializers.ChoiceField(choices=PhaseCode.choices)
    label = serializers.CharField()


class SignalActSerializer(serializers.Serializer):
    """What the professional can do about the signal: a page of kansrijk (HTML)."""

    label = serializers.CharField()
    method = NamedChoiceField(
        [("get", "get"), ("post", "post")],
        enum_name="SignalActMethodEnum",
        help_text=_("get: open de pagina; post: de actie zelf (een formulier op de pagina)."),
    )
    url = serializers.CharField()


class ChainSignalSerializer(serializers.Serializer):
    """One chain signal (ketensignaal), computed from the data on each read.

    The context says which view it is in: `coalition_view` True renders the coordinator's
    minimum (no `family`, `why` or `act`).
    """

    kind = NamedChoiceField(
        [(rule.code, rule.title) for rule in RULES], enum_name="ChainSignalKindEnum"
    )
    kind_display = serializers.CharField()
    coalition = serializers.IntegerField()
    family = serializers.IntegerField(
        allow_null=True,
        help_text=_("Nummer (id) van het gezin; leeg in de coalitieweergave van een coördinator."),
    )
    family_reference = serializers.CharField(help_text=_("Dossiernummer van het gezin."))
    phase = SignalPhaseSerializer()
    why = serializers.CharField(
        allow_null=True,
        help_text=_("Waarom het signaal er is; leeg in de coalitieweergave van een coördinator."),
    )
    since = serializers.DateField(help_text=_("De eerste dag waarop het signaal er is."))
    age_days = serializers.IntegerField(
        help_text=_("Dagen dat het signaal er is; 0: vandaag nieuw.")
    )
    responsible_organisation = serializers.CharField(
        allow_blank=True, help_text=_("De verantwoordelijke organisatie, voor zover bekend.")
    )
    act = serializers.SerializerMethodField(
        help_text=_("Wat je eraan kunt doen; leeg in de coalitieweergave van een coördinator.")
    )

    def to_representation(self, item: tuple[int, bool, ChainSignal]) -> dict:
        coalition_id, coalition_view, signal = item
        own = not coalition_view
        return {
            "kind": signal.rule.code,
            "kind_display": str(signal.rule.title),
            "coalition": coalition_id,
            "family": signal.family_id if own else None,
            "family_reference": signal.reference,
            "phase": {"code": signal.phase.code.value, "label": signal.phase.label},
            "why": signal.why if own else None,
            "since": signal.since.isoformat(),
            "age_days": signal.age_days,
            "responsible_organisation": signal.responsible_organisation,
            "act": self.get_act(signal) if own else None,
        }

    @extend_schema_field(SignalActSerializer(allow_null=True))
    def get_act(self, signal: ChainSignal) -> dict | None:
        act = signal.rule.act
        return {
            "label": str(act.label),
            "method": act.method,
            "url": reverse(act.url_name, args=[signal.family_id]),
        }


class MyTaskSerializer(TaskSerializer):
    """A task on the caller's list, with its family. Needs `family`, `owner` and
    `owner_organisation` joined (`selectors.my_tasks`)."""

    family = serializers.IntegerField(source="family_id")
    family_reference = serializers.CharField(source="family.reference")

    class Meta(TaskSerializer.Meta):
        fields = ["family", "family_reference", *TaskSerializer.Meta.fields]
