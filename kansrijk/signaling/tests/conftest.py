"""Fixtures for signaling: a pregnant family of the shared cast and answer sets per level."""

from datetime import date, timedelta

import pytest
import time_machine

from kansrijk.families.services import pregnancy_add
from kansrijk.signaling import instruments as registry
from kansrijk.signaling.demo import answers_for_level
from kansrijk.signaling.levels import Level

# A Wednesday, so that "two working days" is not bent by a weekend in most tests; after
# the day the suite is written, so the cast's memberships have started.
TODAY = date(2027, 3, 3)
R4U = "r4u-kansrijk"
JUDGEMENT = "professioneel-oordeel"


@pytest.fixture(autouse=True)
def today(request):
    """Frozen at TODAY, except in browser tests: their live server keeps real time."""
    if request.node.get_closest_marker("browser"):
        yield date.today()
        return
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def pregnant_family(today, cast, cast_family):
    """The cast family, 10+0 weeks pregnant today."""
    pregnancy_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"due_date": today + timedelta(days=280 - 70), "gravidity": 1, "parity": 0},
    )
    return cast_family


@pytest.fixture
def r4u():
    return registry.get_instrument(R4U)


@pytest.fixture
def answers(r4u):
    """answers(level) → made-up answers of the default instrument giving that level."""
    return lambda level: answers_for_level(r4u, Level(level))
