import pytest

from kansrijk.access.services import api_token_create
from kansrijk.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_me_returns_the_professional_and_current_memberships(client, cast):
    _token, key = api_token_create(professional=cast.coordinator, name="test")
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == "coordinator"
    [membership] = data["memberships"]
    assert membership["coalition"] == "Kansrijke Start Eerstedorp"
    assert membership["coalition_id"] == cast.coalition.pk
    assert membership["organisation"] == "Gemeente Eerstedorp"
    assert membership["discipline"] == "anders"
    assert membership["roles"] == ["coordinator"]


def test_me_lists_a_membership_in_each_coalition(client, cast):
    MembershipFactory(professional=cast.case_director, coalition=cast.other_coalition)
    _token, key = api_token_create(professional=cast.case_director, name="test")
    data = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").json()
    assert sorted(m["coalition"] for m in data["memberships"]) == [
        "Kansrijke Start Eerstedorp",
        "Kansrijke Start Tweededorp",
    ]
    assert all(m["roles"] == ["professional"] for m in data["memberships"])
    assert {m["discipline"] for m in data["memberships"]} == {"verloskundige"}


def test_me_shows_only_the_caller(client, cast):
    _token, key = api_token_create(professional=cast.outsider, name="test")
    data = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").json()
    assert data["username"] == cast.outsider.username
    assert "password" not in data
