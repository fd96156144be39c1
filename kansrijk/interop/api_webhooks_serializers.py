"""Serializers of the webhooks API (`api_webhooks.py`).

The signing secret is in one serializer only, `WebhookEndpointSecretSerializer`: the answer
to a create and to making a new secret. Every other answer leaves it out.
"""

from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField

from .models import DeliveryState, WebhookDelivery, WebhookEndpoint, WebhookEvent


def _events_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=NamedChoiceField(WebhookEvent.choices, enum_name="WebhookEventEnum"),
        help_text="De gebeurtenissen waarvan het systeem hoort (minstens één).",
        **kwargs,
    )


class WebhookEndpointSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    events = _events_field(read_only=True)
    last_delivery_state = NamedChoiceField(
        DeliveryState.choices,
        enum_name="WebhookDeliveryStateEnum",
        source="last_state",
        read_only=True,
        allow_null=True,
        help_text="De toestand van het laatste bericht; leeg als er nog geen is.",
    )
    last_delivery_at = serializers.DateTimeField(source="last_at", read_only=True, allow_null=True)

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "coalition",
            "organisation",
            "organisation_name",
            "url",
            "description",
            "events",
            "active",
            "last_delivery_state",
            "last_delivery_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class WebhookEndpointSecretSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text=(
            "Het geheim waarmee elk bericht wordt ondertekend (HMAC-SHA256). Alleen in dit "
            "antwoord: bewaar het meteen in het ontvangende systeem."
        ),
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointWriteSerializer(serializers.Serializer):
    """The input of a create, PUT or PATCH; the content is checked by the pages' form
    (`WebhookForm`) and the service, with their Dutch messages."""

    coalition = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id van de coalitie; alleen bij aanmaken, en nodig als je in meer dan één "
        "coalitie coördinator bent.",
    )
    organisation = serializers.IntegerField(
        min_value=1, help_text="Id van de organisatie van de coalitie die de berichten krijgt."
    )
    url = serializers.CharField(max_length=500, help_text="Het adres; begint met https://.")
    events = _events_field()
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False, default=True)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="Bij wijzigen verplicht: de versie die je las.",
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event = NamedChoiceField(WebhookEvent.choices, enum_name="WebhookEventEnum", read_only=True)
    state = NamedChoiceField(
        DeliveryState.choices, enum_name="WebhookDeliveryStateEnum", read_only=True
    )

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_id",
            "state",
            "attempts",
            "next_attempt_at",
            "last_attempt_at",
            "response_status",
            "error",
            "created_at",
        ]
        read_only_fields = fields


class WebhookConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    submitted_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
