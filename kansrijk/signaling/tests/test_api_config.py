"""A coalition's route steps and instruments in use through the API: a coordinator reads and
changes them through the pages' form and services (Dutch messages, the audit trail); other
roles get 403; another coalition's steps are "not found"; a refused write stores nothing."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation
from kansrijk.signaling.models import CoalitionInstrument, RouteStep
from kansrijk.signaling.services import route_step_save
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

STEPS = "/api/v1/route-steps/"
INSTRUMENTS = "/api/v1/instrument-settings/"
R4U = "r4u-kansrijk"
JUDGEMENT = "professioneel-oordeel"


def detail(step) -> str:
    return reverse("api:route_step_detail", args=[step.pk])


def test_a_coordinator_sees_the_defaults_then_adds_and_changes_a_step(cast):
    client = logged_in_client(cast.coordinator)
    body = client.get(STEPS).json()
    assert body["coalition"] == cast.coalition.pk
    assert body["uses_defaults"] is True
    assert [step["code"] for step in body["steps"]] == [
        "jgz_prenatal_visit",
        "casusregie",
        "mdo_agenda",
        "casusregie",
    ]
    assert {step["id"] for step in body["steps"]} == {None}

    jgz = Organisation.objects.get(name="JGZ Eerstedorp")
    response = client.post(
        STEPS,
        {
            "route": 3,
            "title": "Gezin bespreken met de JGZ",
            "owner_kind": "organisation",
            "organisation": jgz.pk,
            "due_days": 3,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    created = response.json()
    step = RouteStep.objects.get(pk=created["id"])
    assert response["Location"] == detail(step)
    assert created["code"] == "gezin-bespreken-met-de-jgz"
    assert created["organisation"] == jgz.pk
    assert created["is_active"] is True
    assert step.coalition == cast.coalition
    event = AuditEvent.objects.get(action="route_step_saved", object_id=str(step.pk))
    assert event.actor == cast.coordinator
    assert event.changes["title"] == [None, "Gezin bespreken met de JGZ"]

    body = client.get(STEPS).json()
    assert body["uses_defaults"] is False
    assert len(body["steps"]) == 5  # the defaults were copied before the first change

    response = client.patch(
        detail(step), {"is_active": False, "due_days": 2}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert response.json()["title"] == "Gezin bespreken met de JGZ"
    step.refresh_from_db()
    assert (step.is_active, step.due_days, step.organisation) == (False, 2, jgz)
    change = AuditEvent.objects.filter(action="route_step_saved", object_id=str(step.pk)).latest(
        "pk"
    )
    assert change.changes == {"due_days": [3, 2], "is_active": [True, False]}
    assert client.get(detail(step)).json()["due_days"] == 2


def test_the_page_forms_messages_come_back_and_nothing_is_stored(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(
        STEPS,
        {"route": 2, "title": "", "owner_kind": "organisation", "due_days": 0},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors["organisation"] == ["Kies de organisatie die deze taak krijgt."]
    assert errors["due_days"] == ["Geef minstens 1 werkdag."]
    assert "title" in errors
    assert not RouteStep.objects.exists()
    assert not AuditEvent.objects.filter(action="route_step_saved").exists()


def test_an_organisation_of_another_coalition_is_refused(cast):
    other = OrganisationFactory(name="Wijkteam Tweededorp", coalitions=[cast.other_coalition])
    response = logged_in_client(cast.coordinator).post(
        STEPS,
        {"route": 2, "title": "Wijkteam", "owner_kind": "organisation", "organisation": other.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["organisation"]
    assert not RouteStep.objects.exists()


@pytest.mark.parametrize("actor", ["analyst", "case_director", "administrator", "outsider"])
def test_only_coordinators_configure(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(STEPS).status_code == 403
    response = client.post(STEPS, {"route": 2, "title": "Stap"}, content_type="application/json")
    assert response.status_code == 403
    assert client.get(INSTRUMENTS).status_code == 403
    response = client.put(INSTRUMENTS, {"in_use": [R4U]}, content_type="application/json")
    assert response.status_code == 403
    assert not RouteStep.objects.exists()
    assert not CoalitionInstrument.objects.exists()


def test_another_coalitions_step_and_coalition_are_not_found(cast):
    theirs = route_step_save(
        actor=cast.other_coalition_professional,
        coalition=cast.other_coalition,
        step_pk=None,
        data={"route": 2, "title": "Van hen", "owner_kind": "decider", "due_days": 5},
    )
    client = logged_in_client(cast.coordinator)
    assert client.get(detail(theirs)).status_code == 404
    response = client.patch(detail(theirs), {"due_days": 1}, content_type="application/json")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.due_days == 5
    assert client.get(STEPS, {"coalition": cast.other_coalition.pk}).status_code == 404
    assert client.get(INSTRUMENTS, {"coalition": cast.other_coalition.pk}).status_code == 404


def test_a_coordinator_of_two_coalitions_names_one(cast):
    MembershipFactory(
        professional=cast.coordinator,
        coalition=cast.other_coalition,
        organisation=OrganisationFactory(coalitions=[cast.other_coalition]),
        is_professional=False,
        is_coordinator=True,
    )
    client = logged_in_client(cast.coordinator)
    response = client.get(STEPS)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "coalition": ["Je werkt in meer dan één coalitie: geef de coalitie op."]
    }
    body = client.get(STEPS, {"coalition": cast.other_coalition.pk}).json()
    assert body["coalition"] == cast.other_coalition.pk


def test_a_coordinator_chooses_the_instruments_in_use(cast):
    client = logged_in_client(cast.coordinator)
    body = client.get(INSTRUMENTS).json()
    assert {row["key"]: row["in_use"] for row in body["instruments"]} == {
        R4U: True,
        JUDGEMENT: True,
    }
    response = client.put(INSTRUMENTS, {"in_use": [JUDGEMENT]}, content_type="application/json")
    assert response.status_code == 200
    assert {row["key"]: row["in_use"] for row in response.json()["instruments"]} == {
        R4U: False,
        JUDGEMENT: True,
    }
    event = AuditEvent.objects.get(action="instrument_disabled")
    assert event.actor == cast.coordinator
    assert event.coalition == cast.coalition
    assert event.summary == f"Instrument {R4U} uit"

    response = client.put(
        INSTRUMENTS, {"in_use": [R4U, JUDGEMENT]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="instrument_enabled").count() == 1
    assert all(row["in_use"] for row in response.json()["instruments"])


def test_at_least_one_instrument_stays_in_use_and_nothing_is_stored(cast):
    client = logged_in_client(cast.coordinator)
    response = client.put(INSTRUMENTS, {"in_use": []}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "in_use": ["Er moet minstens één instrument in gebruik blijven."]
    }
    assert not CoalitionInstrument.objects.filter(enabled=False).exists()
    assert not AuditEvent.objects.filter(action="instrument_disabled").exists()

    response = client.put(
        INSTRUMENTS, {"in_use": ["bestaat-niet"]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"in_use": ["Dit instrument bestaat niet."]}
    assert not CoalitionInstrument.objects.exists()


def test_without_a_session_or_token_the_answer_is_401(client):
    assert client.get(STEPS).status_code == 401
    assert client.put(INSTRUMENTS, {"in_use": []}, content_type="application/json").status_code == (
        401
    )


def test_the_schema_describes_the_configuration_endpoints(cast):
    schema = logged_in_client(cast.coordinator).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert set(paths["/api/v1/route-steps/"]) == {"get", "post"}
    assert set(paths["/api/v1/route-steps/{step_pk}/"]) == {"get", "patch"}
    assert set(paths["/api/v1/instrument-settings/"]) == {"get", "put"}
    post = paths["/api/v1/route-steps/"]["post"]
    assert post["summary"] == "Routestap toevoegen"
    assert {"201", "400", "403", "404"} <= set(post["responses"])
    [example] = post["requestBody"]["content"]["application/json"]["examples"].values()
    assert example["value"]["owner_kind"] == "organisation"
    put = paths["/api/v1/instrument-settings/"]["put"]
    assert put["summary"] == "Instrumenten in gebruik vastleggen"
    assert {"200", "400", "403", "404"} <= set(put["responses"])


def test_the_default_steps_are_copied_in_the_sites_language_whatever_the_request_asks(cast):
    client = logged_in_client(cast.coordinator)

    response = client.post(
        STEPS,
        {"route": 2, "title": "Welcome visit", "owner_kind": "decider", "due_days": 5},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 201
    copied = RouteStep.objects.get(coalition=cast.coalition, code="jgz_prenatal_visit")
    assert copied.title == "Prenataal huisbezoek door de JGZ"
