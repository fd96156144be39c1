"""The 1000-day phase around every boundary (conventions in `kansrijk/families/phases.py`)."""

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kansrijk.families.phases import (
    CHILD_PHASES,
    PREGNANCY_PHASES,
    GestationalAge,
    PhaseCode,
    add_years,
    compute_phase,
    family_phase,
    phase_date_bounds,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
TODAY = date(2026, 3, 15)


def due_for(ga_days: int, today: date = TODAY) -> date:
    return today + timedelta(days=280 - ga_days)


@pytest.mark.parametrize(
    ("weeks", "days_", "expected"),
    [
        (0, 0, PhaseCode.TRIMESTER_1),
        (12, 6, PhaseCode.TRIMESTER_1),
        (13, 0, PhaseCode.TRIMESTER_2),
        (26, 6, PhaseCode.TRIMESTER_2),
        (27, 0, PhaseCode.TRIMESTER_3),
        (40, 0, PhaseCode.TRIMESTER_3),
        (42, 3, PhaseCode.TRIMESTER_3),
    ],
)
def test_trimester_boundaries(weeks, days_, expected):
    phase = compute_phase(today=TODAY, due_date=due_for(weeks * 7 + days_))
    assert phase.code == expected
    assert phase.gestational_age == GestationalAge(weeks, days_)


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (0, PhaseCode.KRAAMPERIODE),
        (7, PhaseCode.KRAAMPERIODE),
        (8, PhaseCode.GAP),
        (34, PhaseCode.GAP),
        (35, PhaseCode.INFANCY),
    ],
)
def test_days_after_birth(age, expected):
    phase = compute_phase(today=TODAY, due_date=TODAY, birth_date=TODAY - timedelta(days=age))
    assert phase.code == expected
    assert phase.child_age_days == age
    assert phase.gestational_age is None


def test_birthdays_start_toddler_and_close_the_1000_days():
    born = date(2024, 5, 10)
    assert compute_phase(today=date(2025, 5, 9), birth_date=born).code == PhaseCode.INFANCY
    assert compute_phase(today=date(2025, 5, 10), birth_date=born).code == PhaseCode.TODDLER
    assert compute_phase(today=date(2026, 5, 9), birth_date=born).code == PhaseCode.TODDLER
    assert compute_phase(today=date(2026, 5, 10), birth_date=born).code == PhaseCode.CLOSED


def test_a_leap_day_child_has_its_birthday_on_28_february():
    born = date(2024, 2, 29)
    assert compute_phase(today=date(2025, 2, 27), birth_date=born).code == PhaseCode.INFANCY
    assert compute_phase(today=date(2025, 2, 28), birth_date=born).code == PhaseCode.TODDLER
    assert compute_phase(today=date(2026, 2, 28), birth_date=born).code == PhaseCode.CLOSED


def test_without_a_pregnancy_it_is_preconception():
    phase = compute_phase(today=TODAY)
    assert phase.code == PhaseCode.PRECONCEPTION
    assert str(phase) == "Voor de zwangerschap"


def test_a_birth_in_the_future_is_refused():
    with pytest.raises(ValueError, match="after today"):
        compute_phase(today=TODAY, birth_date=TODAY + timedelta(days=1))


def test_dutch_description_with_gestational_age():
    phase = compute_phase(today=TODAY, due_date=due_for(20 * 7 + 3))
    assert str(phase) == "Zwangerschap, 2e trimester (20+3 weken)"
    assert phase.label == "Zwangerschap, 2e trimester"


def test_a_due_date_more_than_40_weeks_ahead_shows_0_plus_0():
    phase = compute_phase(today=TODAY, due_date=due_for(-10))
    assert phase.code == PhaseCode.TRIMESTER_1
    assert str(phase.gestational_age) == "0+0"


class _Pregnancy:
    def __init__(self, pk, due_date=None, birth_date=None, outcome=""):
        self.pk, self.due_date, self.birth_date, self.outcome = pk, due_date, birth_date, outcome


def test_family_phase_follows_the_most_recent_pregnancy_that_counts():
    toddler = _Pregnancy(1, date(2025, 1, 1), date(2025, 1, 3), "live_birth")
    lost = _Pregnancy(2, date(2026, 8, 1), date(2026, 1, 20), "miscarriage")
    assert family_phase([toddler, lost], today=TODAY).code == PhaseCode.TODDLER
    running = _Pregnancy(3, due_for(30 * 7))
    assert family_phase([toddler, lost, running], today=TODAY).code == PhaseCode.TRIMESTER_3
    assert family_phase([lost], today=TODAY).code == PhaseCode.PRECONCEPTION
    assert family_phase([], today=TODAY).code == PhaseCode.PRECONCEPTION


