"""Writes of business cases: one function per use case.

Business cases are coalition data that coordinators keep; no family appears in them. Every
write checks that the actor is a current coordinator of the case's coalition
(`PermissionDenied` otherwise), runs in one transaction with the case row locked
(`select_for_update`: two coordinators editing one scenario must not both bump the same
version), writes the audit trail and bumps the case's version. A write based on an older
version is refused (`VersionConflict`, with both versions of the case's own fields) instead of
overwriting someone else's change; `expected_version=None` skips the check (the rows' own
pages always send it, see views_business).

Every number row needs its source, the effects must satisfy low <= base <= high, an effect must
start within the horizon (lag < horizon), amounts are zero or more and the reach is at least
one family a year. The messages are Dutch and keyed by field, so the pages can put them next
to the field and the API can return them as they are.
"""

from decimal import Decimal, InvalidOperation
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.core.audit import audit_record, changed_fields
from kansrijk.core.models import AuditEvent
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Membership, Professional

from .models import (
    MAX_HORIZON,
    BusinessCase,
    BusinessCaseEffect,
    BusinessCaseIntervention,
    BusinessCaseSaving,
    BusinessPayer,
)

Action = AuditEvent.Action
CASE_FIELDS = ("name", "description", "start_year", "horizon_years")
INTERVENTION_FIELDS = ("name", "reach_per_year", "cost_per_family", "payer", "source")
EFFECT_FIELDS = ("outcome", "effect_low", "effect_base", "effect_high", "lag_years", "source")
SAVING_FIELDS = ("payer", "amount_per_outcome", "source")
MAX_AMOUNT = Decimal("999999999.99")  # max_digits=11, decimal_places=2
MAX_EFFECT = Decimal("999.9999")  # max_digits=7, decimal_places=4
MIN_YEAR, MAX_YEAR = 2000, 2100


# --- Who may -----------------------------------------------------------------------------------


def is_coordinator(actor, coalition_id: int) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=actor, coalition_id=coalition_id, is_coordinator=True)
        .exists()
    )


def _require_coordinator(actor, coalition_id: int) -> None:
    if not is_coordinator(actor, coalition_id):
        raise PermissionDenied


# --- Validation (pure; shared with the API's nested writes) -----------------------------------


def _text(values: dict, name: str) -> str:
    return str(values.get(name) or "").strip()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _integer(value) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def _amount(errors: dict, values: dict, name: str, limit: Decimal, places: int) -> Decimal:
    amount = _decimal(values.get(name))
    if amount is None:
        errors[name] = _("Vul een bedrag of getal in.")
    elif amount < 0:
        errors[name] = _("Vul nul of meer in.")
    elif amount > limit:
        errors[name] = _("Vul hooguit %(limit)s in.") % {"limit": limit}
    elif amount != amount.quantize(Decimal(1).scaleb(-places)):
        errors[name] = _("Gebruik hooguit %(places)s cijfers achter de komma.") % {"places": places}
    else:
        return amount
    return Decimal(0)


def _source(errors: dict, values: dict) -> str:
    source = _text(values, "source")
    if not source:
        errors["source"] = _(
            "Vermeld de bron van dit getal: een onderzoek, rapport of eigen cijfers."
        )
    return source


def clean_case(values: dict, *, max_lag: int | None = None) -> tuple[dict, dict]:
    """The case's own fields, cleaned, and the errors by field. `max_lag` is the largest lag
    of the case's stored effects: the horizon must cover it."""
    errors: dict[str, str] = {}
    name = _text(values, "name")
    if not name:
        errors["name"] = _("Geef het scenario een naam.")
    elif len(name) > 200:
        errors["name"] = _("Houd de naam korter dan 200 tekens.")
    start_year = _integer(values.get("start_year"))
    if start_year is None or not MIN_YEAR <= start_year <= MAX_YEAR:
        errors["start_year"] = _("Vul een jaartal in tussen %(low)s en %(high)s.") % {
            "low": MIN_YEAR,
            "high": MAX_YEAR,
        }
    horizon = _integer(values.get("horizon_years"))
    if horizon is None or not 1 <= horizon <= MAX_HORIZON:
        errors["horizon_years"] = _("Kies een looptijd van 1 tot en met %(max)s jaar.") % {
            "max": MAX_HORIZON
        }
    elif max_lag is not None and max_lag >= horizon:
        errors["horizon_years"] = _(
            "Een effect begint pas in jaar %(year)s: kies minstens %(year)s jaar, of pas dat "
            "effect eerst aan."
        ) % {"year": max_lag + 1}
    cleaned = {
        "name": name,
        "description": _text(values, "description"),
        "start_year": start_year,
        "horizon_years": horizon,
    }
    return cleaned, errors


