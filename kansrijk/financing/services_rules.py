"""Writes of the financing rules: one function per use case.

Who may write, in plain words (checked here again, whatever the page did):
- a year's figures, the rules and the insurers' exceptions, loading the shipped figures and
  copying a year: administrators (beheerders) of the coalition;
- the municipalities' compensation routes: administrators and coordinators of the
  coalition (coordinators know the local arrangements).
Anyone else gets `PermissionDenied`; a row of another coalition is "not found"
(`ValidationError`, the page answered 404 before).

Every write runs in one transaction with the row locked (`select_for_update`), checks the
version the form was based on (`VersionConflict` with both versions instead of overwriting
someone else's change), validates with Dutch messages per field, and writes the audit trail.
A figure without a source is not accepted: an amount needs its source.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.families.models import InsuranceKind
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership, Municipality
from kansrijk.socialmap.vocabulary import CareKind, Law, Payer

from . import defaults
from .models import (
    CompensationKind,
    CompensationRoute,
    ContributionKind,
    ExceptionEffect,
    FinancingRule,
    FinancingYear,
    InsurerException,
)

Action = AuditEvent.Action
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_HOURS = 1000

YEAR_FIELDS = (
    "eigen_risico",
    "eigen_risico_source",
    "kraamzorg_min_hours",
    "kraamzorg_standard_hours_low",
    "kraamzorg_standard_hours_high",
    "kraamzorg_max_hours",
    "kraamzorg_source",
    "notes",
)
RULE_FIELDS = (
    "care_kind",
    "service",
    "law",
    "payer",
    "eigen_risico_applies",
    "contribution_kind",
    "contribution_amount",
    "indication_required",
    "referral_required",
    "interpretation_payer",
    "interpretation_notes",
    "notes",
    "source",
)
EXCEPTION_FIELDS = (
    "insurer",
    "insurance_kind",
    "care_kind",
    "effect",
    "max_amount",
    "conditions",
    "source",
)
COMPENSATION_FIELDS = (
    "municipality",
    "kind",
    "name",
    "care_kinds",
    "minima_only",
    "conditions",
    "how_to_apply",
    "contact",
    "source",
    "is_active",
)


# --- Who may ---------------------------------------------------------------------------------


def _roles(actor, coalition_id: int) -> set[str]:
    roles = set()
    memberships = Membership.objects.current().filter(professional=actor, coalition_id=coalition_id)
    for membership in memberships:
        roles |= {
            role for role, name in Membership.ROLE_FIELDS.items() if getattr(membership, name)
        }
    return roles


def may_write_rules(actor, coalition_id: int) -> bool:
    return "administrator" in _roles(actor, coalition_id)


def may_write_compensation(actor, coalition_id: int) -> bool:
    return bool(_roles(actor, coalition_id) & {"administrator", "coordinator"})


def _require_rules(actor, coalition: Coalition) -> None:
    if not may_write_rules(actor, coalition.pk):
        raise PermissionDenied


def _require_compensation(actor, coalition: Coalition) -> None:
    if not may_write_compensation(actor, coalition.pk):
        raise PermissionDenied


# --- Shared ----------------------------------------------------------------------------------


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str) or value is None else value


def _check_year(year) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("Kies een jaar van 2000 tot en met 2100.")})


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _value(value):
    """A value as the audit trail and the conflict page keep it."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(value)
    return value


def snapshot(row, names) -> dict:
    return {name: getattr(row, name) for name in names}


def _locked(model, pk: int, coalition: Coalition):
    row = model.objects.select_for_update().filter(pk=pk, coalition=coalition).order_by().first()
    if row is None:
        raise ValidationError(_("Dit bestaat niet (meer)."))
    return row


