"""Writing the administrative audit trail; called by services inside their transaction."""

from typing import Any

from django.db import models

from .models import AuditEvent


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    summary: str,
    coalition=None,
    changes: dict[str, Any] | None = None,
    request=None,
    object_type: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        coalition=coalition,
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        changes=changes or {},
        ip_address=client_ip(request),
    )


def changed_fields(instance: models.Model, cleaned_data: dict[str, Any]) -> dict[str, list]:
    """Old and new value of each field the form changes, as strings (for the audit trail)."""
    changes = {}
    for name, new in cleaned_data.items():
        old = getattr(instance, name, None)
        if hasattr(old, "all"):  # many-to-many
            old_value = sorted(str(o) for o in old.all())
            new_value = sorted(str(o) for o in new)
        else:
            old_value, new_value = _plain(old), _plain(new)
        if old_value != new_value:
            changes[name] = [old_value, new_value]
    return changes


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
