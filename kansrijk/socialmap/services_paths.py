"""Writes of care paths (zorgpaden): one function per use case.

Care paths are coalition data that coordinators keep. Every write checks that the actor is a
current coordinator of the path's coalition (`PermissionDenied` otherwise), runs in one
transaction with the path row locked (`select_for_update`: two coordinators reordering steps
at once must not break the numbering), and writes the audit trail. The path's own fields
carry a version: a form based on an older version is refused (`VersionConflict`, with both
versions) instead of overwriting someone else's change. Steps are kept numbered 1..n.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.care.needs import Need
from kansrijk.core.audit import audit_record, changed_fields
from kansrijk.core.models import AuditEvent
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership, Municipality, Professional

from .models import (
    CarePath,
    CarePathRoute,
    CarePathStep,
    CarePathStepService,
    Service,
    ServiceStatus,
)

Action = AuditEvent.Action
PATH_FIELDS = ("name", "need", "route", "description", "is_active")
STEP_FIELDS = ("title", "description")


def is_coordinator(actor, coalition_id: int) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=actor, coalition_id=coalition_id, is_coordinator=True)
        .exists()
    )


def _require_coordinator(actor, coalition_id: int) -> None:
    if not is_coordinator(actor, coalition_id):
        raise PermissionDenied


def _locked_path(path_pk: int) -> CarePath:
    path = CarePath.objects.select_for_update().filter(pk=path_pk).first()
    if path is None:
        raise ValidationError(_("Dit zorgpad bestaat niet meer."))
    return path


def _touch(path: CarePath, actor) -> None:
    path.updated_by = actor
    path.updated_at = timezone.now()
    path.save(update_fields=["updated_by", "updated_at"])


def snapshot(path: CarePath) -> dict:
    return {name: getattr(path, name) for name in PATH_FIELDS}


def care_path_save(
    *,
    actor: Professional,
    coalition: Coalition,
    data: dict,
    path_pk: int | None = None,
    expected_version: int = 0,
    request=None,
) -> CarePath:
    """Create a care path (`path_pk` None) or change its fields (`PATH_FIELDS`) if nobody
    else did since `expected_version`; raises `VersionConflict` on a stale version."""
    _require_coordinator(actor, coalition.pk)
    values = {name: data[name] for name in PATH_FIELDS if name in data}
    if not (values.get("name") or "").strip():
        raise ValidationError({"name": _("Geef het zorgpad een naam.")})
    if values.get("need") not in Need.values:
        raise ValidationError({"need": _("Kies voor welke behoefte dit zorgpad is.")})
    if values.get("route") not in CarePathRoute.values:
        raise ValidationError({"route": _("Kies een route.")})
    with transaction.atomic():
        if path_pk is None:
            path = CarePath.objects.create(
                coalition=coalition, updated_by=actor, updated_at=timezone.now(), **values
            )
            audit_record(
                actor=actor,
                action=Action.CREATE,
                obj=path,
                coalition=coalition,
                summary=_("Zorgpad %(name)s aangemaakt") % {"name": path.name},
                changes={name: [None, str(value)] for name, value in values.items()},
                request=request,
            )
            return path
        path = _locked_path(path_pk)
        if path.coalition_id != coalition.pk:
            raise PermissionDenied
        if path.version != expected_version:
            raise VersionConflict(
                expected_version=expected_version,
                current_version=path.version,
                current=snapshot(path),
                submitted=values,
            )
        changes = changed_fields(path, values)
        if not changes:
            return path
        for name, value in values.items():
            setattr(path, name, value)
        path.version += 1
        path.updated_by = actor
        path.updated_at = timezone.now()
        path.save()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=path,
            coalition=coalition,
            summary=_("Zorgpad %(name)s gewijzigd") % {"name": path.name},
            changes=changes,
            request=request,
        )
        return path


def care_path_step_save(
    *, actor: Professional, path: CarePath, data: dict, step_pk: int | None = None, request=None
) -> CarePathStep:
    """Add a step at the end of the path (`step_pk` None) or change its title and text."""
    _require_coordinator(actor, path.coalition_id)
    values = {name: (data.get(name) or "").strip() for name in STEP_FIELDS}
    if not values["title"]:
        raise ValidationError({"title": _("Zeg wat er in deze stap gebeurt.")})
    with transaction.atomic():
        path = _locked_path(path.pk)
        if step_pk is None:
            last = path.steps.order_by("-position").values_list("position", flat=True).first()
            step = CarePathStep.objects.create(care_path=path, position=(last or 0) + 1, **values)
            action, changes = Action.CREATE, {name: [None, v] for name, v in values.items()}
            summary = _("Stap %(title)s toegevoegd aan zorgpad %(name)s")
        else:
            step = _step_of(path, step_pk)
            changes = changed_fields(step, values)
            if not changes:
                return step
            for name, value in values.items():
                setattr(step, name, value)
            step.save(update_fields=list(STEP_FIELDS))
            action, summary = Action.UPDATE, _("Stap %(title)s van zorgpad %(name)s gewijzigd")
        _touch(path, actor)
        audit_record(
            actor=actor,
            action=action,
            obj=step,
            coalition=path.coalition,
            summary=summary % {"title": step.title, "name": path.name},
            changes=changes,
            request=request,
        )
        return step


def _step_of(path: CarePath, step_pk: int) -> CarePathStep:
    step = path.steps.filter(pk=step_pk).first()
    if step is None:
        raise ValidationError(_("Deze stap bestaat niet meer."))
    return step


def care_path_step_remove(*, actor: Professional, path: CarePath, step_pk: int, request=None):
    """Remove a step (with its services); the steps after it move up one place."""
    _require_coordinator(actor, path.coalition_id)
    with transaction.atomic():
        path = _locked_path(path.pk)
        step = _step_of(path, step_pk)
        title, position = step.title, step.position
        step.delete()
        # One by one in ascending order, so that no two steps ever share a position.
        for later in path.steps.filter(position__gt=position).order_by("position"):
            later.position -= 1
            later.save(update_fields=["position"])
        _touch(path, actor)
        audit_record(
            actor=actor,
            action=Action.DELETE,
            object_type=CarePathStep._meta.label,
            obj=None,
            coalition=path.coalition,
            summary=_("Stap %(title)s verwijderd uit zorgpad %(name)s")
            % {"title": title, "name": path.name},
            changes={"care_path": path.pk, "position": position, "title": title},
            request=request,
        )


def care_path_step_move(
    *, actor: Professional, path: CarePath, step_pk: int, up: bool, request=None
) -> None:
    """Swap a step with the one before (`up`) or after it; at either end nothing happens."""
    _require_coordinator(actor, path.coalition_id)
    with transaction.atomic():
        path = _locked_path(path.pk)
        step = _step_of(path, step_pk)
        if up:
            other = path.steps.filter(position__lt=step.position).order_by("-position").first()
        else:
            other = path.steps.filter(position__gt=step.position).order_by("position").first()
        if other is None:
            return
        # Through position 0 (never a real step), so the unique (path, position) holds.
        old, new = step.position, other.position
        step.position = 0
        step.save(update_fields=["position"])
        other.position = old
        other.save(update_fields=["position"])
        step.position = new
        step.save(update_fields=["position"])
        _touch(path, actor)
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=step,
            coalition=path.coalition,
            summary=_("Stap %(title)s van zorgpad %(name)s verplaatst naar plaats %(position)s")
            % {"title": step.title, "name": path.name, "position": new},
            changes={"position": [old, new]},
            request=request,
        )


def care_path_step_service_add(
    *,
    actor: Professional,
    path: CarePath,
    step_pk: int,
    service: Service,
    municipality: Municipality | None = None,
    request=None,
) -> CarePathStepService:
    """Link a service to a step: for every municipality, or (with `municipality`) as that
    municipality's alternative. The service must be an active service of the path's coalition
    and the municipality one of that coalition."""
    _require_coordinator(actor, path.coalition_id)
    if service.coalition_id != path.coalition_id or service.status != ServiceStatus.ACTIVE:
        raise ValidationError({"service": _("Kies een actief aanbod van deze coalitie.")})
    if municipality is not None and municipality.coalition_id != path.coalition_id:
        raise ValidationError({"municipality": _("Kies een gemeente van deze coalitie.")})
    with transaction.atomic():
        path = _locked_path(path.pk)
        step = _step_of(path, step_pk)
        if step.services.filter(service=service, municipality=municipality).exists():
            raise ValidationError(
                {
                    "service": _("Dit aanbod staat al bij deze stap voor deze gemeente.")
                    if municipality
                    else _("Dit aanbod staat al bij deze stap voor alle gemeenten.")
                }
            )
        link = CarePathStepService.objects.create(
            step=step, service=service, municipality=municipality
        )
        _touch(path, actor)
        where = municipality.name if municipality else _("alle gemeenten")
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=link,
            coalition=path.coalition,
            summary=_("Aanbod %(service)s bij stap %(title)s van zorgpad %(name)s (%(where)s)")
            % {"service": service.name, "title": step.title, "name": path.name, "where": where},
            changes={"service": str(service.pk), "municipality": municipality and municipality.pk},
            request=request,
        )
        return link


def care_path_step_service_remove(
    *, actor: Professional, path: CarePath, link_pk: int, request=None
) -> None:
    """Unlink a service from a step of the path."""
    _require_coordinator(actor, path.coalition_id)
    with transaction.atomic():
        path = _locked_path(path.pk)
        link = (
            CarePathStepService.objects.select_related("step", "service")
            .filter(pk=link_pk, step__care_path=path)
            .first()
        )
        if link is None:
            raise ValidationError(_("Dit aanbod staat niet (meer) bij deze stap."))
        summary = _("Aanbod %(service)s weggehaald bij stap %(title)s van zorgpad %(name)s") % {
            "service": link.service.name,
            "title": link.step.title,
            "name": path.name,
        }
        changes = {"service": str(link.service_id), "municipality": link.municipality_id}
        link.delete()
        _touch(path, actor)
        audit_record(
            actor=actor,
            action=Action.DELETE,
            object_type=CarePathStepService._meta.label,
            obj=None,
            coalition=path.coalition,
            summary=summary,
            changes=changes,
            request=request,
        )
