"""Saving a kraamzorg calculation through the API, as "Opslaan" on the page: kept with the
year's figures, on the timeline, logged as an update, a task only when asked; input that
does not fit the year, or a closed file, answers 400 in Dutch and stores nothing; whoever
may not see the family gets 404 (the refusal logged) and anonymous 401."""

from datetime import date

import pytest
import time_machine

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.care.models import Task
from kansrijk.families.models import Family, TimelineEvent
from kansrijk.families.services import family_close
from kansrijk.financing.models import KraamzorgCalculation
from kansrijk.financing.services_kraamzorg import TASK_SOURCE
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing_kraamzorg import (
    kraamzorg_on_care_team,
    make_kraamzorg_year,
    make_pregnancy,
)

pytestmark = pytest.mark.django_db

TODAY = date(2020, 9, 3)  # a Thursday: five working days later is Thursday 10 September
NOT_FOUND = "Niet gevonden of geen toegang."
PROBLEM = "https://kansrijk.nl/problemen/"
VALID = {
    "year": 2020,
    "standard_hours": 49,
    "extra_hours": 10,
    "extra_reason": "Moeder heeft geen netwerk.",
    "chosen_hours": 24,
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def family(cast, cast_family) -> Family:
    make_kraamzorg_year(cast.coalition, 2020)
    Family.objects.filter(pk=cast_family.pk).update(low_income=True)
    make_pregnancy(cast_family, date(2020, 11, 20))
    cast_family.refresh_from_db()
    return cast_family


def _url(family) -> str:
    return f"/api/v1/families/{family.pk}/financing/kraamzorg/"


def save(client, family, data, **headers):
    return client.post(_url(family), data, content_type="application/json", **headers)


def test_the_care_team_saves_a_calculation_with_the_figures_of_the_year(cast, family):
    response = save(logged_in_client(cast.care_team_member), family, VALID)
    assert response.status_code == 201
    body = response.json()
    calculation = KraamzorgCalculation.objects.get(family=family)
    assert body["id"] == calculation.pk
    assert body["family"] == family.pk
    assert (body["year"], body["figures_year"]) == (2020, 2020)
    assert (body["standard_hours"], body["extra_hours"], body["indicated_hours"]) == (49, 10, 59)
    assert body["chosen_hours"] == 24
    assert body["extra_reason"] == "Moeder heeft geen netwerk."
    assert body["contribution_per_hour"] == "4.20"
    assert body["estimated_cost"] == "100.80"
    assert body["too_few_hours_risk"] is True
    assert body["task"] is None
    assert body["created_by"] == cast.care_team_member.pk
    assert not Task.objects.filter(source=TASK_SOURCE).exists()


def test_saving_is_logged_as_an_update_and_on_the_timeline(cast, family):
    before = AccessEvent.objects.count()
    save(logged_in_client(cast.case_director), family, VALID)
    events = list(AccessEvent.objects.order_by("id")[before:])
    assert [(e.user, e.family, e.action, e.detail, e.authorisation) for e in events] == [
        (
            cast.case_director,
            family,
            AccessEvent.Action.UPDATE,
            "Kraamzorgberekening opgeslagen",
            True,
        )
    ]
    event = TimelineEvent.objects.get(family=family, kind="kraamzorg_calculated")
    assert event.actor == cast.case_director
    assert "59 uur geïndiceerd (49 standaard + 10 extra)" in event.summary
    assert "gezin kiest 24 uur" in event.summary


def test_each_calculation_is_kept(cast, family):
    client = logged_in_client(cast.care_team_member)
    assert save(client, family, VALID).status_code == 201
    assert save(client, family, {**VALID, "chosen_hours": 59}).status_code == 201
    assert KraamzorgCalculation.objects.filter(family=family).count() == 2


def test_asked_for_it_the_extra_hours_become_a_task_of_the_kraamzorg_organisation(cast, family):
    organisation, _professional = kraamzorg_on_care_team(cast, family)
    response = save(logged_in_client(cast.care_team_member), family, {**VALID, "create_task": True})
    assert response.status_code == 201
    task = response.json()["task"]
    assert task["title"] == "Extra uren kraamzorg aanvragen (10 uur)"
    assert task["owner"] is None
    assert task["owner_organisation"] == organisation.pk
    assert task["due_date"] == "2020-09-10"
    assert task["source"] == TASK_SOURCE
    assert KraamzorgCalculation.objects.get().task_id == task["id"]
    assert TimelineEvent.objects.filter(family=family, kind="task_created").exists()


def test_a_token_saves_too(client, cast, family):
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    response = save(client, family, VALID, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 201
    assert KraamzorgCalculation.objects.get().created_by == cast.case_director


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        # The page's form: its messages per field.
        ({"year": "volgend jaar"}, {"year": ["Vul een jaartal in, bijvoorbeeld 2026."]}),
        ({"year": 1999}, {"year": ["Vul een jaar vanaf 2000 in."]}),
        ({"chosen_hours": None}, {"chosen_hours": ["Vul een aantal uren in."]}),
        ({"extra_hours": 1000}, {"extra_hours": ["Vul hoogstens 999 in."]}),
        # The year's figures, checked by the service.
        ({"standard_hours": 50}, {"standard_hours": ["Kies 45 of 49 uur: de standaard van 2020."]}),
        (
            {"extra_reason": ""},
            {
                "extra_reason": [
                    "Schrijf op waarom het gezin extra uren nodig heeft; zonder reden vergoedt "
                    "de verzekeraar ze niet."
                ]
            },
        ),
        (
            {"chosen_hours": 60},
            {
                "chosen_hours": [
                    "Het gezin kan niet meer uren afnemen dan er geïndiceerd zijn (59 uur)."
                ]
            },
        ),
        (
            {"prenatal_requested": True},
            {"prenatal_reason": ["Schrijf op waarom het gezin prenatale kraamzorg nodig heeft."]},
        ),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(cast, family, change, errors):
    before = TimelineEvent.objects.filter(family=family).count()
    response = save(logged_in_client(cast.care_team_member), family, {**VALID, **change})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == PROBLEM + "validatie"
    assert body["errors"] == errors
    assert not KraamzorgCalculation.objects.exists()
    assert not Task.objects.filter(source=TASK_SOURCE).exists()
    assert TimelineEvent.objects.filter(family=family).count() == before


def test_a_closed_file_is_refused_before_the_input(cast, family):
    family_close(
        actor=cast.case_director,
        family_pk=family.pk,
        expected_version=Family.objects.get(pk=family.pk).version,
        reason="Verhuisd",
    )
    response = save(logged_in_client(cast.care_team_member), family, {"year": "x"})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Dit dossier is gesloten. Heropen het om een berekening op te slaan."
    )
    assert not KraamzorgCalculation.objects.exists()


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst", "administrator"]
)
def test_whoever_may_not_see_the_family_gets_404_and_the_refusal_is_logged(cast, family, actor):
    professional = getattr(cast, actor)
    before = AccessEvent.objects.count()
    response = save(logged_in_client(professional), family, {**VALID, "year": "x"})
    # 404 before the input is looked at: nothing tells whether the family exists.
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND
    assert not KraamzorgCalculation.objects.exists()
    events = list(AccessEvent.objects.order_by("id")[before:])
    assert [(e.user, e.family_id, e.authorisation) for e in events] == [
        (professional, family.pk, False)
    ]


def test_anonymous_gets_401_and_nothing_is_stored(client, family):
    response = save(client, family, VALID)
    assert response.status_code == 401
    assert response.json()["type"] == PROBLEM + "niet-ingelogd"
    assert not KraamzorgCalculation.objects.exists()


def test_the_schema_describes_the_save(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    operations = schema["paths"]["/api/v1/families/{id}/financing/kraamzorg/"]
    assert set(operations) == {"post"}
    operation = operations["post"]
    assert operation["summary"] == "Kraamzorgberekening opslaan"
    assert operation["tags"] == ["financiering"]
    assert {"201", "400", "404"} <= set(operation["responses"])
    assert operation["requestBody"]["content"]["application/json"]["examples"]
    request = schema["components"]["schemas"]["KraamzorgCalculationWrite"]
    assert {"year", "standard_hours", "extra_hours", "chosen_hours"} <= set(request["required"])
