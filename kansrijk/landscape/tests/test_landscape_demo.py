"""seed_demo gives the demo region a VSV, KSV, ROS and JGZ organisation covering the demo
coalitions' municipalities, Beekveld a central reporting point, Lindeoord three open
agreements and a buddy programme and a childcare organisation on its social map (with
phases, needs and target groups, so the klantroute shows them); running it again adds
nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from kansrijk.landscape import demo_landscape
from kansrijk.landscape.models import Agreement, CentralPoint, Partnership
from kansrijk.socialmap import demo as socialmap_demo
from kansrijk.socialmap.models import Organization, Service
from kansrijk.socialmap.terms import service_terms

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_the_step_runs_after_the_social_map():
    assert socialmap_demo.ORDER < demo_landscape.ORDER


def test_the_demo_region_has_its_partnerships_point_and_agreements(demo):
    assert "Demo-landschap:" in demo
    kinds = dict(Partnership.objects.values_list("kind", "name"))
    assert set(kinds) == {"vsv", "ksv", "ros", "jgz"}
    vsv = Partnership.objects.get(kind="vsv")
    assert sorted(vsv.municipalities.values_list("cbs_code", flat=True)) == [
        "GM9901",
        "GM9902",
        "GM9903",
    ]
    assert CentralPoint.objects.get().municipality.cbs_code == "GM9902"
    assert Agreement.objects.filter(status__in=["open", "in_progress"]).count() == 3


def test_partners_beyond_care_are_on_the_map_with_terms(demo):
    buddy = Service.objects.get(organization__name="Maatjesproject Samen Sterk (fictief)")
    childcare = Service.objects.get(organization__name="Kinderopvang Het Kleine Huis (fictief)")
    terms = service_terms([buddy.pk, childcare.pk])
    assert "gap" in terms[buddy.pk]["phases"]
    assert "social_network" in terms[buddy.pk]["needs"]
    assert terms[buddy.pk]["laws"] == ["informal"]
    assert terms[childcare.pk]["phases"] == ["infancy", "toddler"]
    assert buddy.municipality_access.count() == 2


def test_running_it_again_adds_nothing(demo):
    counts = (
        Partnership.objects.count(),
        CentralPoint.objects.count(),
        Agreement.objects.count(),
        Organization.objects.count(),
        Service.objects.count(),
    )
    assert "0 nieuwe samenwerkingsverbanden" in demo_landscape.seed_demo_landscape()
    assert counts == (
        Partnership.objects.count(),
        CentralPoint.objects.count(),
        Agreement.objects.count(),
        Organization.objects.count(),
        Service.objects.count(),
    )
