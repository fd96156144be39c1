"""seed_demo gives the demo coalition twelve months of fictional history: every month has
signalled pregnancies and route decisions, the last quarter shows numbers (10 or more) for
several indicators, and running it again adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from kansrijk.families.models import Family
from kansrijk.monitoring.api import default_period
from kansrijk.monitoring.demo import COALITION, COUNT, plans, seed_demo_monitoring
from kansrijk.monitoring.figures import figures
from kansrijk.monitoring.indicators import Scope
from kansrijk.monitoring.periods import Period
from kansrijk.organisations.models import Coalition

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo once for this module, rolled back after it (as the families' test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", allow_production=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def scope(demo):
    return Scope(Coalition.objects.get(name=COALITION).pk)


def _large(cells) -> bool:
    return any((cell.numerator or 0) >= 10 for cell in cells)


def test_the_last_quarter_shows_numbers_for_several_indicators(scope):
    found = figures(scope, default_period())

    shown = sorted(code for code, cells in found.items() if _large(cells))
    assert len(shown) >= 6, shown
    for code in ("pregnancies_signalled", "route_distribution", "interpreter_use"):
        assert code in shown, shown


def test_every_month_of_the_last_year_has_signaling_and_routes(scope):
    month = Period.parse(timezone.localdate().strftime("%Y-%m"))
    for _ in range(11):  # the eleven full months before this one
        month = month.previous()
        found = figures(scope, month, codes={"pregnancies_signalled", "route_distribution"})
        assert found["pregnancies_signalled"][0].numerator > 0, month.code
        assert found["route_distribution"][0].denominator > 0, month.code  # routes chosen


def test_the_history_is_fictional_and_added_once(demo):
    references = [plan.reference for plan in plans(timezone.localdate())]
    families = Family.objects.filter(reference__in=references, coalition__name=COALITION)
    assert families.count() == COUNT
    assert all(family.strengths.startswith("Fictief") for family in families)
    assert "0 gezinnen met geschiedenis nieuw" in seed_demo_monitoring()
    assert families.count() == COUNT