def clean_intervention(values: dict) -> tuple[dict, dict]:
    errors: dict[str, str] = {}
    name = _text(values, "name")
    if not name:
        errors["name"] = _("Geef de interventie een naam.")
    elif len(name) > 200:
        errors["name"] = _("Houd de naam korter dan 200 tekens.")
    reach = _integer(values.get("reach_per_year"))
    if reach is None or reach < 1:
        errors["reach_per_year"] = _("Vul in hoeveel gezinnen per jaar meedoen: minstens 1.")
    elif reach > 2_000_000_000:
        errors["reach_per_year"] = _("Dit bereik is te groot.")
    cost = _amount(errors, values, "cost_per_family", MAX_AMOUNT, 2)
    payer = values.get("payer")
    if payer not in BusinessPayer.values:
        errors["payer"] = _("Kies wie de interventie betaalt.")
    cleaned = {
        "name": name,
        "reach_per_year": reach,
        "cost_per_family": cost,
        "payer": payer,
        "source": _source(errors, values),
    }
    return cleaned, errors


def clean_effect(values: dict, *, horizon: int) -> tuple[dict, dict]:
    errors: dict[str, str] = {}
    outcome = _text(values, "outcome")
    if not outcome:
        errors["outcome"] = _("Zeg welke uitkomst wordt voorkomen, bijvoorbeeld vroeggeboorte.")
    elif len(outcome) > 200:
        errors["outcome"] = _("Houd de uitkomst korter dan 200 tekens.")
    low = _amount(errors, values, "effect_low", MAX_EFFECT, 4)
    base = _amount(errors, values, "effect_base", MAX_EFFECT, 4)
    high = _amount(errors, values, "effect_high", MAX_EFFECT, 4)
    if "effect_low" not in errors and "effect_base" not in errors and low > base:
        errors["effect_low"] = _("De lage schatting mag niet hoger zijn dan de basisschatting.")
    if "effect_high" not in errors and "effect_base" not in errors and high < base:
        errors["effect_high"] = _("De hoge schatting mag niet lager zijn dan de basisschatting.")
    lag = _integer(values.get("lag_years"))
    if lag is None or lag < 0:
        errors["lag_years"] = _("Vul 0 in als het effect in het eerste jaar begint.")
    elif lag >= horizon:
        errors["lag_years"] = _(
            "Het scenario loopt %(horizon)s jaar: kies 0 tot en met %(last)s, of maak het "
            "scenario langer."
        ) % {"horizon": horizon, "last": horizon - 1}
    cleaned = {
        "outcome": outcome,
        "effect_low": low,
        "effect_base": base,
        "effect_high": high,
        "lag_years": lag,
        "source": _source(errors, values),
    }
    return cleaned, errors


def clean_saving(values: dict) -> tuple[dict, dict]:
    errors: dict[str, str] = {}
    payer = values.get("payer")
    if payer not in BusinessPayer.values:
        errors["payer"] = _("Kies wie de besparing heeft.")
    amount = _amount(errors, values, "amount_per_outcome", MAX_AMOUNT, 2)
    cleaned = {"payer": payer, "amount_per_outcome": amount, "source": _source(errors, values)}
    return cleaned, errors


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- The case ----------------------------------------------------------------------------------


