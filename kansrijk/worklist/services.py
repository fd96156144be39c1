"""Writes of the work queue: the actions that fix a chain signal, and the coalition's
thresholds.

An action on a family is an update of the family file: it goes through the access policy
(`get_family_for_user` with a row lock, which writes the NEN 7513 access event) inside one
transaction, and the task it makes lands on the family's timeline (`care.services.task_create`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.models import Task, TaskStatus
from kansrijk.care.services import task_create
from kansrijk.core.audit import audit_record
from kansrijk.core.dates import add_working_days
from kansrijk.families.models import Family
from kansrijk.families.phases import add_years, family_phase
from kansrijk.organisations.models import (
    Coalition,
    Membership,
    Organisation,
    OrganisationKind,
    Professional,
)

from .models import SignalSetting
from .rules import AFTERCARE_SOURCE, JGZ_CONTACT_SOURCE, RULES_BY_CODE

Action = AccessEvent.Action
# A JGZ contact planned from the work queue is due within this many working days.
JGZ_CONTACT_WORKING_DAYS = 2


def _require_open(family: Family) -> None:
    if not family.is_open:
        raise ValidationError(_("Dit dossier is gesloten."))


def _check_due_date(due_date: date | None) -> None:
    if due_date is not None and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("Kies een datum vanaf vandaag.")})


def _jgz_owner(actor: Professional, family: Family) -> tuple[Professional | None, Organisation]:
    """The actor when they work for a JGZ organisation in the family's coalition, else the
    coalition's JGZ organisation (as the route steps address it)."""
    works_for_jgz = (
        Membership.objects.current()
        .filter(
            professional=actor,
            coalition_id=family.coalition_id,
            is_professional=True,
            organisation__kind=OrganisationKind.JGZ,
        )
        .select_related("organisation")
        .first()
    )
    if works_for_jgz is not None:
        return actor, None
    jgz = (
        Organisation.objects.filter(
            coalitions=family.coalition_id, kind=OrganisationKind.JGZ, is_active=True
        )
        .order_by("name", "pk")
        .first()
    )
    if jgz is None:
        raise ValidationError(
            _("Deze coalitie heeft geen actieve JGZ-organisatie om het contact te plannen.")
        )
    return None, jgz


@transaction.atomic
def jgz_contact_plan(
    *,
    actor: Professional,
    family_pk: int,
    due_date: date | None = None,
    request=None,
) -> Task:
    """Plan the first JGZ contact after kraamzorg: a task with source "jgz_contact".

    Owned by the actor when they work for a JGZ organisation, else by the coalition's JGZ
    organisation; due on `due_date` or within two working days. This is what the work
    queue's rule "in the gap without a JGZ contact" looks for, so the signal goes away.
    """
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("JGZ-contact gepland vanuit de werkvoorraad"),
    )
    _require_open(family)
    _check_due_date(due_date)
    if Task.objects.filter(
        family=family, source=JGZ_CONTACT_SOURCE, status=TaskStatus.OPEN
    ).exists():
        raise ValidationError(_("Er staat al een JGZ-contact gepland voor dit gezin."))
    owner, organisation = _jgz_owner(actor, family)
    return task_create(
        actor=actor,
        family=family,
        title=_("Eerste JGZ-contact na de kraamperiode"),
        description=_("Gepland vanuit de werkvoorraad: het gezin zat tussen kraamzorg en JGZ."),
        owner=owner,
        owner_organisation=organisation,
        due_date=due_date or add_working_days(timezone.localdate(), JGZ_CONTACT_WORKING_DAYS),
        source=JGZ_CONTACT_SOURCE,
    )


@transaction.atomic
def aftercare_record(
    *,
    actor: Professional,
    family_pk: int,
    agreement: str = "",
    due_date: date | None = None,
    request=None,
) -> Task:
    """Record the after-care agreement (nazorgafspraak) for after the 1000 days: a task with
    source "aftercare", owned by the actor, due on the child's second birthday (or
    `due_date`), with the agreement as its description."""
    family = get_family_for_user(
        actor,
        family_pk,
        Action.UPDATE,
        request=request,
        lock=True,
        detail=_("Nazorgafspraak vastgelegd vanuit de werkvoorraad"),
    )
    _require_open(family)
    _check_due_date(due_date)
    if Task.objects.filter(family=family, source=AFTERCARE_SOURCE, status=TaskStatus.OPEN).exists():
        raise ValidationError(_("Er staat al een nazorgafspraak open voor dit gezin."))
    if due_date is None:
        today = timezone.localdate()
        phase = family_phase(family.pregnancies.all(), today=today)
        if phase.child_age_days is None:
            due_date = today + timedelta(days=30)
        else:
            birth = today - timedelta(days=phase.child_age_days)
            due_date = max(add_years(birth, 2), today)
    return task_create(
        actor=actor,
        family=family,
        title=_("Nazorgafspraak na de 1000 dagen"),
        description=agreement.strip()
        or _("Afspreken wie het gezin na de tweede verjaardag volgt en waar het terecht kan."),
        owner=actor,
        due_date=due_date,
        source=AFTERCARE_SOURCE,
    )


# --- Thresholds per coalition ----------------------------------------------------------------


@dataclass(frozen=True)
class SettingValue:
    days: int
    is_active: bool


@transaction.atomic
def signal_settings_save(
    *,
    actor: Professional,
    coalition: Coalition,
    values: dict[str, SettingValue],
    request=None,
) -> int:
    """Store the coalition's thresholds; each changed rule writes one audit event.

    Returns how many rules changed. A value equal to the rule's default is stored too once a
    coalition changed it, so the page shows what the coalition chose.
    """
    errors = {}
    for code, value in values.items():
        rule = RULES_BY_CODE.get(code)
        if rule is None:
            errors[f"days_{code}"] = _("Dit signaal bestaat niet.")
        elif not rule.min_days <= value.days <= rule.max_days:
            errors[f"days_{code}"] = _("Kies een termijn van %(min)s tot en met %(max)s.") % {
                "min": rule.min_days,
                "max": rule.max_days,
            }
    if errors:
        raise ValidationError(errors)
    Coalition.objects.select_for_update().get(pk=coalition.pk)
    existing = {s.rule_code: s for s in SignalSetting.objects.filter(coalition=coalition)}
    changed = 0
    for code, value in values.items():
        rule = RULES_BY_CODE[code]
        setting = existing.get(code)
        before = (
            (setting.days, setting.is_active) if setting is not None else (rule.default_days, True)
        )
        after = (value.days, value.is_active)
        if before == after:
            continue
        if setting is None:
            setting = SignalSetting(coalition=coalition, rule_code=code)
        setting.days, setting.is_active = after
        setting.changed_by = actor
        setting.save()
        changes = {}
        if before[0] != after[0]:
            changes["days"] = [before[0], after[0]]
        if before[1] != after[1]:
            changes["is_active"] = [before[1], after[1]]
        audit_record(
            actor=actor,
            action="update",
            obj=setting,
            coalition=coalition,
            summary=_("Ketensignaal %(title)s: termijn %(days)s, %(state)s")
            % {
                "title": rule.title,
                "days": value.days,
                "state": _("aan") if value.is_active else _("uit"),
            },
            changes=changes,
            request=request,
        )
        changed += 1
    return changed
