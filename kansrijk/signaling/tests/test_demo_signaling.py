"""seed_demo signals the demo families so that every level and route occurs."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from kansrijk.care.models import Task
from kansrijk.core.models import Notification
from kansrijk.signaling.levels import Level, Route
from kansrijk.signaling.models import Assessment, AssessmentStatus, RouteDecision

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for this module, in a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", allow_production=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def today():
    """The demo is dated from the real today; no time travel here."""
    return


def test_every_level_and_route_occurs(demo):
    final = Assessment.objects.filter(status=AssessmentStatus.FINAL)
    assert set(final.values_list("level", flat=True)) == set(Level.values)
    assert set(RouteDecision.objects.values_list("route", flat=True)) == set(Route.values)
    assert Assessment.objects.filter(status=AssessmentStatus.DRAFT).exists()


def test_an_urgent_case_notified_the_coordinator(demo):
    urgent = RouteDecision.objects.get(priority=True)
    assert urgent.route == Route.VULNERABLE
    assert Notification.objects.filter(
        recipient__username="coordinator", text__contains=urgent.family.reference
    ).exists()
    assert Task.objects.filter(family=urgent.family, priority=True).count() == 2


def test_one_route_was_chosen_against_the_proposal_with_a_reason(demo):
    overrides = [d for d in RouteDecision.objects.all() if d.is_override]
    assert overrides
    assert all(d.reason for d in overrides)


def test_a_family_was_re_assessed_and_its_route_changed(demo):
    changed = [
        reference
        for reference in RouteDecision.objects.values_list("family__reference", flat=True)
        .order_by()
        .distinct()
        if RouteDecision.objects.filter(family__reference=reference)
        .values("route")
        .distinct()
        .count()
        > 1
    ]
    assert changed


def test_running_it_again_adds_nothing(demo):
    before = Assessment.objects.count()
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    assert Assessment.objects.count() == before
    assert "Demo-signaleringen: 0 gezinnen nieuw" in out.getvalue()