def snapshot(case: BusinessCase) -> dict:
    return {name: getattr(case, name) for name in CASE_FIELDS}


def _locked_case(case_pk: int, coalition_id: int) -> BusinessCase:
    case = BusinessCase.objects.select_for_update().filter(pk=case_pk).first()
    if case is None:
        raise ValidationError(_("Dit scenario bestaat niet meer."))
    if case.coalition_id != coalition_id:
        raise PermissionDenied
    return case


def _check_version(case: BusinessCase, expected_version: int | None, submitted: dict) -> None:
    if expected_version is not None and case.version != expected_version:
        raise VersionConflict(
            expected_version=expected_version,
            current_version=case.version,
            current=snapshot(case),
            submitted=submitted,
        )


def _bump(case: BusinessCase, actor) -> None:
    case.version += 1
    case.updated_by = actor
    case.updated_at = timezone.now()
    case.save(update_fields=["version", "updated_by", "updated_at"])


def _max_lag(case: BusinessCase) -> int | None:
    return case.effects.aggregate(latest=Max("lag_years"))["latest"]


def _plain(values: dict) -> dict:
    return {name: [None, str(value)] for name, value in values.items()}


def business_case_save(
    *,
    actor: Professional,
    coalition: Coalition,
    data: dict,
    case_pk: int | None = None,
    expected_version: int | None = 0,
    is_example: bool = False,
    request=None,
) -> BusinessCase:
    """Create a scenario (`case_pk` None) or change its name, description, first year and
    horizon if nobody else changed it since `expected_version`."""
    _require_coordinator(actor, coalition.pk)
    with transaction.atomic():
        if case_pk is None:
            values, errors = clean_case(data)
            _raise(errors)
            now = timezone.now()
            case = BusinessCase.objects.create(
                coalition=coalition,
                created_by=actor,
                created_at=now,
                updated_by=actor,
                updated_at=now,
                is_example=is_example,
                **values,
            )
            audit_record(
                actor=actor,
                action=Action.CREATE,
                obj=case,
                coalition=coalition,
                summary=_("Businesscase %(name)s aangemaakt") % {"name": case.name},
                changes=_plain(values),
                request=request,
            )
            return case
        case = _locked_case(case_pk, coalition.pk)
        values, errors = clean_case(data, max_lag=_max_lag(case))
        _check_version(case, expected_version, values)
        _raise(errors)
        changes = changed_fields(case, values)
        if not changes:
            return case
        for name, value in values.items():
            setattr(case, name, value)
        case.version += 1
        case.updated_by = actor
        case.updated_at = timezone.now()
        case.save()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=case,
            coalition=coalition,
            summary=_("Businesscase %(name)s gewijzigd") % {"name": case.name},
            changes=changes,
            request=request,
        )
        return case


def business_case_delete(
    *,
    actor: Professional,
    coalition: Coalition,
    case_pk: int,
    expected_version: int | None = None,
    request=None,
) -> None:
    """Delete a scenario with its interventions, effects and savings."""
    _require_coordinator(actor, coalition.pk)
    with transaction.atomic():
        case = _locked_case(case_pk, coalition.pk)
        _check_version(case, expected_version, snapshot(case))
        name, pk = case.name, case.pk
        case.delete()
        audit_record(
            actor=actor,
            action=Action.DELETE,
            object_type=BusinessCase._meta.label,
            obj=None,
            coalition=coalition,
            summary=_("Businesscase %(name)s verwijderd") % {"name": name},
            changes={"id": pk, "name": name},
            request=request,
        )


# --- Interventions, effects and savings ---------------------------------------------------------


def _row_write(
    *,
    actor,
    case: BusinessCase,
    request,
    action: str,
    obj,
    summary: str,
    changes: dict,
    object_type: str = "",
) -> None:
    """What every row write ends with: the case's version, the audit trail."""
    _bump(case, actor)
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        object_type=object_type,
        coalition=case.coalition,
        summary=summary,
        changes={"case": case.pk, **changes},
        request=request,
    )


