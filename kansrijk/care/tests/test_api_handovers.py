"""Warm handovers through the API: a family's handovers, proposing one, reading one, the
receiver's accept and decline, the warm contact, withdrawing, and the caller's incoming
handovers. The same policy and services as the pages: the receiver reaches only the
handover, inside the receiver's scope and logged; every action carries the version (409
when stale) and an action the transition table refuses answers 400."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.care import services_handovers as services
from kansrijk.care.grounds import HANDOVER_RECEIVER
from kansrijk.care.models import CaseDirector, Handover, HandoverKind, HandoverStatus
from kansrijk.families.models import CareTeamMember
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

from .test_handover_support import (
    SUMMARY,
    jgz,
    jgz_nurse,
    kraamzorg,
    make_director,
    other_coalition_jgz_nurse,
    professional,
    propose,
)

pytestmark = pytest.mark.django_db
OUTSIDERS = ["outsider", "other_coalition_professional", "coordinator", "analyst"]
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


def _path(family, suffix="") -> str:
    return f"/api/v1/families/{family.pk}/handovers/{suffix}"


def _post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def _last_event(family):
    return AccessEvent.objects.filter(family=family).latest("id")


# --- A family's handovers -------------------------------------------------------------------


def test_the_list_shows_each_handover_with_what_the_caller_may_do(cast, cast_family):
    to_jgz = propose(cast, cast_family)
    to_member = propose(cast, cast_family, to_professional=cast.care_team_member)
    response = logged_in_client(cast.care_team_member).get(_path(cast_family))
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert list(rows) == [to_member.pk, to_jgz.pk]  # newest first
    row = rows[to_jgz.pk]
    assert row["status"] == "proposed"
    assert row["status_display"] == "Voorgesteld"
    assert row["kind"] == "regular"
    assert row["summary"] == SUMMARY
    assert row["family"] == {"id": cast_family.pk, "reference": cast_family.reference}
    assert row["from_professional"]["id"] == cast.case_director.pk
    assert row["from_organisation"]["name"] == "Verloskundigen Eerstedorp"
    assert row["to_organisation"] == {"id": jgz(cast).pk, "name": "JGZ Eerstedorp"}
    assert row["to_professional"] is None
    assert row["due_date"] == (timezone.localdate() + timedelta(days=7)).isoformat()
    assert row["is_overdue"] is False
    assert row["version"] == 1
    # The member works for the JGZ: a receiver of both; the sender may only withdraw.
    assert row["allowed_actions"] == ["accept", "decline"]
    assert rows[to_member.pk]["allowed_actions"] == ["accept", "decline"]
    sender_view = logged_in_client(cast.case_director).get(_path(cast_family)).json()
    assert [row["allowed_actions"] for row in sender_view] == [["cancel"], ["cancel"]]
    event = _last_event(cast_family)
    assert (event.user, event.action) == (cast.case_director, AccessEvent.Action.READ)
    assert event.detail == "Overdrachten ingezien via de API"


def test_proposing_to_an_organisation(cast, cast_family):
    organisation = kraamzorg(cast)
    response = _post(
        logged_in_client(cast.care_team_member),
        _path(cast_family),
        {"to_organisation": organisation.pk, "summary": SUMMARY},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["to_organisation"]["id"] == organisation.pk
    assert body["status"] == "proposed"
    assert body["allowed_actions"] == ["cancel"]
    # Without a chain moment the receiver has a week.
    assert body["due_date"] == (timezone.localdate() + timedelta(days=7)).isoformat()
    handover = Handover.objects.get()
    assert handover.from_professional == cast.care_team_member
    event = _last_event(cast_family)
    assert (event.action, event.detail) == (AccessEvent.Action.UPDATE, "Overdracht voorgesteld")


def test_a_named_professional_brings_their_organisation_and_a_casusregie_moment_its_kind(
    cast, cast_family
):
    nurse = jgz_nurse(cast)
    response = _post(
        logged_in_client(cast.case_director),
        _path(cast_family),
        {"to_professional": nurse.pk, "moment": "casusregie", "summary": SUMMARY},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["to_professional"]["id"] == nurse.pk
    assert body["to_organisation"]["name"] == "JGZ Eerstedorp"
    assert body["kind"] == HandoverKind.CASUSREGIE
    assert body["moment_code"] == "casusregie"
    assert body["receiver"] == f"{nurse} (JGZ Eerstedorp)"


def test_proposing_checks_the_input_in_dutch_under_its_field(cast, cast_family):
    client = logged_in_client(cast.case_director)
    assert _post(client, _path(cast_family), {"to_organisation": jgz(cast).pk}).json()[
        "errors"
    ] == {"summary": ["Schrijf een korte samenvatting voor de ontvanger."]}
    assert _post(client, _path(cast_family), {"summary": SUMMARY}).json()["errors"] == {
        "to_organisation": ["Kies de organisatie of de professional die de overdracht krijgt."]
    }
    stranger = other_coalition_jgz_nurse(cast)
    assert _post(
        client, _path(cast_family), {"summary": SUMMARY, "to_professional": stranger.pk}
    ).json()["errors"] == {
        "to_professional": ["Kies een professional die in de coalitie van dit gezin werkt."]
    }
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = _post(
        client,
        _path(cast_family),
        {"summary": SUMMARY, "to_organisation": jgz(cast).pk, "due_date": yesterday},
    )
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"due_date": ["Kies een datum vanaf vandaag."]},
    )
    response = _post(
        client,
        _path(cast_family),
        {"summary": SUMMARY, "to_organisation": jgz(cast).pk, "moment": "bestaat-niet"},
    )
    assert response.json()["errors"] == {
        "moment": ["Dit ketenmoment bestaat niet (meer). Kies een ander."]
    }
    assert not Handover.objects.exists()


# --- One handover, and its receiver ---------------------------------------------------------


def test_the_receiver_off_the_care_team_reads_the_handover_logged_on_its_ground(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    response = logged_in_client(nurse).get(_path(cast_family, f"{handover.pk}/"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["summary"] == SUMMARY
    assert body["allowed_actions"] == ["accept", "decline"]
    event = _last_event(cast_family)
    assert event.user == nurse
    assert event.ground == HANDOVER_RECEIVER
    assert event.treatment_relationship is False
    assert event.detail == "Overdracht ingezien via de API"
    # Nothing else of the family: not its file, its handovers or its care team.
    client = logged_in_client(nurse)
    for path in (
        f"/api/v1/families/{cast_family.pk}/",
        _path(cast_family),
        f"/api/v1/families/{cast_family.pk}/care-team/",
    ):
        assert client.get(path).status_code == 404


def test_a_handover_of_another_family_is_not_found(cast, cast_family):
    other = make_family(cast)
    handover = propose(cast, other)
    response = logged_in_client(cast.case_director).get(_path(cast_family, f"{handover.pk}/"))
    assert response.status_code == 404
    # Its receiver does not reach it through the wrong family either.
    response = logged_in_client(jgz_nurse(cast)).get(_path(cast_family, f"{handover.pk}/"))
    assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND["detail"])


def test_the_receiver_accepts_and_joins_the_care_team(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    response = _post(
        logged_in_client(nurse),
        _path(cast_family, f"{handover.pk}/accept/"),
        {"version": 1, "role_in_family": "jeugdverpleegkundige"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "accepted"
    assert body["accepted_by"]["id"] == nurse.pk
    assert body["version"] == 2
    assert body["allowed_actions"] == ["complete"]
    member = CareTeamMember.objects.current().get(family=cast_family, professional=nurse)
    assert member.role_in_family == "jeugdverpleegkundige"
    update = AccessEvent.objects.filter(family=cast_family, user=nurse).latest("id")
    assert update.action == AccessEvent.Action.UPDATE


def test_accepting_a_casusregie_handover_makes_the_receiver_director(cast, cast_family):
    make_director(cast, cast_family)
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family, to_professional=nurse, moment_code="casusregie")
    response = _post(
        logged_in_client(nurse), _path(cast_family, f"{handover.pk}/accept/"), {"version": 1}
    )
    assert response.status_code == 200, response.content
    assert CaseDirector.objects.current().get(family=cast_family).professional == nurse


def test_accept_needs_the_version_and_a_valid_phone(cast, cast_family):
    handover = propose(cast, cast_family)
    client = logged_in_client(jgz_nurse(cast))
    path = _path(cast_family, f"{handover.pk}/accept/")
    assert _post(client, path).json()["errors"] == {
        "version": ["Geef de versie van de overdracht mee."]
    }
    response = _post(client, path, {"version": 1, "phone": "bel me"})
    assert response.status_code == 400
    assert response.json()["errors"]["phone"] == [
        "Vul een telefoonnummer in met 10 cijfers, bijvoorbeeld 06 12345678."
    ]
    assert Handover.objects.get().status == HandoverStatus.PROPOSED


def test_a_stale_version_answers_409(cast, cast_family):
    handover = propose(cast, cast_family)
    response = _post(
        logged_in_client(jgz_nurse(cast)),
        _path(cast_family, f"{handover.pk}/accept/"),
        {"version": 3},
    )
    assert response.status_code == 409
    body = response.json()
    assert body["submitted_version"] == 3
    assert body["current_version"] == 1
    assert body["current_status"] == "proposed"
    assert body["detail"].startswith("Deze overdracht is intussen gewijzigd")
    assert Handover.objects.get().status == HandoverStatus.PROPOSED


def test_only_a_receiver_can_accept(cast, cast_family):
    handover = propose(cast, cast_family, to_organisation=kraamzorg(cast))
    response = _post(
        logged_in_client(cast.care_team_member),
        _path(cast_family, f"{handover.pk}/accept/"),
        {"version": 1},
    )
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"non_field_errors": ["Alleen de ontvanger kan deze overdracht accepteren."]},
    )


def test_declining_needs_a_reason_and_then_the_handover_cannot_be_accepted(cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    client = logged_in_client(nurse)
    response = _post(client, _path(cast_family, f"{handover.pk}/decline/"), {"version": 1})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"reason": ["Geef een reden waarom je de overdracht afwijst."]},
    )
    response = _post(
        client,
        _path(cast_family, f"{handover.pk}/decline/"),
        {"version": 1, "reason": "Geen plek tot maart."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "Geen plek tot maart."
    # The receiver's ground ended with the answer: they are told why, with the current
    # version, and get a 409 with an old one.
    response = _post(client, _path(cast_family, f"{handover.pk}/accept/"), {"version": 2})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"non_field_errors": ["Een overdracht die afgewezen is, kun je niet accepteren."]},
    )
    response = _post(client, _path(cast_family, f"{handover.pk}/accept/"), {"version": 1})
    assert response.status_code == 409
    # Nor can they read it any more.
    assert client.get(_path(cast_family, f"{handover.pk}/")).status_code == 404
    # The sender, who still sees the family, gets the same 400.
    response = _post(
        logged_in_client(cast.case_director),
        _path(cast_family, f"{handover.pk}/accept/"),
        {"version": 2},
    )
    assert response.status_code == 400
    assert not CareTeamMember.objects.filter(professional=nurse).exists()


# --- Warm contact and withdrawing -----------------------------------------------------------


def _accepted(cast, family):
    handover = propose(cast, family, to_professional=cast.care_team_member, to_organisation=None)
    services.handover_accept(actor=cast.care_team_member, handover_pk=handover.pk)
    return handover


def test_the_warm_contact_completes_the_handover(cast, cast_family):
    handover = _accepted(cast, cast_family)
    response = _post(
        logged_in_client(cast.case_director),
        _path(cast_family, f"{handover.pk}/complete/"),
        {
            "version": 2,
            "contact_kind": "joint_visit",
            "contact_on": timezone.localdate().isoformat(),
            "note": "Samen kennisgemaakt.",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "completed"
    assert body["warm_contact_kind"] == "joint_visit"
    assert body["completed_by"]["id"] == cast.case_director.pk
    assert body["allowed_actions"] == []
    event = _last_event(cast_family)
    assert (event.action, event.detail) == (AccessEvent.Action.UPDATE, "Warm contact vastgelegd")


def test_the_warm_contact_is_checked(cast, cast_family):
    handover = _accepted(cast, cast_family)
    client = logged_in_client(cast.care_team_member)
    path = _path(cast_family, f"{handover.pk}/complete/")
    assert _post(client, path, {"version": 2}).json()["errors"] == {
        "contact_kind": [
            "Kies hoe het warme contact was: een gezamenlijk bezoek of een gezamenlijk gesprek."
        ],
        "contact_on": ["Vul de datum van het warme contact in."],
    }
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _post(client, path, {"version": 2, "contact_kind": "call", "contact_on": tomorrow})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"contact_on": ["Het warme contact kan niet in de toekomst liggen."]},
    )
    today = timezone.localdate().isoformat()
    response = _post(client, path, {"version": 1, "contact_kind": "call", "contact_on": today})
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert Handover.objects.get().status == HandoverStatus.ACCEPTED


def test_the_sender_withdraws_and_no_one_else_can(cast, cast_family):
    handover = propose(cast, cast_family)
    path = _path(cast_family, f"{handover.pk}/cancel/")
    response = _post(logged_in_client(cast.care_team_member), path, {"version": 1})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"non_field_errors": ["Alleen wie de overdracht voorstelde kan hem intrekken."]},
    )
    # The receiver, off the care team, does not even reach it.
    assert _post(logged_in_client(jgz_nurse(cast)), path, {"version": 1}).status_code == 404
    client = logged_in_client(cast.case_director)
    response = _post(client, path, {"version": 1, "reason": "Toch zelf gedaan."})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancel_reason"] == "Toch zelf gedaan."
    response = _post(client, path, {"version": 2})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"non_field_errors": ["Een overdracht die ingetrokken is, kun je niet intrekken."]},
    )


def test_an_accepted_handover_cannot_be_withdrawn(cast, cast_family):
    handover = _accepted(cast, cast_family)
    response = _post(
        logged_in_client(cast.case_director),
        _path(cast_family, f"{handover.pk}/cancel/"),
        {"version": 2},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Een overdracht die geaccepteerd is, kun je niet intrekken."]
    }


# --- Outsiders ------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_outsiders_get_nothing(actor, cast, cast_family):
    handover = propose(cast, cast_family)
    accepted = _accepted(cast, cast_family)
    client = logged_in_client(getattr(cast, actor))
    responses = [
        client.get(_path(cast_family)),
        client.get(_path(cast_family, f"{handover.pk}/")),
        _post(client, _path(cast_family), {"summary": SUMMARY, "to_organisation": jgz(cast).pk}),
        _post(client, _path(cast_family, f"{handover.pk}/accept/"), {"version": 1}),
        _post(
            client,
            _path(cast_family, f"{handover.pk}/decline/"),
            {"version": 1, "reason": "Nee."},
        ),
        _post(client, _path(cast_family, f"{handover.pk}/cancel/"), {"version": 1}),
        _post(
            client,
            _path(cast_family, f"{accepted.pk}/complete/"),
            {"version": 2, "contact_kind": "call", "contact_on": timezone.localdate().isoformat()},
        ),
    ]
    for response in responses:
        assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND["detail"])
    statuses = dict(Handover.objects.values_list("pk", "status"))
    assert statuses == {handover.pk: "proposed", accepted.pk: "accepted"}


# --- Incoming -------------------------------------------------------------------------------


def test_incoming_shows_what_waits_for_me_without_family_data(cast, cast_family):
    nurse = jgz_nurse(cast)
    to_jgz = propose(cast, cast_family)
    named = propose(cast, make_family(cast), to_professional=nurse)
    propose(cast, cast_family, to_professional=cast.care_team_member)  # named: not mine
    _accepted(cast, make_family(cast))  # answered: no longer waiting
    response = logged_in_client(nurse).get("/api/v1/handovers/incoming/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["id"] for row in rows} == {to_jgz.pk, named.pk}
    for row in rows:
        assert "summary" not in row
        assert row["allowed_actions"] == ["accept", "decline"]
        assert row["status"] == "proposed"
    assert rows[0]["family"] == {"id": cast_family.pk, "reference": cast_family.reference}
    # Reading the list writes no access event: it holds only references.
    assert not AccessEvent.objects.filter(user=nurse).exists()


def test_incoming_is_for_professionals(client, cast):
    assert client.get("/api/v1/handovers/incoming/").status_code == 401
    for actor in ("coordinator", "analyst", "administrator"):
        response = logged_in_client(getattr(cast, actor)).get("/api/v1/handovers/incoming/")
        assert response.status_code == 403
    other = logged_in_client(other_coalition_jgz_nurse(cast)).get("/api/v1/handovers/incoming/")
    assert other.json()["results"] == []


def test_a_receiver_answers_with_a_token(client, cast, cast_family):
    nurse = jgz_nurse(cast)
    handover = propose(cast, cast_family)
    _token, key = api_token_create(professional=nurse, name="koppeling")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    [row] = client.get("/api/v1/handovers/incoming/", **auth).json()["results"]
    assert row["id"] == handover.pk
    response = client.post(
        _path(cast_family, f"{handover.pk}/accept/"),
        {"version": row["version"]},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200, response.content
    assert Handover.objects.get().accepted_by == nurse


# --- Query counts ---------------------------------------------------------------------------


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _many(cast, family, count: int) -> None:
    """`count` handovers in every status, to organisations and to named professionals."""
    for n in range(count):
        step = n % 4
        if step == 0:
            propose(cast, family)
        elif step == 1:
            _accepted(cast, family)
        elif step == 2:
            handover = propose(cast, family, to_professional=cast.care_team_member)
            services.handover_decline(
                actor=cast.care_team_member, handover_pk=handover.pk, reason="Geen tijd."
            )
        else:
            handover = _accepted(cast, family)
            services.handover_complete(
                actor=cast.care_team_member,
                family_pk=family.pk,
                handover_pk=handover.pk,
                contact_kind="call",
                contact_on=timezone.localdate(),
            )


def test_the_family_list_costs_the_same_for_1_and_for_9_handovers(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    path = _path(cast_family)
    client.get(path)  # the first request stamps the session's activity
    _many(cast, cast_family, 1)
    one = _queries(client, path)
    _many(cast, cast_family, 8)
    assert len(client.get(path).json()) == 9
    assert _queries(client, path) == one
    # Session and user (2), the OTP device (1); the policy (2) and the read event (2); the
    # handovers with everyone involved joined (1); the caller's organisations (1).
    assert one <= 9


def test_incoming_costs_the_same_for_1_and_for_8_handovers(cast):
    nurse = jgz_nurse(cast)
    other_jgz = professional(cast, "tweedejgz", jgz(cast))
    client = logged_in_client(nurse)
    path = "/api/v1/handovers/incoming/"
    client.get(path)  # the first request stamps the session's activity
    propose(cast, make_family(cast))
    one = _queries(client, path)
    for n in range(7):
        family = make_family(cast)
        if n % 2:
            propose(cast, family, to_professional=nurse)
        else:
            propose(cast, family, actor=cast.care_team_member, to_organisation=kraamzorg(cast))
            propose(cast, family, to_professional=other_jgz)  # not for the nurse
            propose(cast, family)
    assert response_count(client, path) == 8
    assert _queries(client, path) == one
    # Session and user (2), the OTP device (1); IsProfessional (1); the count and the page
    # with family, sender, organisation and receivers joined (2); the caller's
    # organisations (1).
    assert one <= 7


def response_count(client, path) -> int:
    return client.get(path).json()["count"]
