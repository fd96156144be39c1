"""Fictional chain signals among the demo families (seed_demo step 40).

The demo families (`kansrijk.families.demo`) and their screenings (`kansrijk.signaling.demo`)
already hold most situations: families in the gap after kraamzorg without a JGZ contact
(DEMO-024 to DEMO-027), a child turning two soon without an after-care agreement (DEMO-037).
This step adds what time alone would bring, so that every kind of chain signal shows on the
day the demo is loaded:

- three route decisions are dated on the day of their screening instead of the day the demo
  was loaded: DEMO-012 (urgent route 3, nothing done since), DEMO-008 (route 3, not yet in
  an MDO) and DEMO-015 (route 2); none has a case director;
- DEMO-021 has a handover to the neighbourhood team that was not accepted by its due date;
- DEMO-026 had its JGZ contact planned from the work queue, so it is in the gap *without*
  a signal;
- DEMO-103 (Heuvelrande) withdrew its consent for the care team. (It is not a Lindeoord
  family: the families demo promises care-team consent for every family there.)

Everything goes through the services as the care team would; only dates in the past are
set afterwards, as a service always writes "now". The step is idempotent.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from kansrijk.care.models import CaseDirector, Handover, Task
from kansrijk.care.services_handovers import handover_propose
from kansrijk.families.models import Consent, ConsentPurpose, Family
from kansrijk.families.services import consent_withdraw
from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Organisation, Professional
from kansrijk.signaling.models import RouteDecision

from .rules import JGZ_CONTACT_SOURCE
from .services import jgz_contact_plan

ROUTE_ON_SCREENING_DAY = ("DEMO-012", "DEMO-008", "DEMO-015")
HANDOVER_FAMILY = "DEMO-021"
HANDOVER_SUMMARY = (
    "Moeder wil graag hulp bij het aanvragen van toeslagen en het regelen van kinderopvang. "
    "Zij is telefonisch goed bereikbaar."
)
JGZ_PLANNED = "DEMO-026"
CONSENT_WITHDRAWN = "DEMO-103"


def seed_demo_worklist() -> str | None:
    families = {f.reference: f for f in Family.objects.filter(reference__startswith="DEMO-")}
    if not families:
        return None
    people = {p.username: p for p in Professional.objects.filter(username__in=_LOGINS)}
    done = [
        _date_routes_on_screening_day(families),
        _late_handover(families.get(HANDOVER_FAMILY), people),
        _plan_jgz_contact(families.get(JGZ_PLANNED), people),
        _withdraw_care_team_consent(families.get(CONSENT_WITHDRAWN), people),
    ]
    return f"Demo-werkvoorraad: {sum(done)} ketensignaal-situaties bijgewerkt."


_LOGINS = ("verloskundige", "jgz", "verloskundige2")


def _at_ten(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


@transaction.atomic
def _date_routes_on_screening_day(families: dict) -> int:
    changed = 0
    for reference in ROUTE_ON_SCREENING_DAY:
        family = families.get(reference)
        if family is None or CaseDirector.objects.filter(family=family).exists():
            continue
        for decision in RouteDecision.objects.filter(family=family).select_related("assessment"):
            screened = decision.assessment.assessed_on if decision.assessment else None
            if screened is None or timezone.localtime(decision.decided_at).date() <= screened:
                continue
            RouteDecision.objects.filter(pk=decision.pk).update(decided_at=_at_ten(screened))
            changed += 1
    return changed


@transaction.atomic
def _late_handover(family: Family | None, people: dict) -> int:
    if family is None or not family.is_open or "verloskundige" not in people:
        return 0
    if Handover.objects.filter(family=family, summary=HANDOVER_SUMMARY).exists():
        return 0
    neighbourhood_team = Organisation.objects.filter(name="Buurtteam Lindeoord-Zuid").first()
    if neighbourhood_team is None:
        return 0
    today = timezone.localdate()
    handover = handover_propose(
        actor=people["verloskundige"],
        family_pk=family.pk,
        summary=HANDOVER_SUMMARY,
        to_organisation=neighbourhood_team,
        due_date=today,
    )
    # Proposed a week ago, to be accepted three days ago: nobody answered.
    Handover.objects.filter(pk=handover.pk).update(
        proposed_at=_at_ten(today - timedelta(days=7)), due_date=today - timedelta(days=3)
    )
    return 1


def _plan_jgz_contact(family: Family | None, people: dict) -> int:
    if family is None or not family.is_open or "jgz" not in people:
        return 0
    if Task.objects.filter(family=family, source=JGZ_CONTACT_SOURCE).exists():
        return 0
    jgz_contact_plan(actor=people["jgz"], family_pk=family.pk)
    return 1


@transaction.atomic
def _withdraw_care_team_consent(family: Family | None, people: dict) -> int:
    if family is None or not family.is_open or "verloskundige2" not in people:
        return 0
    consents = Consent.objects.in_force().filter(family=family, purpose=ConsentPurpose.CARE_TEAM)
    if not consents.filter(given=True).exists():
        return 0
    consent_withdraw(
        actor=people["verloskundige2"], family_pk=family.pk, purpose=ConsentPurpose.CARE_TEAM
    )
    # The file was opened when care started, weeks before today.
    first_pregnancy = family.pregnancies.order_by("entered_care_on").first()
    if first_pregnancy is not None and first_pregnancy.entered_care_on:
        Family.objects.filter(pk=family.pk).update(
            created_at=_at_ten(first_pregnancy.entered_care_on)
        )
    return 1


organisations_demo.register_demo_step(40, seed_demo_worklist)