def _row_saved(*, actor, case, request, row, action, changes, name: str, added, changed):
    """The trail of a row `_row_put` created (`added` summary) or changed (`changed`)."""
    summary = added if action == Action.CREATE else changed
    _row_write(
        actor=actor,
        case=case,
        request=request,
        action=action,
        obj=row,
        summary=summary % {"name": name, "case": case.name},
        changes=changes,
    )


def _row_put(rows, pk: int | None, values: dict, *, create, missing: str):
    """Create a row of the scenario (`pk` None) or change the one with `pk` among `rows`:
    (row, action, changes), or (row, None, {}) when nothing changed."""
    if pk is None:
        return create(**values), Action.CREATE, _plain(values)
    row = rows.filter(pk=pk).first()
    if row is None:
        raise ValidationError(missing)
    changes = changed_fields(row, values)
    if not changes:
        return row, None, {}
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return row, Action.UPDATE, changes


def business_intervention_save(
    *,
    actor: Professional,
    case: BusinessCase,
    data: dict,
    intervention_pk: int | None = None,
    expected_version: int | None = None,
    request=None,
) -> BusinessCaseIntervention:
    """Add an intervention to the scenario (`intervention_pk` None) or change one."""
    _require_coordinator(actor, case.coalition_id)
    values, errors = clean_intervention(data)
    with transaction.atomic():
        case = _locked_case(case.pk, case.coalition_id)
        _check_version(case, expected_version, snapshot(case))
        _raise(errors)
        intervention, action, changes = _row_put(
            case.interventions,
            intervention_pk,
            values,
            create=partial(BusinessCaseIntervention.objects.create, case=case),
            missing=_("Deze interventie bestaat niet meer."),
        )
        if action is not None:
            _row_saved(
                actor=actor,
                case=case,
                request=request,
                row=intervention,
                action=action,
                changes=changes,
                name=intervention.name,
                added=_("Interventie %(name)s toegevoegd aan businesscase %(case)s"),
                changed=_("Interventie %(name)s van businesscase %(case)s gewijzigd"),
            )
        return intervention


def business_intervention_delete(
    *,
    actor: Professional,
    case: BusinessCase,
    intervention_pk: int,
    expected_version: int | None = None,
    request=None,
) -> None:
    """Remove an intervention with its effects and their savings."""
    _require_coordinator(actor, case.coalition_id)
    with transaction.atomic():
        case = _locked_case(case.pk, case.coalition_id)
        _check_version(case, expected_version, snapshot(case))
        intervention = case.interventions.filter(pk=intervention_pk).first()
        if intervention is None:
            raise ValidationError(_("Deze interventie bestaat niet meer."))
        name = intervention.name
        intervention.delete()
        _row_write(
            actor=actor,
            case=case,
            request=request,
            action=Action.DELETE,
            obj=None,
            object_type=BusinessCaseIntervention._meta.label,
            summary=_("Interventie %(name)s verwijderd uit businesscase %(case)s")
            % {"name": name, "case": case.name},
            changes={"id": intervention_pk, "name": name},
        )


def business_effect_save(
    *,
    actor: Professional,
    case: BusinessCase,
    data: dict,
    effect_pk: int | None = None,
    expected_version: int | None = None,
    request=None,
) -> BusinessCaseEffect:
    """Add an effect to one of the scenario's interventions (`data["intervention"]`: its id)
    or change one."""
    _require_coordinator(actor, case.coalition_id)
    with transaction.atomic():
        case = _locked_case(case.pk, case.coalition_id)
        _check_version(case, expected_version, snapshot(case))
        values, errors = clean_effect(data, horizon=case.horizon_years)
        intervention_id = _integer(
            getattr(data.get("intervention"), "pk", data.get("intervention"))
        )
        intervention = (
            case.interventions.filter(pk=intervention_id).first() if intervention_id else None
        )
        if intervention is None:
            errors["intervention"] = _("Kies bij welke interventie dit effect hoort.")
        _raise(errors)
        values["intervention"] = intervention
        effect, action, changes = _row_put(
            case.effects,
            effect_pk,
            values,
            create=partial(BusinessCaseEffect.objects.create, case=case),
            missing=_("Dit effect bestaat niet meer."),
        )
        if action is not None:
            _row_saved(
                actor=actor,
                case=case,
                request=request,
                row=effect,
                action=action,
                changes=changes,
                name=effect.outcome,
                added=_("Effect %(name)s toegevoegd aan businesscase %(case)s"),
                changed=_("Effect %(name)s van businesscase %(case)s gewijzigd"),
            )
        return effect


