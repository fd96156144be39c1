"""Referrals through the API: a family's referrals and sending one (same validation as the
page), the receiving organisation's incoming referrals, one referral (only what it shares
for the receiver, logged), and the actions with the version (409 when stale, 400 when the
table or the service refuses). The schema validates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.families.models import CareTeamMember
from kansrijk.socialmap.models import Referral, ReferralStatus
from kansrijk.socialmap.selectors_referrals import REFERRAL_RECEIVER
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    make_unlinked_service,
    send_referral,
)

pytestmark = pytest.mark.django_db
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


def _post(client, path, data=None, **extra):
    return client.post(path, data or {}, content_type="application/json", **extra)


@pytest.fixture
def world(cast):
    family = make_family(cast, strengths="Oma woont naast de deur.")
    person = family_member(family, first_name="Sanne")
    side = make_receiving_side(cast)
    return family, person, side


def test_a_care_team_member_sends_and_lists_referrals(cast, world):
    family, person, side = world
    client = logged_in_client(cast.care_team_member)
    path = f"/api/v1/families/{family.pk}/referrals/"
    response = _post(
        client,
        path,
        {
            "person": person.pk,
            "service": str(side.service.pk),
            "reason": "Schulden lopen op.",
            "urgency": "urgent",
            "shared_data": "Huurachterstand.",
            "consent_to_share": True,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "sent"
    assert body["urgency"] == "urgent"
    assert body["person"] == {"id": person.pk, "first_name": "Sanne", "birth_year": 1999}
    assert body["receiving_organisation"]["name"] == "Buurtteam Eerstedorp"
    assert body["allowed_actions"] == ["withdraw"]
    assert [event["to_status"] for event in body["events"]] == ["sent"]
    listed = client.get(path)
    assert [row["id"] for row in listed.json()] == [body["id"]]


def test_sending_has_the_pages_validation(cast, world):
    family, person, side = world
    client = logged_in_client(cast.case_director)
    path = f"/api/v1/families/{family.pk}/referrals/"
    no_consent = _post(
        client,
        path,
        {
            "person": person.pk,
            "service": str(side.service.pk),
            "reason": "x",
            "consent_to_share": False,
        },
    )
    assert no_consent.status_code == 400
    assert "Zonder toestemming" in no_consent.json()["errors"]["consent_to_share"][0]
    unlinked = make_unlinked_service(cast)
    refused = _post(
        client,
        path,
        {"person": person.pk, "service": str(unlinked.pk), "reason": "x", "consent_to_share": True},
    )
    assert refused.status_code == 400
    assert "niet via kansrijk versturen" in refused.json()["errors"]["service"][0]
    assert not Referral.objects.exists()
    outsider = _post(
        logged_in_client(cast.outsider),
        path,
        {
            "person": person.pk,
            "service": str(side.service.pk),
            "reason": "x",
            "consent_to_share": True,
        },
    )
    assert outsider.status_code == 404
    assert outsider.json()["detail"] == NOT_FOUND["detail"]


def test_the_receiver_reads_only_what_is_shared_and_accepts_with_the_version(client, cast, world):
    family, _person, side = world
    referral = send_referral(cast, family, side.service)
    _token, key = api_token_create(professional=side.receiver, name="koppeling")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    [row] = client.get("/api/v1/referrals/incoming/", **auth).json()["results"]
    assert row["id"] == referral.pk
    assert "shared_data" not in row
    assert "person" not in row
    assert row["allowed_actions"] == ["receive", "accept", "decline"]

    detail = client.get(f"/api/v1/referrals/{referral.pk}/", **auth)
    assert detail.status_code == 200
    assert "Oma" not in detail.content.decode()
    assert AccessEvent.objects.filter(user=side.receiver).latest("pk").ground == REFERRAL_RECEIVER
    assert client.get(f"/api/v1/families/{family.pk}/", **auth).status_code == 404

    stale = _post(client, f"/api/v1/referrals/{referral.pk}/accept/", {"version": 7}, **auth)
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 1
    assert stale.json()["current_status"] == "sent"

    accepted = _post(client, f"/api/v1/referrals/{referral.pk}/accept/", {"version": 1}, **auth)
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    assert CareTeamMember.objects.current().filter(professional=side.receiver).exists()
    assert client.get(f"/api/v1/families/{family.pk}/", **auth).status_code == 200


def test_refused_actions_answer_400_in_dutch(cast, world):
    family, _person, side = world
    referral = send_referral(cast, family, side.service)
    receiver = logged_in_client(side.receiver)
    decline = _post(receiver, f"/api/v1/referrals/{referral.pk}/decline/", {"version": 1})
    assert decline.status_code == 400
    assert "Geef een reden" in decline.json()["errors"]["note"][0]
    start = _post(receiver, f"/api/v1/referrals/{referral.pk}/start/", {"version": 1})
    assert start.status_code == 400
    assert "je kunt hem niet starten" in start.json()["errors"]["non_field_errors"][0]
    by_team = _post(
        logged_in_client(cast.case_director),
        f"/api/v1/referrals/{referral.pk}/accept/",
        {"version": 1},
    )
    assert by_team.status_code == 400
    unknown = _post(receiver, f"/api/v1/referrals/{referral.pk}/teleport/", {"version": 1})
    assert unknown.status_code == 404
    withdraw_by_receiver = _post(
        receiver, f"/api/v1/referrals/{referral.pk}/withdraw/", {"version": 1}
    )
    assert withdraw_by_receiver.status_code == 404
    withdrawn = _post(
        logged_in_client(cast.case_director),
        f"/api/v1/referrals/{referral.pk}/withdraw/",
        {"version": 1, "note": "Verhuisd."},
    )
    assert withdrawn.status_code == 200
    assert Referral.objects.get().status == ReferralStatus.WITHDRAWN


def test_outsiders_get_nothing(cast, world):
    family, _person, side = world
    referral = send_referral(cast, family, side.service)
    for actor in (cast.outsider, cast.other_coalition_professional):
        client = logged_in_client(actor)
        assert client.get(f"/api/v1/referrals/{referral.pk}/").status_code == 404
        assert client.get(f"/api/v1/families/{family.pk}/referrals/").status_code == 404
        assert client.get("/api/v1/referrals/incoming/").json()["results"] == []
    assert logged_in_client(cast.coordinator).get("/api/v1/referrals/incoming/").status_code == 403


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_lists_do_not_grow_with_their_referrals(cast, world):
    family, _person, side = world
    receiver, team = logged_in_client(side.receiver), logged_in_client(cast.case_director)
    send_referral(cast, family, side.service)
    # The first request of a session stores its last activity: warm up before counting.
    receiver.get("/api/v1/referrals/incoming/")
    team.get(f"/api/v1/families/{family.pk}/referrals/")
    few = (
        _queries(receiver, "/api/v1/referrals/incoming/"),
        _queries(team, f"/api/v1/families/{family.pk}/referrals/"),
    )
    for _number in range(8):
        send_referral(cast, family, side.service)
    many = (
        _queries(receiver, "/api/v1/referrals/incoming/"),
        _queries(team, f"/api/v1/families/{family.pk}/referrals/"),
    )
    assert few == many


def test_the_schema_describes_the_referrals_api(client, cast):
    response = logged_in_client(cast.case_director).get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.content.decode()
    for path in (
        "/api/v1/families/{id}/referrals/",
        "/api/v1/referrals/incoming/",
        "/api/v1/referrals/{id}/",
        "/api/v1/referrals/{id}/{action}/",
    ):
        assert path in schema
    assert "ReferralStatusEnum" in schema
