"""The care team through the API: the current members (and the former ones on request) with
who holds the casusregie, adding a professional and ending a membership. The same policy as
the care-team page: a logged read, writes through the services with their Dutch messages,
and to everyone without a ground the family does not exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.families.models import CareTeamMember
from kansrijk.families.services import care_team_member_add, care_team_member_end
from kansrijk.testing.actors import logged_in_client

from .test_handover_support import jgz, jgz_nurse, make_director, other_coalition_jgz_nurse

pytestmark = pytest.mark.django_db
OUTSIDERS = ["outsider", "other_coalition_professional", "coordinator", "analyst"]
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


def _path(family, suffix="") -> str:
    return f"/api/v1/families/{family.pk}/care-team/{suffix}"


def _post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def test_the_team_lists_the_current_members_with_the_case_director(cast, cast_family):
    make_director(cast, cast_family)
    response = logged_in_client(cast.care_team_member).get(_path(cast_family))
    assert response.status_code == 200
    rows = {row["professional"]["id"]: row for row in response.json()}
    assert set(rows) == {cast.case_director.pk, cast.care_team_member.pk}
    director = rows[cast.case_director.pk]
    assert director["is_case_director"] is True
    assert director["role_in_family"] == "casusregisseur"
    assert director["organisation"]["name"] == "Verloskundigen Eerstedorp"
    assert director["discipline"] == "verloskundige"
    assert director["end_date"] is None
    assert director["is_current"] is True
    member = rows[cast.care_team_member.pk]
    assert member["is_case_director"] is False
    assert member["organisation"]["name"] == "JGZ Eerstedorp"
    assert member["phone"] == "06 12345678"  # from the membership


def test_reading_the_team_is_logged(cast, cast_family):
    logged_in_client(cast.care_team_member).get(_path(cast_family))
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert event.user == cast.care_team_member
    assert event.action == AccessEvent.Action.READ
    assert event.authorisation is True
    assert event.detail == "Zorgteam ingezien via de API"


def test_former_members_only_on_request(cast, cast_family):
    nurse = jgz_nurse(cast)
    member = care_team_member_add(
        actor=cast.case_director, family_pk=cast_family.pk, professional=nurse
    )
    care_team_member_end(actor=cast.case_director, member_pk=member.pk)
    client = logged_in_client(cast.case_director)
    current = client.get(_path(cast_family)).json()
    assert nurse.pk not in [row["professional"]["id"] for row in current]
    everyone = client.get(_path(cast_family), {"former": "1"}).json()
    [former] = [row for row in everyone if row["professional"]["id"] == nurse.pk]
    assert former["end_date"] == timezone.localdate().isoformat()
    assert former["is_current"] is False
    response = client.get(_path(cast_family), {"former": "misschien"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"former": ["Geef 1 (ja) of 0 (nee)."]}


def test_adding_a_professional_puts_them_on_the_team_and_logs_the_update(cast, cast_family):
    nurse = jgz_nurse(cast)
    response = _post(
        logged_in_client(cast.care_team_member),
        _path(cast_family),
        {"professional": nurse.pk, "role_in_family": "jeugdverpleegkundige"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["professional"] == {"id": nurse.pk, "name": nurse.get_full_name()}
    assert body["organisation"] == {"id": jgz(cast).pk, "name": "JGZ Eerstedorp"}
    assert body["phone"] == "06 11112222"
    assert body["start_date"] == timezone.localdate().isoformat()
    assert CareTeamMember.objects.current().filter(family=cast_family, professional=nurse).exists()
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.user, event.action) == (cast.care_team_member, AccessEvent.Action.UPDATE)
    assert event.detail == "Zorgteamlid toegevoegd"


def test_adding_checks_the_input_in_dutch_under_its_field(cast, cast_family):
    client = logged_in_client(cast.case_director)
    assert _post(client, _path(cast_family)).json()["errors"] == {
        "professional": ["Kies de professional die je aan het zorgteam toevoegt."]
    }
    stranger = other_coalition_jgz_nurse(cast)
    response = _post(client, _path(cast_family), {"professional": stranger.pk})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "professional": ["Kies een professional die in de coalitie van dit gezin werkt."]
    }
    response = _post(client, _path(cast_family), {"professional": cast.care_team_member.pk})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "professional": ["Deze professional zit al in het zorgteam."]
    }
    response = _post(
        client, _path(cast_family), {"professional": jgz_nurse(cast).pk, "phone": "12"}
    )
    assert response.status_code == 400
    assert "phone" in response.json()["errors"]
    assert CareTeamMember.objects.filter(family=cast_family).count() == 2


def test_ending_a_membership(cast, cast_family):
    member = cast_family.care_team_members.get(professional=cast.care_team_member)
    client = logged_in_client(cast.case_director)
    response = _post(client, _path(cast_family, f"{member.pk}/end/"))
    assert response.status_code == 200, response.content
    assert response.json()["end_date"] == timezone.localdate().isoformat()
    assert response.json()["is_current"] is False
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.action, event.detail) == (AccessEvent.Action.UPDATE, "Zorgteamlid beëindigd")
    # Ending it again, and ending the last member, are refused with the service's words.
    again = _post(client, _path(cast_family, f"{member.pk}/end/"))
    assert (again.status_code, again.json()["errors"]) == (
        400,
        {"non_field_errors": ["Dit zorgteamlid is al gestopt."]},
    )
    last = cast_family.care_team_members.get(professional=cast.case_director)
    response = _post(client, _path(cast_family, f"{last.pk}/end/"))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": [
            "Het zorgteam kan niet leeg worden; voeg eerst een ander zorgteamlid toe."
        ]
    }


def test_a_member_of_another_family_is_not_found(cast, cast_family):
    from kansrijk.testing.families import make_family

    other = make_family(cast)
    member = other.care_team_members.get(professional=cast.care_team_member)
    response = _post(logged_in_client(cast.case_director), _path(cast_family, f"{member.pk}/end/"))
    assert response.status_code == 404
    assert CareTeamMember.objects.get(pk=member.pk).end_date is None


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_outsiders_get_nothing(actor, cast, cast_family):
    client = logged_in_client(getattr(cast, actor))
    member = cast_family.care_team_members.get(professional=cast.care_team_member)
    nurse = jgz_nurse(cast)
    for response in (
        client.get(_path(cast_family)),
        client.get(_path(cast_family), {"former": "1"}),
        _post(client, _path(cast_family), {"professional": nurse.pk}),
        _post(client, _path(cast_family, f"{member.pk}/end/")),
    ):
        assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND["detail"])
    assert CareTeamMember.objects.current().filter(family=cast_family).count() == 2
    assert not CareTeamMember.objects.filter(professional=nurse).exists()
    if actor in ("outsider", "coordinator", "analyst"):
        # Refusals on a family of their own coalition are logged too (NEN 7513).
        refused = AccessEvent.objects.filter(
            family=cast_family, user=getattr(cast, actor), authorisation=False
        )
        assert refused.count() == 4


def test_a_token_reads_the_team(client, cast, cast_family):
    _token, key = api_token_create(professional=cast.care_team_member, name="koppeling")
    response = client.get(_path(cast_family), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert len(response.json()) == 2
    assert client.get(_path(cast_family)).status_code == 401


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_team_costs_the_same_for_2_and_for_8_members(cast, cast_family):
    make_director(cast, cast_family)
    client = logged_in_client(cast.care_team_member)
    path = f"{_path(cast_family)}?former=1"
    client.get(path)  # the first request stamps the session's activity
    two = _queries(client, path)
    for n in range(6):
        nurse = jgz_nurse(cast, username=f"verpleegkundige{n}")
        member = care_team_member_add(
            actor=cast.case_director, family_pk=cast_family.pk, professional=nurse
        )
        if n % 2:
            care_team_member_end(actor=cast.case_director, member_pk=member.pk)
    eight = _queries(client, path)
    assert len(client.get(path).json()) == 8
    assert two == eight
    # Session and user (2), the OTP device (1); the policy: the family with the ground that
    # holds (1) and its consent (1); the read event: the membership (1) and the insert (1);
    # the members with professional and organisation joined (1); the case director (1).
    assert eight <= 10
