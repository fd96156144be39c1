"""Opening a family file through the API: the same validation (in Dutch) as the pages, and the
professional who opens it joins its care team."""

import pytest

from kansrijk.families.models import CareTeamMember, Family
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def _post(client, data):
    return client.post("/api/v1/families/", data, content_type="application/json")


def _valid(cast, **overrides):
    return {
        "municipality": cast.coalition.municipalities.get().pk,
        "postcode": "1234ab",
        "main_language": "Pools",
        "interpreter_needed": True,
        "interpreter_language": "Pools",
        "insurance_kind": "gemeentepolis",
        "low_income": True,
        "strengths": "Oma woont om de hoek.",
        "role_in_family": "verloskundige",
        **overrides,
    }


def test_it_opens_the_file_and_answers_201_with_the_file(cast):
    response = _post(logged_in_client(cast.outsider), _valid(cast))
    assert response.status_code == 201
    data = response.json()
    family = Family.objects.get(pk=data["id"])
    assert family.coalition == cast.coalition
    assert data["postcode"] == family.postcode == "1234 AB"
    assert data["reference"] == family.reference
    assert data["version"] == 1
    assert data["phase"]["code"] == "preconception"
    [member] = data["care_team"]
    assert member["username"] == cast.outsider.username
    assert member["role_in_family"] == "verloskundige"


def test_the_creator_joins_the_care_team_and_sees_the_file(cast):
    client = logged_in_client(cast.outsider)
    family_id = _post(client, _valid(cast)).json()["id"]
    assert (
        CareTeamMember.objects.current()
        .filter(family_id=family_id, professional=cast.outsider)
        .exists()
    )
    assert client.get(f"/api/v1/families/{family_id}/").status_code == 200
    assert [r["id"] for r in client.get("/api/v1/families/").json()["results"]] == [family_id]


def test_it_rejects_a_wrong_postcode_in_dutch(cast):
    response = _post(logged_in_client(cast.case_director), _valid(cast, postcode="12345"))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "postcode": [
            "Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 1234 AB."
        ]
    }
    assert not Family.objects.exists()


def test_it_asks_for_the_interpreter_language(cast):
    response = _post(
        logged_in_client(cast.case_director),
        _valid(cast, interpreter_needed=True, interpreter_language=" "),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "interpreter_language": ["Vul in voor welke taal een tolk nodig is."]
    }


def test_missing_fields_are_named_in_dutch(cast):
    response = _post(logged_in_client(cast.case_director), {})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "municipality": ["Dit veld is verplicht."],
        "postcode": ["Dit veld is verplicht."],
    }


def test_an_unknown_insurance_kind_is_refused(cast):
    response = _post(logged_in_client(cast.case_director), _valid(cast, insurance_kind="goud"))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["insurance_kind"]


def test_a_municipality_of_another_coalition_is_refused(cast):
    other = cast.other_coalition.municipalities.get()
    response = _post(logged_in_client(cast.case_director), _valid(cast, municipality=other.pk))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "municipality": ["Kies een gemeente van een coalitie waarin je werkt."]
    }
    assert not Family.objects.exists()


@pytest.mark.parametrize("actor", ["coordinator", "analyst", "administrator"])
def test_only_professionals_open_a_file(actor, cast):
    response = _post(logged_in_client(getattr(cast, actor)), _valid(cast))
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen professionals kunnen een gezinsdossier openen."
    assert not Family.objects.exists()


def test_the_other_coalitions_professional_opens_files_only_in_their_own(cast):
    client = logged_in_client(cast.other_coalition_professional)
    assert _post(client, _valid(cast)).status_code == 400
    own = _valid(cast, municipality=cast.other_coalition.municipalities.get().pk)
    response = _post(client, own)
    assert response.status_code == 201
    assert Family.objects.get().coalition == cast.other_coalition


def test_an_idempotency_key_header_is_accepted_but_not_required(cast):
    client = logged_in_client(cast.case_director)
    response = client.post(
        "/api/v1/families/",
        _valid(cast),
        content_type="application/json",
        headers={"Idempotency-Key": "a6b1c0d2"},
    )
    assert response.status_code == 201