def _save_versioned(
    *, model, coalition, actor, values: dict, pk, expected_version, names, summary, request
):
    """Create a row (`pk` None) or change it with the version check; the audit trail gets
    the changed fields. Call inside a transaction."""
    now = timezone.now()
    if pk is None:
        row = model.objects.create(coalition=coalition, updated_by=actor, updated_at=now, **values)
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=row,
            coalition=coalition,
            summary=summary(row, created=True),
            changes={name: [None, _value(value)] for name, value in values.items()},
            request=request,
        )
        return row
    row = _locked(model, pk, coalition)
    if row.version != expected_version:
        raise VersionConflict(
            expected_version=expected_version,
            current_version=row.version,
            current=snapshot(row, names),
            submitted=values,
        )
    changes = {
        name: [_value(old), _value(new)]
        for name, (old, new) in (
            (name, (getattr(row, name), values[name])) for name in values if name in names
        )
        if _value(old) != _value(new)
    }
    if not changes:
        return row
    for name, value in values.items():
        setattr(row, name, value)
    row.version += 1
    row.updated_by = actor
    row.updated_at = now
    row.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=row,
        coalition=coalition,
        summary=summary(row, created=False),
        changes=changes,
        request=request,
    )
    return row


def _delete(*, model, coalition, actor, pk, summary, request) -> None:
    row = _locked(model, pk, coalition)
    text = summary(row)
    changes = {"id": row.pk, "year": getattr(row, "year", None)}
    row.delete()
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type=model._meta.label,
        obj=None,
        coalition=coalition,
        summary=text,
        changes=changes,
        request=request,
    )


# --- Year figures ----------------------------------------------------------------------------


def _year_values(data: dict) -> dict:
    values = {name: data.get(name) for name in YEAR_FIELDS}
    for name in ("eigen_risico_source", "kraamzorg_source", "notes"):
        values[name] = _text(values[name])
    errors = {}
    if values["eigen_risico"] is not None and values["eigen_risico"] < 0:
        errors["eigen_risico"] = _("Een bedrag kan niet negatief zijn.")
    if values["eigen_risico"] is not None and not values["eigen_risico_source"]:
        errors["eigen_risico_source"] = _("Geef de bron van het eigen risico.")
    hours = [
        values[name]
        for name in (
            "kraamzorg_min_hours",
            "kraamzorg_standard_hours_low",
            "kraamzorg_standard_hours_high",
            "kraamzorg_max_hours",
        )
    ]
    for name in YEAR_FIELDS:
        value = values[name]
        if name.endswith("_hours") and value is not None and not 0 <= value <= MAX_HOURS:
            errors[name] = _("Vul een aantal uren van 0 tot en met 1000 in.")
    if any(value is not None for value in hours) and not values["kraamzorg_source"]:
        errors["kraamzorg_source"] = _("Geef de bron van de kraamzorguren.")
    low, high = values["kraamzorg_standard_hours_low"], values["kraamzorg_standard_hours_high"]
    least, most = values["kraamzorg_min_hours"], values["kraamzorg_max_hours"]
    if low is not None and high is not None and low > high:
        errors["kraamzorg_standard_hours_high"] = _(
            "De hoge standaard kan niet lager zijn dan de lage."
        )
    standard = [value for value in (low, high) if value is not None]
    if most is not None and standard and most < max(standard):
        errors["kraamzorg_max_hours"] = _("Het maximum kan niet lager zijn dan de standaard.")
    if least is not None and standard and least > min(standard):
        errors["kraamzorg_min_hours"] = _("Het minimum kan niet hoger zijn dan de standaard.")
    _raise(errors)
    return values


def financing_year_save(
    *,
    actor,
    coalition: Coalition,
    year: int,
    data: dict,
    expected_version: int = 0,
    request=None,
) -> FinancingYear:
    """Create the figures of `year` (none stored yet, `expected_version` 0) or change them
    if nobody else did since `expected_version`."""
    _require_rules(actor, coalition)
    _check_year(year)
    values = _year_values(data)
    with transaction.atomic():
        existing = (
            FinancingYear.objects.select_for_update()
            .filter(coalition=coalition, year=year)
            .order_by()
            .first()
        )
        if existing is None and expected_version:
            raise ValidationError(_("De cijfers van dit jaar bestaan niet (meer)."))
        if existing is not None and not expected_version:
            raise ValidationError({"year": _("Voor dit jaar zijn al cijfers; pas die aan.")})
        if existing is None:
            values = {"year": year, **values}
        return _save_versioned(
            model=FinancingYear,
            coalition=coalition,
            actor=actor,
            values=values,
            pk=existing.pk if existing else None,
            expected_version=expected_version,
            names=YEAR_FIELDS,
            summary=lambda row, created: (
                (
                    _("Cijfers financiering %(year)s aangemaakt")
                    if created
                    else _("Cijfers financiering %(year)s gewijzigd")
                )
                % {"year": row.year}
            ),
            request=request,
        )


