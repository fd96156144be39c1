"""seed_demo tags some demo services with target groups, and the klantroute of the demo
coalition Lindeoord for pregnant women in a vulnerable situation shows a gap in the day 8 -
week 5 column for Beekveld; running seed_demo again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from kansrijk.landscape import demo_klantroute
from kansrijk.landscape.klantroute import NOT_AVAILABLE
from kansrijk.landscape.selectors_klantroute import klantroute
from kansrijk.organisations.models import Coalition
from kansrijk.socialmap import demo as socialmap_demo
from kansrijk.socialmap.models import Attribute
from kansrijk.socialmap.terms import service_terms
from kansrijk.socialmap.vocabulary import TargetGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _lindeoord() -> Coalition:
    return Coalition.objects.get(name="Kansrijke Start Lindeoord")


def test_the_step_runs_right_after_the_social_map():
    assert demo_klantroute.ORDER == socialmap_demo.ORDER + 1


def test_some_services_have_target_groups(demo):
    coalition = _lindeoord()
    services = {s.name: s.pk for s in coalition.map_services.all()}
    terms = service_terms(services.values())
    tagged = {name for name, pk in services.items() if terms[pk]["target_groups"]}
    assert {"VoorZorg", "Sociaal raadslieden", "Schuldhulpverlening"} <= tagged
    assert terms[services["VoorZorg"]]["target_groups"] == sorted(
        [TargetGroup.VULNERABLE_PREGNANT, TargetGroup.YOUNG_PARENTS]
    )
    assert len(tagged) < len(services)


def test_a_gap_in_the_day_8_week_5_column_for_one_municipality(demo):
    grid = klantroute(_lindeoord(), target_group=TargetGroup.VULNERABLE_PREGNANT).grid
    cell = grid.cell("gap", "language")
    assert [s.name for s in cell.services] == ["Formulierenspreekuur en hulp bij toeslagen"]
    not_available = [g.municipality.name for g in cell.gaps if g.kind == NOT_AVAILABLE]
    assert not_available == ["Beekveld"]


def test_running_it_again_changes_nothing(demo):
    before = Attribute.objects.count()
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    assert Attribute.objects.count() == before
    assert "Demo-klantroute: 0 aanbod kreeg een doelgroep." in out.getvalue()
