"""Webhooks: partners' systems told, by reference only, of handovers and referrals addressed
to their organisation.

- `WebhookEndpoint`: an HTTPS address a coalition registers for one of its organisations,
  with the events it wants and the secret that signs each payload (HMAC-SHA256).
- `WebhookDelivery`: one event for one endpoint, and every attempt to deliver it: the
  payload (references, never personal data), its state, how many attempts were made, when
  the next one is due (retries back off), and the last answer or error. The delivery log a
  coordinator reads.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


class WebhookEvent(models.TextChoices):
    HANDOVER_PROPOSED = "handover.proposed", _("Overdracht voorgesteld")
    HANDOVER_CHANGED = "handover.changed", _("Overdracht gewijzigd")
    REFERRAL_SENT = "referral.sent", _("Verwijzing verstuurd")
    REFERRAL_CHANGED = "referral.changed", _("Verwijzing gewijzigd")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(KansrijkModel):
    coalition = models.ForeignKey(
        "organisations.Coalition", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("adres"), max_length=500)
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    events = models.JSONField(_("gebeurtenissen"), default=list)
    secret = models.CharField(max_length=100, default=new_secret)
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("organisation__name", "url", "pk")
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        indexes = [models.Index(fields=("organisation", "active"))]

    def __str__(self) -> str:
        return self.url


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    DELIVERED = "delivered", _("Afgeleverd")
    FAILED = "failed", _("Mislukt")


class WebhookDelivery(KansrijkModel):
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    # A stable id of the event (the same for every retry), so a receiver can drop duplicates.
    event_id = models.UUIDField()
    payload = models.JSONField()
    state = models.CharField(
        max_length=12, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("webhookbericht")
        verbose_name_plural = _("webhookberichten")
        indexes = [
            models.Index(fields=("endpoint", "-created_at")),
            models.Index(fields=("state", "next_attempt_at")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("endpoint", "event_id"), name="interop_delivery_once_per_endpoint"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
