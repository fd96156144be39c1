"""Writes of the regional landscape: partnerships (VSV, KSV, ROS, JGZ organisation, other)
and a municipality's central reporting point.

Who may (checked here again, whatever the view did):
- a partnership belongs to a region: coordinators of any coalition in that region create,
  change and delete it; its municipalities are those of the region's coalitions and its
  organisations chain partners working in one of them;
- a central reporting point belongs to a municipality: coordinators of the municipality's
  coalition record, change and remove it.
Every write runs in one transaction, carries the version check where it changes a row, and
leaves an `AuditEvent` with what changed.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.audit import audit_record
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import (
    Coalition,
    Membership,
    Municipality,
    Organisation,
    Professional,
    Region,
)

from .models import CentralPoint, Partnership, PartnershipKind

PARTNERSHIP_FIELDS = ("kind", "name", "description", "website")
PARTNERSHIP_SETS = ("municipalities", "organisations")
CENTRAL_POINT_FIELDS = ("name", "phone", "email", "website", "for_all_services")


class LandscapeVersionConflict(VersionConflict):
    def __str__(self) -> str:
        return (
            f"Dit is intussen gewijzigd: je bewerkte versie {self.expected_version}, "
            f"de huidige versie is {self.current_version}."
        )


def coordinates_in_region(actor: Professional, region: Region) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=actor, coalition__region=region, is_coordinator=True)
        .exists()
    )


def coordinates_coalition(actor: Professional, coalition_id: int) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=actor, coalition_id=coalition_id, is_coordinator=True)
        .exists()
    )


# --- Partnerships --------------------------------------------------------------------------------


def partnership_snapshot(values: Mapping[str, Any]) -> dict[str, str]:
    result = {
        name: "" if values.get(name) is None else str(values.get(name))
        for name in PARTNERSHIP_FIELDS
    }
    for name in PARTNERSHIP_SETS:
        result[name] = ", ".join(sorted(str(item) for item in values.get(name) or ()))
    return result


def partnership_values(partnership: Partnership) -> dict[str, Any]:
    values = {name: getattr(partnership, name) for name in PARTNERSHIP_FIELDS}
    values["municipalities"] = list(partnership.municipalities.all())
    values["organisations"] = list(partnership.organisations.all())
    return values


def _validate_partnership(region: Region, data: Mapping[str, Any], pk=None) -> None:
    errors = {}
    if data.get("kind") not in PartnershipKind.values:
        errors["kind"] = _("Kies een soort samenwerkingsverband uit de lijst.")
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("Geef het samenwerkingsverband een naam.")
    elif len(name) > 160:
        errors["name"] = _("Houd de naam korter dan 160 tekens.")
    if any(m.coalition.region_id != region.pk for m in data.get("municipalities") or ()):
        errors["municipalities"] = _("Kies gemeenten van de coalities in deze regio.")
    organisation_ids = [o.pk for o in data.get("organisations") or ()]
    if organisation_ids:
        allowed = set(
            Organisation.objects.filter(
                pk__in=organisation_ids, coalitions__region=region
            ).values_list("pk", flat=True)
        )
        if set(organisation_ids) - allowed:
            errors["organisations"] = _("Kies organisaties van de coalities in deze regio.")
    if (
        "kind" not in errors
        and name
        and Partnership.objects.filter(region=region, kind=data["kind"], name=name)
        .exclude(pk=pk)
        .exists()
    ):
        errors["name"] = _(
            "Deze regio heeft al een samenwerkingsverband van deze soort met deze naam."
        )
    if errors:
        raise ValidationError(errors)


def _apply(partnership: Partnership, data: Mapping[str, Any]) -> None:
    for name in PARTNERSHIP_FIELDS:
        value = data.get(name)
        setattr(
            partnership,
            name,
            (value or "").strip() if isinstance(value, str) or value is None else value,
        )


def partnership_create(
    *,
    actor: Professional,
    region: Region,
    data: Mapping[str, Any],
    coalition: Coalition | None = None,
    request=None,
) -> Partnership:
    if not coordinates_in_region(actor, region):
        raise PermissionDenied
    _validate_partnership(region, data)
    with transaction.atomic():
        partnership = Partnership(region=region, updated_by=actor, updated_at=timezone.now())
        _apply(partnership, data)
        try:
            with transaction.atomic():
                partnership.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "name": _(
                        "Deze regio heeft al een samenwerkingsverband van deze soort met deze naam."
                    )
                }
            ) from None
        partnership.municipalities.set(data.get("municipalities") or ())
        partnership.organisations.set(data.get("organisations") or ())
        audit_record(
            actor=actor,
            action="create",
            obj=partnership,
            coalition=coalition,
            summary=_("Samenwerkingsverband %(name)s toegevoegd aan regio %(region)s")
            % {"name": partnership.name, "region": region.name},
            changes={
                name: ["", value] for name, value in partnership_snapshot(data).items() if value
            },
            request=request,
        )
    return partnership


def _locked_partnership(region: Region, pk: int) -> Partnership:
    """The region's partnership, locked for the rest of the transaction; another region's is
    not found."""
    partnership = Partnership.objects.select_for_update().filter(pk=pk, region=region).first()
    if partnership is None:
        raise Partnership.DoesNotExist
    return partnership


def partnership_update(
    *,
    actor: Professional,
    region: Region,
    partnership_pk: int,
    expected_version: int,
    data: Mapping[str, Any],
    coalition: Coalition | None = None,
    request=None,
) -> Partnership:
    if not coordinates_in_region(actor, region):
        raise PermissionDenied
    with transaction.atomic():
        partnership = _locked_partnership(region, partnership_pk)
        _validate_partnership(region, data, pk=partnership.pk)
        before = partnership_snapshot(partnership_values(partnership))
        after = partnership_snapshot(data)
        if partnership.version != expected_version:
            raise LandscapeVersionConflict(
                expected_version=expected_version,
                current_version=partnership.version,
                current=before,
                submitted=after,
            )
        changes = {n: [before[n], after[n]] for n in before if before[n] != after[n]}
        if not changes:
            return partnership
        _apply(partnership, data)
        partnership.version += 1
        partnership.updated_by = actor
        partnership.updated_at = timezone.now()
        partnership.save()
        partnership.municipalities.set(data.get("municipalities") or ())
        partnership.organisations.set(data.get("organisations") or ())
        audit_record(
            actor=actor,
            action="update",
            obj=partnership,
            coalition=coalition,
            summary=_("Samenwerkingsverband %(name)s gewijzigd") % {"name": partnership.name},
            changes=changes,
            request=request,
        )
    return partnership


def partnership_delete(
    *,
    actor: Professional,
    region: Region,
    partnership_pk: int,
    coalition: Coalition | None = None,
    request=None,
) -> None:
    if not coordinates_in_region(actor, region):
        raise PermissionDenied
    with transaction.atomic():
        partnership = _locked_partnership(region, partnership_pk)
        before = partnership_snapshot(partnership_values(partnership))
        audit_record(
            actor=actor,
            action="delete",
            obj=partnership,
            coalition=coalition,
            summary=_("Samenwerkingsverband %(name)s verwijderd") % {"name": partnership.name},
            changes={name: [value, ""] for name, value in before.items() if value},
            request=request,
        )
        partnership.delete()


# --- Central reporting points --------------------------------------------------------------------


def central_point_snapshot(values: Mapping[str, Any]) -> dict[str, str]:
    result = {}
    for name in CENTRAL_POINT_FIELDS:
        value = values.get(name)
        if isinstance(value, bool):
            result[name] = _("Ja") if value else _("Nee")
        else:
            result[name] = "" if value is None else str(value)
    return result


def _validate_point(data: Mapping[str, Any]) -> None:
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef het meldpunt een naam.")})
    if not any((data.get(n) or "").strip() for n in ("phone", "email", "website")):
        raise ValidationError(
            {"phone": _("Vul ten minste een telefoonnummer, e-mailadres of website in.")}
        )


def central_point_save(
    *,
    actor: Professional,
    municipality: Municipality,
    expected_version: int,
    data: Mapping[str, Any],
    request=None,
) -> CentralPoint:
    """Record (expected_version 0) or change the municipality's central reporting point."""
    if not coordinates_coalition(actor, municipality.coalition_id):
        raise PermissionDenied
    _validate_point(data)
    values = {name: data.get(name) for name in CENTRAL_POINT_FIELDS}
    for name in ("name", "phone", "email", "website"):
        values[name] = (values[name] or "").strip()
    values["for_all_services"] = bool(values["for_all_services"])
    with transaction.atomic():
        point = CentralPoint.objects.select_for_update().filter(municipality=municipality).first()
        before = central_point_snapshot(vars(point)) if point else {}
        after = central_point_snapshot(values)
        current_version = point.version if point else 0
        if current_version != expected_version:
            raise LandscapeVersionConflict(
                expected_version=expected_version,
                current_version=current_version,
                current=before,
                submitted=after,
            )
        changes = {n: [before.get(n, ""), after[n]] for n in after if before.get(n, "") != after[n]}
        if point is not None and not changes:
            return point
        if point is None:
            point = CentralPoint(municipality=municipality, version=1)
            action = "create"
        else:
            point.version += 1
            action = "update"
        for name, value in values.items():
            setattr(point, name, value)
        point.updated_by = actor
        point.updated_at = timezone.now()
        point.save()
        audit_record(
            actor=actor,
            action=action,
            obj=point,
            coalition=municipality.coalition,
            summary=_("Centraal meldpunt van %(municipality)s vastgelegd: %(name)s")
            % {"municipality": municipality.name, "name": point.name},
            changes=changes,
            request=request,
        )
    return point


def central_point_remove(*, actor: Professional, municipality: Municipality, request=None) -> bool:
    """Remove the municipality's central reporting point; False when it had none."""
    if not coordinates_coalition(actor, municipality.coalition_id):
        raise PermissionDenied
    with transaction.atomic():
        point = CentralPoint.objects.select_for_update().filter(municipality=municipality).first()
        if point is None:
            return False
        audit_record(
            actor=actor,
            action="delete",
            obj=point,
            coalition=municipality.coalition,
            summary=_("Centraal meldpunt van %(municipality)s verwijderd: %(name)s")
            % {"municipality": municipality.name, "name": point.name},
            changes={n: [v, ""] for n, v in central_point_snapshot(vars(point)).items() if v},
            request=request,
        )
        point.delete()
    return True