# --- Properties -----------------------------------------------------------------------------


@given(today=days, ga=st.integers(min_value=-28, max_value=44 * 7))
def test_trimester_follows_gestational_age(today, ga):
    phase = compute_phase(today=today, due_date=due_for(ga, today))
    expected = (
        PhaseCode.TRIMESTER_1
        if ga <= 12 * 7 + 6
        else PhaseCode.TRIMESTER_2
        if ga <= 26 * 7 + 6
        else PhaseCode.TRIMESTER_3
    )
    assert phase.code == expected
    assert phase.gestational_age.total_days == max(ga, 0)


@given(today=days, ga=st.integers(min_value=-28, max_value=44 * 7))
def test_one_more_day_never_goes_back_a_trimester(today, ga):
    order = list(PREGNANCY_PHASES)
    now = compute_phase(today=today, due_date=due_for(ga, today))
    tomorrow = compute_phase(today=today + timedelta(days=1), due_date=due_for(ga, today))
    assert order.index(tomorrow.code) in (order.index(now.code), order.index(now.code) + 1)


@given(birth=days, age=st.integers(min_value=0, max_value=900))
def test_child_phase_follows_age_and_birthdays(birth, age):
    today = birth + timedelta(days=age)
    phase = compute_phase(today=today, due_date=birth, birth_date=birth)
    if age <= 7:
        expected = PhaseCode.KRAAMPERIODE
    elif age <= 34:
        expected = PhaseCode.GAP
    elif today < add_years(birth, 1):
        expected = PhaseCode.INFANCY
    elif today < add_years(birth, 2):
        expected = PhaseCode.TODDLER
    else:
        expected = PhaseCode.CLOSED
    assert phase.code == expected


@given(birth=days, age=st.integers(min_value=0, max_value=900))
def test_child_phases_only_move_forward(birth, age):
    order = list(CHILD_PHASES)
    today = birth + timedelta(days=age)
    now = compute_phase(today=today, birth_date=birth).code
    tomorrow = compute_phase(today=today + timedelta(days=1), birth_date=birth).code
    assert order.index(tomorrow) - order.index(now) in (0, 1)


@given(birth=days)
def test_the_1000_days_close_on_the_second_birthday(birth):
    second_birthday = add_years(birth, 2)
    assert compute_phase(today=second_birthday, birth_date=birth).code == PhaseCode.CLOSED
    day_before = second_birthday - timedelta(days=1)
    assert compute_phase(today=day_before, birth_date=birth).code == PhaseCode.TODDLER


@given(today=days, offset=st.integers(min_value=-320, max_value=320))
def test_due_date_bounds_match_the_computed_phase(today, offset):
    due_date = today + timedelta(days=offset)
    code = compute_phase(today=today, due_date=due_date).code
    for phase in PREGNANCY_PHASES:
        bounds = phase_date_bounds(phase, today=today)
        assert bounds.field == "due_date"
        assert bounds.contains(due_date) == (phase == code)


@given(today=days, age=st.integers(min_value=0, max_value=1000))
@example(today=date(2025, 2, 28), age=365)  # born 29 February 2024: first birthday today
@example(today=date(2026, 2, 28), age=730)
@example(today=date(2024, 2, 29), age=366)
def test_birth_date_bounds_match_the_computed_phase(today, age):
    birth = today - timedelta(days=age)
    code = compute_phase(today=today, birth_date=birth).code
    for phase in CHILD_PHASES:
        bounds = phase_date_bounds(phase, today=today)
        assert bounds.field == "birth_date"
        assert bounds.contains(birth) == (phase == code)


def test_bounds_as_database_filter():
    bounds = phase_date_bounds(PhaseCode.GAP, today=TODAY)
    assert bounds.as_filter("pregnancies__") == {
        "pregnancies__birth_date__gte": TODAY - timedelta(days=34),
        "pregnancies__birth_date__lte": TODAY - timedelta(days=8),
    }
    assert phase_date_bounds(PhaseCode.PRECONCEPTION, today=TODAY) is None
