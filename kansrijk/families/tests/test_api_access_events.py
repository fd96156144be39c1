"""Every API call on family data writes its NEN 7513 access event: a search per list call,
a read per file, a create and an update; refused attempts are logged too."""

import pytest

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.families.models import Person, PersonRole
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
Action = AccessEvent.Action


def _new_events(before: int) -> list[AccessEvent]:
    return list(AccessEvent.objects.order_by("id")[before:])


def test_a_list_call_writes_one_search_event(cast, cast_family):
    before = AccessEvent.objects.count()
    client = logged_in_client(cast.care_team_member)
    client.get("/api/v1/families/", HTTP_USER_AGENT="koppeling/1.0")
    [event] = _new_events(before)
    assert event.action == Action.SEARCH
    assert event.user == cast.care_team_member
    assert event.family is None
    assert event.coalition == cast.coalition
    assert event.organisation == "JGZ Eerstedorp"
    assert event.discipline == "Jeugdverpleegkundige"
    assert event.user_agent == "koppeling/1.0"
    assert "1 gezinnen" in event.detail


def test_a_list_call_with_a_token_is_logged_the_same(client, cast, cast_family):
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    before = AccessEvent.objects.count()
    client.get(
        "/api/v1/families/", {"coalition": cast.coalition.pk}, HTTP_AUTHORIZATION=f"Token {key}"
    )
    [event] = _new_events(before)
    assert (event.action, event.user, event.coalition) == (
        Action.SEARCH,
        cast.case_director,
        cast.coalition,
    )
    assert "coalition=" in event.detail


def test_reading_the_file_writes_a_read_event_with_the_ground_and_persons(cast, cast_family):
    person = Person.objects.create(
        family=cast_family, coalition=cast.coalition, role=PersonRole.CLIENT, first_name="Nadia"
    )
    before = AccessEvent.objects.count()
    logged_in_client(cast.case_director).get(f"/api/v1/families/{cast_family.pk}/")
    [event] = _new_events(before)
    assert event.action == Action.READ
    assert event.family == cast_family
    assert event.ground == "care_team"
    assert event.persons == [person.pk]
    assert (event.authorisation, event.treatment_relationship, event.emergency) == (
        True,
        True,
        False,
    )


def test_creating_writes_a_create_event(cast):
    before = AccessEvent.objects.count()
    response = logged_in_client(cast.case_director).post(
        "/api/v1/families/",
        {"municipality": cast.coalition.municipalities.get().pk, "postcode": "1234 AB"},
        content_type="application/json",
    )
    assert response.status_code == 201
    [event] = _new_events(before)
    assert event.action == Action.CREATE
    assert event.family_id == response.json()["id"]
    assert event.ground == "care_team"


def test_updating_writes_an_update_event(cast, cast_family):
    before = AccessEvent.objects.count()
    response = logged_in_client(cast.care_team_member).patch(
        f"/api/v1/families/{cast_family.pk}/",
        {"version": 1, "strengths": "Vader kookt elke dag."},
        content_type="application/json",
    )
    assert response.status_code == 200
    [event] = _new_events(before)
    assert (event.action, event.family, event.user) == (
        Action.UPDATE,
        cast_family,
        cast.care_team_member,
    )


def test_a_stale_update_is_logged_as_a_read_of_the_stored_version(cast, cast_family):
    before = AccessEvent.objects.count()
    response = logged_in_client(cast.care_team_member).patch(
        f"/api/v1/families/{cast_family.pk}/",
        {"version": 7, "low_income": True},
        content_type="application/json",
    )
    assert response.status_code == 409
    # The refused write rolls back with its update event; the 409 body shows the stored
    # family, which is a read.
    [event] = _new_events(before)
    assert (event.action, event.family, event.authorisation) == (Action.READ, cast_family, True)
    assert "Versieconflict" in event.detail


@pytest.mark.parametrize("actor", ["outsider", "coordinator"])
def test_a_refused_read_is_logged_without_authorisation(actor, cast, cast_family):
    before = AccessEvent.objects.count()
    logged_in_client(getattr(cast, actor)).get(f"/api/v1/families/{cast_family.pk}/")
    [event] = _new_events(before)
    assert (event.action, event.family, event.authorisation) == (Action.READ, cast_family, False)


def test_opening_the_access_report_is_itself_logged(cast, cast_family):
    before = AccessEvent.objects.count()
    logged_in_client(cast.case_director).get(f"/api/v1/families/{cast_family.pk}/access-log/")
    [event] = _new_events(before)
    assert (event.action, event.family) == (Action.READ, cast_family)
    assert "Toegangslog" in event.detail
