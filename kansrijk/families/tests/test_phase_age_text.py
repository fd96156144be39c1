from datetime import date, timedelta

import pytest

from kansrijk.families.phases import compute_phase

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("days_since_birth", "text"),
    [
        (0, "dag 0"),
        (6, "dag 6"),
        (7, "1 week"),
        (13, "1 week"),
        (14, "2 weken"),
        (89, "12 weken"),
        (91, "2 maanden"),
    ],
)
def test_the_childs_age_is_written_in_plain_dutch(days_since_birth, text):
    phase = compute_phase(today=TODAY, birth_date=TODAY - timedelta(days=days_since_birth))
    assert phase.age_text == text
    assert str(phase).endswith(f"({text})")


def test_in_pregnancy_the_age_is_weeks_and_days():
    phase = compute_phase(today=TODAY, due_date=TODAY + timedelta(days=140))
    assert phase.age_text == "20+0 weken"
    assert str(phase) == "Zwangerschap, 2e trimester (20+0 weken)"
