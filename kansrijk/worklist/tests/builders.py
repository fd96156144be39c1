"""Situations for the chain-signal tests, written through the services as the care team would.

Every builder runs at the frozen "now" of the test; dates are relative to `today`.
"""

from datetime import date, timedelta

from kansrijk.families.models import ConsentMethod, ConsentPurpose, Family
from kansrijk.families.services import consent_record, pregnancy_add, pregnancy_birth_record
from kansrijk.signaling.levels import Level, proposed_route
from kansrijk.signaling.services import assessment_record
from kansrijk.testing.actors import Cast
from kansrijk.testing.families import make_family

JUDGEMENT = "professioneel-oordeel"


def family_with_consent(cast: Cast, **data) -> Family:
    """The cast family (case director and JGZ care-team member), with care-team consent."""
    family = make_family(cast, **data)
    consent_record(
        actor=cast.case_director,
        family_pk=family.pk,
        purpose=ConsentPurpose.CARE_TEAM,
        given=True,
        method=ConsentMethod.VERBAL,
    )
    return family


def choose_route(cast: Cast, family: Family, *, level: str, route: int | None = None):
    """A professional judgement of `level`, with its route (the proposal unless given)."""
    proposal, _priority = proposed_route(Level(level))
    reason = "" if route in (None, proposal) else "Het zorgteam kiest bewust deze route."
    return assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key=JUDGEMENT,
        answers={"niveau": level, "reden": "Weinig steun en veel zorgen."},
        route=int(proposal if route is None else route),
        reason=reason,
    )


def born_on(cast: Cast, family: Family, birth_date: date, *, today: date):
    """A pregnancy of `family` that gave a living child on `birth_date`."""
    pregnancy = pregnancy_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={
            "due_date": min(birth_date + timedelta(days=3), today + timedelta(days=3)),
            "gravidity": 1,
            "parity": 0,
            "entered_care_on": min(birth_date - timedelta(days=200), today),
        },
    )
    pregnancy_birth_record(
        actor=cast.case_director,
        family_pk=family.pk,
        pregnancy_pk=pregnancy.pk,
        birth_date=birth_date,
        outcome="live_birth",
        child_first_name="Testkind",
        child_last_name="Test",
    )
    return pregnancy