def business_effect_delete(
    *,
    actor: Professional,
    case: BusinessCase,
    effect_pk: int,
    expected_version: int | None = None,
    request=None,
) -> None:
    """Remove an effect with its savings."""
    _require_coordinator(actor, case.coalition_id)
    with transaction.atomic():
        case = _locked_case(case.pk, case.coalition_id)
        _check_version(case, expected_version, snapshot(case))
        effect = case.effects.filter(pk=effect_pk).first()
        if effect is None:
            raise ValidationError(_("Dit effect bestaat niet meer."))
        outcome = effect.outcome
        effect.delete()
        _row_write(
            actor=actor,
            case=case,
            request=request,
            action=Action.DELETE,
            obj=None,
            object_type=BusinessCaseEffect._meta.label,
            summary=_("Effect %(name)s verwijderd uit businesscase %(case)s")
            % {"name": outcome, "case": case.name},
            changes={"id": effect_pk, "outcome": outcome},
        )


def business_saving_add(
    *,
    actor: Professional,
    case: BusinessCase,
    effect_pk: int,
    data: dict,
    expected_version: int | None = None,
    request=None,
) -> BusinessCaseSaving:
    """Add what one avoided outcome of the effect saves one payer (one saving per payer)."""
    _require_coordinator(actor, case.coalition_id)
    values, errors = clean_saving(data)
    with transaction.atomic():
        case = _locked_case(case.pk, case.coalition_id)
        _check_version(case, expected_version, snapshot(case))
        effect = case.effects.filter(pk=effect_pk).first()
        if effect is None:
            raise ValidationError(_("Dit effect bestaat niet meer."))
        if "payer" not in errors and effect.savings.filter(payer=values["payer"]).exists():
            errors["payer"] = _(
                "Bij dit effect staat al een besparing voor deze betaler; haal die eerst weg "
                "of kies een andere betaler."
            )
        _raise(errors)
        saving = BusinessCaseSaving.objects.create(effect=effect, **values)
        _row_write(
            actor=actor,
            case=case,
            request=request,
            action=Action.CREATE,
            obj=saving,
            summary=_("Besparing voor %(payer)s toegevoegd aan effect %(name)s")
            % {"payer": saving.get_payer_display(), "name": effect.outcome},
            changes={"effect": effect.pk, **_plain(values)},
        )
        return saving


def business_saving_delete(
    *,
    actor: Professional,
    case: BusinessCase,
    saving_pk: int,
    expected_version: int | None = None,
    request=None,
) -> None:
    _require_coordinator(actor, case.coalition_id)
    with transaction.atomic():
        case = _locked_case(case.pk, case.coalition_id)
        _check_version(case, expected_version, snapshot(case))
        saving = (
            BusinessCaseSaving.objects.select_related("effect")
            .filter(pk=saving_pk, effect__case=case)
            .first()
        )
        if saving is None:
            raise ValidationError(_("Deze besparing bestaat niet meer."))
        payer, outcome = saving.get_payer_display(), saving.effect.outcome
        saving.delete()
        _row_write(
            actor=actor,
            case=case,
            request=request,
            action=Action.DELETE,
            obj=None,
            object_type=BusinessCaseSaving._meta.label,
            summary=_("Besparing voor %(payer)s verwijderd bij effect %(name)s")
            % {"payer": payer, "name": outcome},
            changes={"id": saving_pk},
        )


# --- The whole case at once (the API) ----------------------------------------------------------


