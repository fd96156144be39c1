"""Each actor of the cast gets exactly what the access policy allows through the API: the
care team sees the family in its list and can open it; everyone else does not see it listed
and gets 404 on its file, with the same body as for a family that does not exist."""

import pytest

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db

ON_THE_CARE_TEAM = ["case_director", "care_team_member"]
OFF_THE_CARE_TEAM = [
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]


def _listed_ids(client) -> list[int]:
    response = client.get("/api/v1/families/")
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("actor", ON_THE_CARE_TEAM)
def test_the_care_team_sees_the_family_listed_and_opens_it(actor, cast, cast_family):
    client = logged_in_client(getattr(cast, actor))
    assert _listed_ids(client) == [cast_family.pk]
    response = client.get(f"/api/v1/families/{cast_family.pk}/")
    assert response.status_code == 200
    assert response.json()["reference"] == cast_family.reference


@pytest.mark.parametrize("actor", OFF_THE_CARE_TEAM)
def test_anyone_else_does_not_see_it_listed(actor, cast, cast_family):
    assert _listed_ids(logged_in_client(getattr(cast, actor))) == []


@pytest.mark.parametrize("actor", OFF_THE_CARE_TEAM)
@pytest.mark.parametrize("path", ["", "access-log/"])
def test_anyone_else_gets_404_as_for_a_family_that_does_not_exist(actor, path, cast, cast_family):
    client = logged_in_client(getattr(cast, actor))
    existing = client.get(f"/api/v1/families/{cast_family.pk}/{path}")
    missing = client.get(f"/api/v1/families/{cast_family.pk + 1000}/{path}")
    assert existing.status_code == missing.status_code == 404
    # The same problem, but for the path it names (`instance`).
    assert {**existing.json(), "instance": None} == {**missing.json(), "instance": None}
    problem = existing.json()
    assert problem["type"] == "https://kansrijk.nl/problemen/niet-gevonden"
    assert problem["detail"] == "Niet gevonden of geen toegang."


@pytest.mark.parametrize("actor", OFF_THE_CARE_TEAM)
def test_anyone_else_cannot_change_it(actor, cast, cast_family):
    response = logged_in_client(getattr(cast, actor)).patch(
        f"/api/v1/families/{cast_family.pk}/",
        {"version": 1, "low_income": True},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Niet gevonden of geen toegang."
    cast_family.refresh_from_db()
    assert (cast_family.low_income, cast_family.version) == (False, 1)


def test_the_list_can_be_narrowed_to_one_of_the_callers_coalitions(cast, cast_family):
    client = logged_in_client(cast.case_director)
    own = client.get("/api/v1/families/", {"coalition": cast.coalition.pk}).json()
    other = client.get("/api/v1/families/", {"coalition": cast.other_coalition.pk}).json()
    assert [row["id"] for row in own["results"]] == [cast_family.pk]
    assert other["results"] == []


def test_a_coalition_that_is_not_a_number_is_a_clear_error(cast, cast_family):
    response = logged_in_client(cast.case_director).get("/api/v1/families/", {"coalition": "x"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"coalition": ["Geef het nummer (id) van de coalitie."]}


def test_a_family_of_which_the_caller_left_the_care_team_disappears(cast, cast_family):
    from kansrijk.families.services import care_team_member_end

    member = cast_family.care_team_members.get(professional=cast.care_team_member)
    care_team_member_end(actor=cast.case_director, member_pk=member.pk)
    client = logged_in_client(cast.care_team_member)
    assert _listed_ids(client) == []
    assert client.get(f"/api/v1/families/{cast_family.pk}/").status_code == 404


def test_the_list_shows_each_family_once_newest_first(cast, cast_family):
    second = make_family(cast)
    assert _listed_ids(logged_in_client(cast.care_team_member)) == [second.pk, cast_family.pk]
