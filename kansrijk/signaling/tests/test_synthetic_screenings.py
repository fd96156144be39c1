"""generate_synthetic also screens the synthetic families (for the benchmark at scale)."""

from collections import Counter

import pytest

from kansrijk.care.models import Task
from kansrijk.families.synthetic import generate
from kansrijk.signaling import instruments as registry
from kansrijk.signaling.levels import Level
from kansrijk.signaling.models import Assessment, RouteDecision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    """Synthetic data is dated from the real today."""
    return


def test_most_pregnant_and_young_families_are_screened_with_a_route(cast):
    generate(families=400, coalitions=2, seed=7, force=True)
    assessments = Assessment.objects.filter(family__reference__startswith="SYN-")
    assert 150 < assessments.count() < 400
    levels = Counter(assessments.values_list("level", flat=True))
    assert levels[Level.NONE] > levels[Level.VULNERABLE] > 0
    assert RouteDecision.objects.filter(assessment__in=assessments).count() == assessments.count()
    assert Task.objects.filter(family__reference__startswith="SYN-", source="route").exists()
    one = assessments.select_related("pregnancy").first()
    # Stored like a real screening: the result reads back, the age matches the due date.
    assert registry.Result.from_dict(one.result).level == one.level
    expected = 280 - (one.pregnancy.due_date - one.assessed_on).days
    assert one.gestational_age_days == expected


def test_the_same_seed_gives_the_same_screenings(cast):
    generate(families=150, coalitions=1, seed=3, force=True)
    first = list(Assessment.objects.order_by("id").values_list("level", "assessed_on"))
    generate(families=150, coalitions=1, seed=3, force=True, reset=True)
    again = list(Assessment.objects.order_by("id").values_list("level", "assessed_on"))
    assert first == again
