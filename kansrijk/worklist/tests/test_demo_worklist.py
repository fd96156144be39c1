"""seed_demo makes every kind of chain signal occur among the fictional demo families."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from kansrijk.care.models import Task
from kansrijk.families.models import Family
from kansrijk.organisations.models import Coalition
from kansrijk.worklist.rules import JGZ_CONTACT_SOURCE, RULES
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def all_signals():
    signals = []
    for coalition in Coalition.objects.all():
        signals += chain_signals(open_families_of_coalition(coalition), coalition)
    return signals


def test_every_kind_of_chain_signal_occurs(demo):
    assert "Demo-werkvoorraad:" in demo
    assert {s.rule.code for s in all_signals()} == {rule.code for rule in RULES}


def test_a_gap_family_with_a_planned_jgz_contact_has_no_gap_signal(demo):
    planned = Family.objects.get(reference="DEMO-026")
    assert Task.objects.filter(family=planned, source=JGZ_CONTACT_SOURCE).exists()
    in_the_gap = {s.reference for s in all_signals() if s.rule.code == "gap_without_jgz_contact"}
    assert "DEMO-026" not in in_the_gap
    assert {"DEMO-024", "DEMO-025", "DEMO-027"} <= in_the_gap


def test_running_it_again_changes_nothing(demo):
    before = sorted((s.rule.code, s.reference) for s in all_signals())
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    assert "Demo-werkvoorraad: 0 ketensignaal-situaties bijgewerkt." in out.getvalue()
    assert sorted((s.rule.code, s.reference) for s in all_signals()) == before
