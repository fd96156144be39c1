"""A coalition's chain-signal settings (ketensignalen) through the API, as on the coordinator's
page (`views.signal_settings`): per rule the threshold in days and whether the signal is on.

- only coordinators of a coalition read and change them (`CoordinatesACoalition`, shared with
  the signaling configuration API); every other professional, the analyst and the
  administrator get 403, without a session or token 401;
- a call is for the caller's one coordinated coalition, or the one named in `?coalition=`
  when there are several; a coalition the caller does not coordinate is "not found" (404);
- a PUT sends signals with their threshold and switch; a signal left out keeps what it has.
  The whole set is validated by the page's form (`SignalSettingsForm`: each rule's limits,
  the Dutch messages) and stored by `services.signal_settings_save` (one transaction, one
  audit event per rule that changed); a refusal stores nothing.

The settings are coalition data without families: no access event is written.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api_coalition_config import (
    COALITION,
    COORDINATOR,
    TAG,
    ConfigViewMixin,
    coalition_responses,
)
from kansrijk.organisations.models import Coalition

from . import selectors, services
from .forms import SignalSettingsForm
from .rules import RULES

CODES = [rule.code for rule in RULES]


def _code_field() -> NamedChoiceField:
    return NamedChoiceField(
        [(rule.code, rule.title) for rule in RULES], enum_name="ChainSignalKindEnum"
    )


class SignalSettingSerializer(serializers.Serializer):
    code = _code_field()
    title = serializers.CharField()
    days_label = serializers.CharField(help_text="Wat de termijn betekent.")
    days = serializers.IntegerField()
    is_active = serializers.BooleanField()
    is_default = serializers.BooleanField(help_text="De coalitie heeft dit signaal niet gewijzigd.")
    default_days = serializers.IntegerField()
    min_days = serializers.IntegerField()
    max_days = serializers.IntegerField()


class SignalSettingsSerializer(serializers.Serializer):
    coalition = serializers.IntegerField()
    signals = SignalSettingSerializer(many=True)


class SignalSettingWriteSerializer(serializers.Serializer):
    code = _code_field()
    days = serializers.IntegerField(
        min_value=-32768, max_value=32767, help_text="De termijn; de grenzen staan per signaal."
    )
    is_active = serializers.BooleanField()


class SignalSettingsWriteSerializer(serializers.Serializer):
    signals = SignalSettingWriteSerializer(many=True, max_length=len(CODES))

    def validate_signals(self, value):
        codes = [row["code"] for row in value]
        if len(set(codes)) != len(codes):
            raise serializers.ValidationError(_("Geef elk ketensignaal hooguit één keer mee."))
        return value


def _settings(coalition: Coalition) -> dict:
    limits = selectors.thresholds(coalition)
    return {
        "coalition": coalition.pk,
        "signals": [
            {
                "code": rule.code,
                "title": str(rule.title),
                "days_label": str(rule.days_label),
                "days": limits[rule.code].days,
                "is_active": limits[rule.code].is_active,
                "is_default": limits[rule.code].is_default,
                "default_days": rule.default_days,
                "min_days": rule.min_days,
                "max_days": rule.max_days,
            }
            for rule in RULES
        ],
    }


def _errors(messages: dict, sent: list[dict]) -> serializers.ValidationError:
    """The form's (or service's) messages, keyed `days_<code>` / `active_<code>`, under the
    index of the signal in the request, as DRF reports a list's errors ({index: errors})."""
    position = {row["code"]: index for index, row in enumerate(sent)}
    per_signal: dict[int, dict] = {}
    other: list[str] = []
    for key, texts in messages.items():
        field, _sep, code = key.partition("_")
        if code in position and field in ("days", "active"):
            name = "days" if field == "days" else "is_active"
            per_signal.setdefault(position[code], {}).setdefault(name, []).extend(texts)
        else:
            other.extend(texts)
    errors: dict = {}
    if per_signal:
        errors["signals"] = per_signal
    if other:
        errors["non_field_errors"] = other
    return serializers.ValidationError(errors)


@extend_schema(tags=[TAG])
class SignalSettingsView(ConfigViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "PUT": COORDINATOR}
    serializer_class = SignalSettingsSerializer

    @extend_schema(
        summary="Ketensignalen van de coalitie",
        description=(
            "Per ketensignaal de termijn, of het aan staat, en de standaardtermijn met de "
            "grenzen waarbinnen de coalitie hem mag kiezen."
        ),
        parameters=[COALITION],
        responses=coalition_responses(SignalSettingsSerializer),
    )
    def get(self, request):
        return Response(_settings(self.coalition()))

    @extend_schema(
        summary="Ketensignalen instellen",
        description=(
            "Stel per ketensignaal de termijn in en of het aan staat. Een signaal dat je niet "
            "meestuurt, houdt wat het heeft. Elke wijziging komt in het auditspoor."
        ),
        parameters=[COALITION],
        request=SignalSettingsWriteSerializer,
        examples=[
            OpenApiExample(
                "Overdracht eerder signaleren",
                value={
                    "signals": [
                        {"code": "handover_not_accepted", "days": 3, "is_active": True},
                        {"code": "consent_missing", "days": 14, "is_active": False},
                    ]
                },
                request_only=True,
            )
        ],
        responses=coalition_responses(SignalSettingsSerializer),
    )
    def put(self, request):
        coalition = self.coalition()
        serializer = SignalSettingsWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent = serializer.validated_data["signals"]
        limits = selectors.thresholds(coalition)
        data = {}
        for rule in RULES:
            data[f"days_{rule.code}"] = limits[rule.code].days
            data[f"active_{rule.code}"] = limits[rule.code].is_active
        for row in sent:
            data[f"days_{row['code']}"] = row["days"]
            data[f"active_{row['code']}"] = row["is_active"]
        form = SignalSettingsForm(data, thresholds=limits)
        if not form.is_valid():
            raise _errors(form.errors, sent)
        try:
            services.signal_settings_save(
                actor=request.user,
                coalition=coalition,
                values={
                    code: services.SettingValue(days, active)
                    for code, (days, active) in form.values().items()
                },
                request=request,
            )
        except DjangoValidationError as error:
            raise _errors(error.message_dict, sent) from None
        return Response(_settings(coalition))


urlpatterns = [
    path("signal-settings/", SignalSettingsView.as_view(), name="signal_settings"),
]