# --- Rules -----------------------------------------------------------------------------------


def _rule_values(coalition: Coalition, data: dict) -> dict:
    values = {name: data.get(name) for name in RULE_FIELDS}
    for name in ("interpretation_notes", "notes", "source"):
        values[name] = _text(values[name])
    for name in ("eigen_risico_applies", "indication_required", "referral_required"):
        values[name] = bool(values[name])
    values["interpretation_payer"] = values["interpretation_payer"] or ""
    values["contribution_kind"] = values["contribution_kind"] or ContributionKind.NONE
    errors = {}
    if values["care_kind"] not in CareKind.values:
        errors["care_kind"] = _("Kies een soort zorg uit de lijst.")
    if values["law"] not in Law.values:
        errors["law"] = _("Kies een wet uit de lijst.")
    if values["payer"] not in Payer.values:
        errors["payer"] = _("Kies wie betaalt.")
    if values["interpretation_payer"] and values["interpretation_payer"] not in Payer.values:
        errors["interpretation_payer"] = _("Kies uit de lijst wie een tolk betaalt.")
    kind, amount = values["contribution_kind"], values["contribution_amount"]
    if kind not in ContributionKind.values:
        errors["contribution_kind"] = _("Kies een soort eigen bijdrage uit de lijst.")
    elif kind != ContributionKind.NONE and amount is None:
        errors["contribution_amount"] = _("Vul het bedrag van de eigen bijdrage in.")
    elif kind == ContributionKind.NONE and amount is not None:
        errors["contribution_amount"] = _(
            "Er is geen eigen bijdrage gekozen; laat het bedrag leeg of kies per uur, per "
            "bezoek of een vast bedrag."
        )
    if amount is not None and amount < 0:
        errors["contribution_amount"] = _("Een bedrag kan niet negatief zijn.")
    if amount is not None and not values["source"]:
        errors["source"] = _("Geef de bron van het bedrag: zonder bron geen bedrag.")
    service = values["service"]
    if service is not None and service.coalition_id != coalition.pk:
        errors["service"] = _("Kies een aanbod van de sociale kaart van deze coalitie.")
    _raise(errors)
    return values


def _check_rule_unique(coalition, year: int, values: dict, rule_pk) -> None:
    others = FinancingRule.objects.filter(coalition=coalition, year=year).exclude(pk=rule_pk)
    if values["service"] is None:
        if others.filter(care_kind=values["care_kind"], service__isnull=True).exists():
            raise ValidationError(
                {"care_kind": _("Voor deze soort zorg is in dit jaar al een regel.")}
            )
    elif others.filter(service=values["service"]).exists():
        raise ValidationError({"service": _("Voor dit aanbod is in dit jaar al een regel.")})


def financing_rule_save(
    *,
    actor,
    coalition: Coalition,
    year: int,
    data: dict,
    rule_pk: int | None = None,
    expected_version: int = 0,
    request=None,
) -> FinancingRule:
    """Add a rule to `year` (`rule_pk` None) or change one with the version check."""
    _require_rules(actor, coalition)
    _check_year(year)
    values = _rule_values(coalition, data)
    with transaction.atomic():
        if rule_pk is not None:
            year = _locked(FinancingRule, rule_pk, coalition).year
        else:
            values = {"year": year, **values}
        _check_rule_unique(coalition, year, values, rule_pk)
        return _save_versioned(
            model=FinancingRule,
            coalition=coalition,
            actor=actor,
            values=values,
            pk=rule_pk,
            expected_version=expected_version,
            names=RULE_FIELDS,
            summary=lambda row, created: (
                (
                    _("Financieringsregel %(rule)s aangemaakt")
                    if created
                    else _("Financieringsregel %(rule)s gewijzigd")
                )
                % {"rule": row}
            ),
            request=request,
        )