def clean_nested(data: dict, *, horizon: int) -> tuple[list[dict], dict]:
    """The interventions with their effects and savings, cleaned, and the errors keyed by a
    dotted path such as "interventions.0.effects.1.effect_base"."""
    errors: dict[str, str] = {}
    interventions = []
    for i, row in enumerate(data.get("interventions") or []):
        values, row_errors = clean_intervention(row)
        errors.update({f"interventions.{i}.{k}": v for k, v in row_errors.items()})
        effects = []
        for j, effect_row in enumerate(row.get("effects") or []):
            effect, effect_errors = clean_effect(effect_row, horizon=horizon)
            prefix = f"interventions.{i}.effects.{j}"
            errors.update({f"{prefix}.{k}": v for k, v in effect_errors.items()})
            savings, payers = [], set()
            for k, saving_row in enumerate(effect_row.get("savings") or []):
                saving, saving_errors = clean_saving(saving_row)
                if "payer" not in saving_errors and saving["payer"] in payers:
                    saving_errors["payer"] = _("Noem elke betaler maar één keer per effect.")
                payers.add(saving["payer"])
                errors.update({f"{prefix}.savings.{k}.{n}": v for n, v in saving_errors.items()})
                savings.append(saving)
            effect["savings"] = savings
            effects.append(effect)
        values["effects"] = effects
        interventions.append(values)
    return interventions, errors


def business_case_replace(
    *,
    actor: Professional,
    coalition: Coalition,
    data: dict,
    case_pk: int | None = None,
    expected_version: int | None = None,
    request=None,
) -> BusinessCase:
    """Create a scenario with all its rows, or replace a scenario's fields and (when
    `data` has "interventions") all its rows at once, as the API's PUT and PATCH do."""
    _require_coordinator(actor, coalition.pk)
    with transaction.atomic():
        if case_pk is None:
            case_values, errors = clean_case(data)
        else:
            case = _locked_case(case_pk, coalition.pk)
            merged = {**snapshot(case), **{k: v for k, v in data.items() if k in CASE_FIELDS}}
            case_values, errors = clean_case(
                merged, max_lag=None if "interventions" in data else _max_lag(case)
            )
            _check_version(case, expected_version, case_values)
        rows, row_errors = clean_nested(data, horizon=case_values["horizon_years"] or 1)
        errors.update(row_errors)
        _raise(errors)
        now = timezone.now()
        if case_pk is None:
            case = BusinessCase.objects.create(
                coalition=coalition,
                created_by=actor,
                created_at=now,
                updated_by=actor,
                updated_at=now,
                **case_values,
            )
            action, changes = Action.CREATE, _plain(case_values)
            summary = _("Businesscase %(name)s aangemaakt")
        else:
            changes = changed_fields(case, case_values)
            for name, value in case_values.items():
                setattr(case, name, value)
            case.version += 1
            case.updated_by = actor
            case.updated_at = now
            case.save()
            action, summary = Action.UPDATE, _("Businesscase %(name)s gewijzigd")
        if "interventions" in data or case_pk is None:
            case.interventions.all().delete()  # cascades to effects and savings
            _create_rows(case, rows)
            changes["interventions"] = [None, str(len(rows))]
        audit_record(
            actor=actor,
            action=action,
            obj=case,
            coalition=coalition,
            summary=summary % {"name": case.name},
            changes=changes,
            request=request,
        )
        return case


def _create_rows(case: BusinessCase, rows: list[dict]) -> None:
    for row in rows:
        row = dict(row)
        effects = row.pop("effects")
        intervention = BusinessCaseIntervention.objects.create(case=case, **row)
        for effect_row in effects:
            effect_row = dict(effect_row)
            savings = effect_row.pop("savings")
            effect = BusinessCaseEffect.objects.create(
                case=case, intervention=intervention, **effect_row
            )
            BusinessCaseSaving.objects.bulk_create(
                BusinessCaseSaving(effect=effect, **saving) for saving in savings
            )
