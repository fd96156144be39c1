"""seed_demo gives each demo coalition the shipped financing figures of 2020, clearly
fictional compensation routes and an insurer exception, and the demo services their kinds
of care; running it again adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from kansrijk.financing import demo_rules
from kansrijk.financing.models import (
    CompensationRoute,
    FinancingRule,
    FinancingYear,
    InsurerException,
)
from kansrijk.socialmap import demo as socialmap_demo
from kansrijk.socialmap.models import Service
from kansrijk.socialmap.terms import service_terms

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_the_step_runs_after_the_social_map():
    assert socialmap_demo.ORDER < demo_rules.ORDER < 60


def test_each_demo_coalition_has_the_2020_figures(demo):
    assert "Demo-financiering:" in demo
    for coalition_id in FinancingYear.objects.values_list("coalition_id", flat=True):
        rule = FinancingRule.objects.get(
            coalition_id=coalition_id, year=2020, care_kind="kraamzorg"
        )
        assert str(rule.contribution_amount) == "4.20"
    assert FinancingYear.objects.filter(year=2020).count() == 2


def test_the_examples_are_clearly_fictional(demo):
    routes = CompensationRoute.objects.all()
    assert routes.count() == 4  # bijzondere bijstand in three municipalities, one fund
    assert {route.kind for route in routes} == {"bijzondere_bijstand", "local_fund"}
    for route in routes:
        assert route.name.startswith("Voorbeeld:")
        assert route.source == "Fictief voorbeeld voor de demo"
    exceptions = InsurerException.objects.all()
    assert exceptions.count() == 2
    for exception in exceptions:
        assert exception.source == "Fictief voorbeeld voor de demo"
        assert (exception.insurance_kind, exception.care_kind) == ("basis_aanvullend", "kraamzorg")


def test_every_demo_service_has_a_kind_of_care(demo):
    services = list(Service.objects.values_list("pk", flat=True))
    terms = service_terms(services)
    assert all(terms[pk]["care_kinds"] for pk in services)
    kraamzorg = Service.objects.get(name="Kraamzorg met extra uren voor kwetsbare gezinnen")
    assert terms[kraamzorg.pk]["care_kinds"] == ["kraamzorg"]


def test_running_the_step_again_adds_nothing(demo):
    before = (
        FinancingRule.objects.count(),
        CompensationRoute.objects.count(),
        InsurerException.objects.count(),
    )
    summary = demo_rules.seed_demo_financing_rules()
    assert "0 standaardcijfers" in summary
    after = (
        FinancingRule.objects.count(),
        CompensationRoute.objects.count(),
        InsurerException.objects.count(),
    )
    assert after == before
