"""Coordinators choose the coalition's instruments and route steps; the trail keeps it."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.signaling.models import CoalitionInstrument, RouteStep
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_a_coordinator_switches_an_instrument_off_and_on(cast):
    client = logged_in_client(cast.coordinator)
    url = reverse("signaling:instruments")
    page = client.get(url).content.decode()
    assert "Signalering Kansrijke Start" in page
    assert "Niet gevalideerd" in page

    response = client.post(
        url, {"instrument": "professioneel-oordeel", "enabled": "0"}, follow=True
    )
    assert "Het instrument staat uit." in response.content.decode()
    assert not CoalitionInstrument.objects.get(instrument_key="professioneel-oordeel").enabled
    assert AuditEvent.objects.filter(action="instrument_disabled", actor=cast.coordinator).exists()

    response = client.post(url, {"instrument": "r4u-kansrijk", "enabled": "0"}, follow=True)
    assert "Er moet minstens één instrument in gebruik blijven." in response.content.decode()

    response = client.post(url, {"instrument": "bestaat-niet", "enabled": "1"}, follow=True)
    assert "Dit instrument bestaat niet." in response.content.decode()


def test_a_coordinator_adds_and_edits_a_route_step(cast):
    client = logged_in_client(cast.coordinator)
    listing = client.get(reverse("signaling:route_steps")).content.decode()
    assert "Prenataal huisbezoek door de JGZ" in listing
    assert "standaardstappen" in listing

    add = reverse("signaling:route_step_add")
    response = client.post(
        add,
        {"route": "2", "title": "", "owner_kind": "organisation", "due_days": "0", "order": "1"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Kies de organisatie die deze taak krijgt." in content
    assert "Geef minstens 1 werkdag." in content

    response = client.post(
        add,
        {
            "route": "2",
            "title": "Kennismaken met het buurtteam",
            "owner_kind": "decider",
            "due_days": "5",
            "order": "30",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    steps = RouteStep.objects.filter(coalition=cast.coalition)
    assert steps.count() == 5  # the four defaults, now the coalition's own, and the new one
    step = steps.get(title="Kennismaken met het buurtteam")
    assert step.code == "kennismaken-met-het-buurtteam"

    edit = reverse("signaling:route_step_edit", args=[step.pk])
    client.post(
        edit,
        {
            "route": "2",
            "title": step.title,
            "owner_kind": "decider",
            "due_days": "8",
            "order": "30",
        },
    )
    step.refresh_from_db()
    assert step.due_days == 8
    assert not step.is_active
    saved = (
        AuditEvent.objects.filter(action="route_step_saved", object_id=str(step.pk))
        .order_by("pk")
        .last()
    )
    assert saved.changes["due_days"] == [5, 8]


def test_another_coalitions_route_step_does_not_exist(cast):
    from kansrijk.signaling.services import route_step_save

    step = route_step_save(
        actor=cast.coordinator,
        coalition=cast.other_coalition,
        step_pk=None,
        data={"route": 2, "title": "Elders", "owner_kind": "decider", "due_days": 5},
    )
    response = logged_in_client(cast.coordinator).get(
        reverse("signaling:route_step_edit", args=[step.pk])
    )
    assert response.status_code == 404