def financing_rule_delete(*, actor, coalition: Coalition, rule_pk: int, request=None) -> None:
    _require_rules(actor, coalition)
    with transaction.atomic():
        _delete(
            model=FinancingRule,
            coalition=coalition,
            actor=actor,
            pk=rule_pk,
            summary=lambda row: _("Financieringsregel %(rule)s verwijderd") % {"rule": row},
            request=request,
        )


# --- Insurers' exceptions --------------------------------------------------------------------


def _exception_values(data: dict) -> dict:
    values = {name: data.get(name) for name in EXCEPTION_FIELDS}
    for name in ("insurer", "conditions", "source"):
        values[name] = _text(values[name])
    errors = {}
    if values["insurance_kind"] not in InsuranceKind.values:
        errors["insurance_kind"] = _("Kies een soort polis uit de lijst.")
    if values["care_kind"] not in CareKind.values:
        errors["care_kind"] = _("Kies een soort zorg uit de lijst.")
    if values["effect"] not in ExceptionEffect.values:
        errors["effect"] = _("Kies uit de lijst wat de polis doet.")
    if values["max_amount"] is not None and values["max_amount"] < 0:
        errors["max_amount"] = _("Een bedrag kan niet negatief zijn.")
    if not values["source"]:
        errors["source"] = _("Geef de bron, bijvoorbeeld de polisvoorwaarden van dit jaar.")
    _raise(errors)
    return values


def insurer_exception_save(
    *,
    actor,
    coalition: Coalition,
    year: int,
    data: dict,
    exception_pk: int | None = None,
    expected_version: int = 0,
    request=None,
) -> InsurerException:
    _require_rules(actor, coalition)
    _check_year(year)
    values = _exception_values(data)
    if exception_pk is None:
        values = {"year": year, **values}
    with transaction.atomic():
        return _save_versioned(
            model=InsurerException,
            coalition=coalition,
            actor=actor,
            values=values,
            pk=exception_pk,
            expected_version=expected_version,
            names=EXCEPTION_FIELDS,
            summary=lambda row, created: (
                (
                    _("Uitzondering %(exception)s (%(year)s) aangemaakt")
                    if created
                    else _("Uitzondering %(exception)s (%(year)s) gewijzigd")
                )
                % {"exception": row, "year": row.year}
            ),
            request=request,
        )


def insurer_exception_delete(
    *, actor, coalition: Coalition, exception_pk: int, request=None
) -> None:
    _require_rules(actor, coalition)
    with transaction.atomic():
        _delete(
            model=InsurerException,
            coalition=coalition,
            actor=actor,
            pk=exception_pk,
            summary=lambda row: (
                _("Uitzondering %(exception)s (%(year)s) verwijderd")
                % {"exception": row, "year": row.year}
            ),
            request=request,
        )


# --- Compensation routes ---------------------------------------------------------------------


def _compensation_values(coalition: Coalition, data: dict) -> dict:
    values = {name: data.get(name) for name in COMPENSATION_FIELDS}
    for name in ("name", "conditions", "how_to_apply", "contact", "source"):
        values[name] = _text(values[name])
    values["minima_only"] = bool(values["minima_only"])
    values["is_active"] = bool(values["is_active"])
    values["care_kinds"] = list(dict.fromkeys(values["care_kinds"] or []))
    errors = {}
    municipality = values["municipality"]
    if not isinstance(municipality, Municipality) or municipality.coalition_id != coalition.pk:
        errors["municipality"] = _("Kies een gemeente van deze coalitie.")
    if values["kind"] not in CompensationKind.values:
        errors["kind"] = _("Kies een soort regeling uit de lijst.")
    if not values["name"]:
        errors["name"] = _("Geef de regeling een naam.")
    wrong = [code for code in values["care_kinds"] if code not in CareKind.values]
    if wrong:
        errors["care_kinds"] = _("Onbekende soort zorg: %(codes)s.") % {"codes": ", ".join(wrong)}
    _raise(errors)
    return values


