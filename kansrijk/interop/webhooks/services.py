"""Writes of the webhooks part: a coalition's endpoints, their secret, a retry.

Who may, in plain words: a coordinator of the coalition (a current membership with the
coordinator role), checked again here against the memberships (`PermissionDenied`
otherwise). An endpoint belongs to one organisation of the coalition. Every write runs in one
transaction and writes the audit trail; the secret itself never goes into the trail.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership

from ..models import DeliveryState, WebhookDelivery, WebhookEndpoint, WebhookEvent, new_secret
from .delivery import url_allowed

Action = AuditEvent.Action
FIELDS = ("organisation", "url", "description", "events", "active")


def may_manage_webhooks(actor, coalition_id: int) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=actor, coalition_id=coalition_id, is_coordinator=True)
        .exists()
    )


def _require(actor, coalition: Coalition) -> None:
    if not may_manage_webhooks(actor, coalition.pk):
        raise PermissionDenied


def _values(coalition: Coalition, data: dict) -> dict:
    values = {name: data.get(name) for name in FIELDS}
    values["url"] = (values["url"] or "").strip()
    values["description"] = (values["description"] or "").strip()
    values["active"] = bool(values["active"])
    values["events"] = [e for e in WebhookEvent.values if e in (values["events"] or [])]
    errors = {}
    organisation = values["organisation"]
    if organisation is None or not coalition.organisations.filter(pk=organisation.pk).exists():
        errors["organisation"] = _("Kies een organisatie van de coalitie.")
    if not url_allowed(values["url"]):
        errors["url"] = _("Gebruik een adres dat met https:// begint.")
    if not values["events"]:
        errors["events"] = _("Kies minstens één gebeurtenis.")
    if errors:
        raise ValidationError(errors)
    return values


def _plain(name: str, value):
    if name == "organisation":
        return value.pk if value is not None else None
    return value


def _locked(coalition: Coalition, pk: int) -> WebhookEndpoint:
    endpoint = (
        WebhookEndpoint.objects.select_for_update()
        .filter(pk=pk, coalition=coalition)
        .select_related("organisation")
        .first()
    )
    if endpoint is None:
        raise ValidationError(_("Deze webhook bestaat niet (meer)."))
    return endpoint


def webhook_endpoint_save(
    *,
    actor,
    coalition: Coalition,
    data: dict,
    endpoint_pk: int | None = None,
    expected_version: int = 0,
    request=None,
) -> WebhookEndpoint:
    """Register an endpoint (`endpoint_pk` None; it gets a new secret) or change one with
    the version check (`VersionConflict` with both versions when someone else changed it)."""
    _require(actor, coalition)
    values = _values(coalition, data)
    with transaction.atomic():
        if endpoint_pk is None:
            endpoint = WebhookEndpoint.objects.create(
                coalition=coalition, created_by=actor, secret=new_secret(), **values
            )
            audit_record(
                actor=actor,
                action=Action.CREATE,
                obj=endpoint,
                coalition=coalition,
                summary=_("Webhook %(url)s voor %(organisation)s aangemaakt")
                % {"url": endpoint.url, "organisation": endpoint.organisation.name},
                changes={name: [None, _plain(name, values[name])] for name in FIELDS},
                request=request,
            )
            return endpoint
        endpoint = _locked(coalition, endpoint_pk)
        if endpoint.version != expected_version:
            raise VersionConflict(
                expected_version=expected_version,
                current_version=endpoint.version,
                current={name: getattr(endpoint, name) for name in FIELDS},
                submitted=values,
            )
        changes = {
            name: [_plain(name, getattr(endpoint, name)), _plain(name, values[name])]
            for name in FIELDS
            if _plain(name, getattr(endpoint, name)) != _plain(name, values[name])
        }
        if not changes:
            return endpoint
        for name, value in values.items():
            setattr(endpoint, name, value)
        endpoint.version += 1
        endpoint.save()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=endpoint,
            coalition=coalition,
            summary=_("Webhook %(url)s gewijzigd") % {"url": endpoint.url},
            changes=changes,
            request=request,
        )
        return endpoint


def webhook_endpoint_delete(*, actor, coalition: Coalition, endpoint_pk: int, request=None):
    """Remove an endpoint with its delivery log."""
    _require(actor, coalition)
    with transaction.atomic():
        endpoint = _locked(coalition, endpoint_pk)
        summary = _("Webhook %(url)s voor %(organisation)s verwijderd") % {
            "url": endpoint.url,
            "organisation": endpoint.organisation.name,
        }
        changes = {"id": endpoint.pk, "url": endpoint.url}
        endpoint.delete()
        audit_record(
            actor=actor,
            action=Action.DELETE,
            object_type=WebhookEndpoint._meta.label,
            coalition=coalition,
            summary=summary,
            changes=changes,
            request=request,
        )


def webhook_secret_rotate(
    *, actor, coalition: Coalition, endpoint_pk: int, request=None
) -> WebhookEndpoint:
    """A new secret for the endpoint; messages from now on are signed with it (the old one
    stops working at once, so the receiver must switch too)."""
    _require(actor, coalition)
    with transaction.atomic():
        endpoint = _locked(coalition, endpoint_pk)
        endpoint.secret = new_secret()
        endpoint.version += 1
        endpoint.save(update_fields=["secret", "version", "updated_at"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=endpoint,
            coalition=coalition,
            summary=_("Geheim van webhook %(url)s opnieuw gemaakt") % {"url": endpoint.url},
            changes={"secret": ["…", "…"]},
            request=request,
        )
        return endpoint


def webhook_delivery_retry(
    *, actor, coalition: Coalition, endpoint_pk: int, delivery_pk: int, request=None
) -> WebhookDelivery:
    """Try a failed delivery again: pending, due now, with a fresh round of attempts."""
    _require(actor, coalition)
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(pk=delivery_pk, endpoint_id=endpoint_pk, endpoint__coalition=coalition)
            .first()
        )
        if delivery is None:
            raise ValidationError(_("Dit bericht bestaat niet (meer)."))
        if delivery.state != DeliveryState.FAILED:
            raise ValidationError(_("Alleen een mislukt bericht kun je opnieuw proberen."))
        previous_attempts = delivery.attempts
        delivery.state = DeliveryState.PENDING
        delivery.attempts = 0
        delivery.next_attempt_at = timezone.now()
        delivery.save(update_fields=["state", "attempts", "next_attempt_at"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=delivery,
            coalition=coalition,
            summary=_("Webhookbericht %(event)s opnieuw klaargezet") % {"event": delivery.event},
            changes={
                "state": [DeliveryState.FAILED, DeliveryState.PENDING],
                "attempts": [previous_attempts, 0],
            },
            request=request,
        )
        pk = delivery.pk
        transaction.on_commit(lambda: _enqueue(pk), robust=True)
        return delivery


def _enqueue(pk: int) -> None:
    from .events import enqueue_deliveries

    enqueue_deliveries([pk])