def compensation_route_save(
    *,
    actor,
    coalition: Coalition,
    data: dict,
    route_pk: int | None = None,
    expected_version: int = 0,
    request=None,
) -> CompensationRoute:
    _require_compensation(actor, coalition)
    values = _compensation_values(coalition, data)
    with transaction.atomic():
        return _save_versioned(
            model=CompensationRoute,
            coalition=coalition,
            actor=actor,
            values=values,
            pk=route_pk,
            expected_version=expected_version,
            names=COMPENSATION_FIELDS,
            summary=lambda row, created: (
                (
                    _("Vergoedingsregeling %(name)s aangemaakt")
                    if created
                    else _("Vergoedingsregeling %(name)s gewijzigd")
                )
                % {"name": row.name}
            ),
            request=request,
        )


def compensation_route_delete(*, actor, coalition: Coalition, route_pk: int, request=None) -> None:
    _require_compensation(actor, coalition)
    with transaction.atomic():
        _delete(
            model=CompensationRoute,
            coalition=coalition,
            actor=actor,
            pk=route_pk,
            summary=lambda row: _("Vergoedingsregeling %(name)s verwijderd") % {"name": row.name},
            request=request,
        )


# --- Whole years -----------------------------------------------------------------------------


def financing_defaults_load(*, actor, coalition: Coalition, request=None) -> int:
    """The shipped figures (`defaults.load_defaults`), for administrators."""
    _require_rules(actor, coalition)
    return defaults.load_defaults(coalition, actor=actor, request=request)


def financing_year_copy(
    *, actor, coalition: Coalition, source_year: int, target_year: int, request=None
) -> int:
    """Copy the figures, rules and insurers' exceptions of `source_year` to `target_year`,
    as the start of a new year's figures. Refused when the target year already has rules or
    figures (nothing is overwritten). Returns the number of rows copied."""
    _require_rules(actor, coalition)
    _check_year(target_year)
    if source_year == target_year:
        raise ValidationError({"target_year": _("Kies een ander jaar dan het jaar zelf.")})
    now = timezone.now()
    with transaction.atomic():
        # Lock the source year's figures (if any), so two copies do not run at once.
        list(
            FinancingYear.objects.select_for_update()
            .filter(coalition=coalition, year=source_year)
            .order_by()
        )
        target = {"coalition": coalition, "year": target_year}
        if (
            FinancingRule.objects.filter(**target).exists()
            or FinancingYear.objects.filter(**target).exists()
            or InsurerException.objects.filter(**target).exists()
        ):
            raise ValidationError(
                {
                    "target_year": _(
                        "Voor %(year)s zijn al cijfers of regels. Kopiëren kan alleen naar een "
                        "jaar zonder cijfers."
                    )
                    % {"year": target_year}
                }
            )
        source = {"coalition": coalition, "year": source_year}
        rules = list(FinancingRule.objects.filter(**source))
        exceptions = list(InsurerException.objects.filter(**source))
        figures = FinancingYear.objects.filter(**source).first()
        if not rules and not exceptions and figures is None:
            raise ValidationError(
                {"target_year": _("%(year)s heeft niets om te kopiëren.") % {"year": source_year}}
            )
        fresh = {"year": target_year, "version": 1, "updated_by": actor, "updated_at": now}
        for row in [*rules, *exceptions, *([figures] if figures else [])]:
            row.pk = None
            row.id = None
            for name, value in fresh.items():
                setattr(row, name, value)
        FinancingRule.objects.bulk_create(rules)
        InsurerException.objects.bulk_create(exceptions)
        if figures is not None:
            figures.save(force_insert=True)
        copied = len(rules) + len(exceptions) + (1 if figures else 0)
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type=FinancingRule._meta.label,
            coalition=coalition,
            summary=_("Financiering %(source)s gekopieerd naar %(target)s: %(rules)s regels")
            % {"source": source_year, "target": target_year, "rules": len(rules)},
            changes={
                "source_year": source_year,
                "target_year": target_year,
                "rules": len(rules),
                "exceptions": len(exceptions),
                "figures": figures is not None,
            },
            request=request,
        )
        return copied
