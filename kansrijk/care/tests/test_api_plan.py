"""The plan through the API: read it, change its text with the version check (a second
writer on an old version gets 409 with both versions and loses nothing), its history, the
talk with the family and the concerns. Every call goes through the access policy and is
logged; whoever may not see the family gets 404 and nothing of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.care.models import CarePlan, Concern, PlanDiscussion, PlanVersion
from kansrijk.care.services_plan import care_plan_update, concern_add
from kansrijk.families.services import family_close
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db
Action = AccessEvent.Action
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


def _url(family, suffix: str = "") -> str:
    return f"/api/v1/families/{family.pk}/plan/{suffix}"


def _write(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, data, content_type="application/json")


def _new_events(before: int) -> list[AccessEvent]:
    return list(AccessEvent.objects.order_by("id")[before:])


def test_a_family_without_a_plan_has_version_0_and_empty_text(cast, cast_family):
    response = logged_in_client(cast.care_team_member).get(_url(cast_family))
    assert response.status_code == 200
    body = response.json()
    assert body["family"] == cast_family.pk
    assert body["reference"] == cast_family.reference
    assert body["version"] == 0
    assert body["text"] == {"strengths": "", "own_contribution": "", "support_needed": ""}
    assert body["discussed"] is None
    assert body["concerns"] == body["goals"] == body["actions"] == []
    assert body["first_health_score"] is None


def test_put_on_version_0_makes_the_plan_and_logs_the_update(cast, cast_family):
    before = AccessEvent.objects.count()
    response = _write(
        logged_in_client(cast.case_director),
        "put",
        _url(cast_family),
        {
            "version": 0,
            "strengths": "Oma helpt mee.",
            "own_contribution": "Vader belt de gemeente.",
            "support_needed": "Hulp bij schulden.",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 1
    assert body["text"]["own_contribution"] == "Vader belt de gemeente."
    assert body["updated_by"] == cast.case_director.get_full_name()
    assert CarePlan.objects.get(family=cast_family).support_needed == "Hulp bij schulden."
    [event] = [e for e in _new_events(before) if e.family_id == cast_family.pk]
    assert (event.action, event.user, event.authorisation) == (
        Action.UPDATE,
        cast.case_director,
        True,
    )
    assert event.detail == "Gezinsplan gewijzigd"


def test_reading_the_plan_writes_a_read_event(cast, cast_family):
    before = AccessEvent.objects.count()
    logged_in_client(cast.care_team_member).get(_url(cast_family))
    [event] = _new_events(before)
    assert (event.action, event.family, event.user) == (
        Action.READ,
        cast_family,
        cast.care_team_member,
    )
    assert event.detail == "Gezinsplan ingezien via de API"
    assert event.ground == "care_team"


def test_patch_changes_only_what_is_sent(cast, cast_family):
    care_plan_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=0,
        data={"strengths": "Sterk netwerk", "own_contribution": "", "support_needed": "Geld"},
    )
    response = _write(
        logged_in_client(cast.care_team_member),
        "patch",
        _url(cast_family),
        {"version": 1, "support_needed": "Hulp bij de administratie"},
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["text"] == {
        "strengths": "Sterk netwerk",
        "own_contribution": "",
        "support_needed": "Hulp bij de administratie",
    }


def test_patch_without_a_version_is_refused_in_dutch(cast, cast_family):
    response = _write(
        logged_in_client(cast.case_director), "patch", _url(cast_family), {"strengths": "x"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "version": ["Geef de versie mee waarop de wijziging is gebaseerd."]
    }
    assert not CarePlan.objects.filter(family=cast_family).exists()


def test_an_empty_first_plan_is_refused_in_dutch(cast, cast_family):
    response = _write(
        logged_in_client(cast.case_director),
        "put",
        _url(cast_family),
        {"version": 0, "strengths": "", "own_contribution": "", "support_needed": ""},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Vul minstens één deel van het plan in."]
    }


def test_two_writers_on_the_same_version_the_second_gets_409_with_both_versions(cast, cast_family):
    care_plan_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=0,
        data={"strengths": "Begin", "own_contribution": "", "support_needed": ""},
    )
    director, member = logged_in_client(cast.case_director), logged_in_client(cast.care_team_member)
    assert director.get(_url(cast_family)).json()["version"] == 1
    assert member.get(_url(cast_family)).json()["version"] == 1

    first = _write(director, "patch", _url(cast_family), {"version": 1, "strengths": "Van A"})
    assert first.status_code == 200
    before = AccessEvent.objects.count()
    second = _write(member, "patch", _url(cast_family), {"version": 1, "support_needed": "Van B"})

    assert second.status_code == 409
    body = second.json()
    assert body["submitted_version"] == 1
    assert body["current_version"] == 2
    assert body["current"] == {"strengths": "Van A", "own_contribution": "", "support_needed": ""}
    # The second writer's text comes back, so nothing they typed is lost.
    assert body["submitted"] == {"support_needed": "Van B"}
    plan = CarePlan.objects.get(family=cast_family)
    assert (plan.version, plan.strengths, plan.support_needed) == (2, "Van A", "")
    # The stored plan in the answer is a read, logged as such; the refused write left nothing.
    [event] = _new_events(before)
    assert event.action == Action.READ
    assert event.detail == "Versieconflict: opgeslagen gezinsplan getoond via de API"

    # On the current version the second writer's change goes through; both are kept.
    third = _write(member, "patch", _url(cast_family), {"version": 2, "support_needed": "Van B"})
    assert third.status_code == 200
    assert third.json()["text"]["strengths"] == "Van A"
    assert PlanVersion.objects.filter(plan=plan).count() == 3


def test_the_history_lists_every_version_newest_first(cast, cast_family):
    for version, text in enumerate(["Een", "Twee", "Drie"]):
        care_plan_update(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            expected_version=version,
            data={"strengths": text, "own_contribution": "", "support_needed": ""},
        )
    before = AccessEvent.objects.count()
    response = logged_in_client(cast.care_team_member).get(_url(cast_family, "history/"))
    assert response.status_code == 200
    versions = response.json()
    assert [v["version"] for v in versions] == [3, 2, 1]
    assert versions[0]["text"]["strengths"] == "Drie"
    assert versions[0]["changes"] == {"strengths": ["Twee", "Drie"]}
    assert versions[0]["changed_by"] == cast.case_director.get_full_name()
    [event] = _new_events(before)
    assert event.action == Action.READ


def test_the_talk_with_the_family_is_recorded(cast, cast_family):
    client = logged_in_client(cast.case_director)
    today = timezone.localdate()
    response = _write(
        client,
        "post",
        _url(cast_family, "discussed/"),
        {"discussed_on": today.isoformat(), "with_whom": "moeder", "note": "Herkenbaar"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["with_whom"] == "moeder"
    assert PlanDiscussion.objects.filter(family=cast_family).count() == 1
    discussed = client.get(_url(cast_family)).json()["discussed"]
    assert discussed["discussed_on"] == today.isoformat()
    assert discussed["recorded_by"] == cast.case_director.get_full_name()


def test_a_talk_in_the_future_is_refused_in_dutch(cast, cast_family):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _write(
        logged_in_client(cast.case_director),
        "post",
        _url(cast_family, "discussed/"),
        {"discussed_on": tomorrow.isoformat()},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "discussed_on": ["De datum van het gesprek kan niet in de toekomst liggen."]
    }
    missing = _write(
        logged_in_client(cast.case_director), "post", _url(cast_family, "discussed/"), {}
    )
    assert missing.json()["errors"] == {"discussed_on": ["Vul de datum van het gesprek in."]}


def test_concerns_are_added_moved_and_resolved_in_order_of_priority(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    for text in ("Schulden", "Slecht slapen", "Geen huisarts"):
        response = _write(client, "post", _url(cast_family, "concerns/"), {"text": text})
        assert response.status_code == 201
    last = response.json()
    assert last["position"] == 3

    moved = _write(
        client,
        "post",
        _url(cast_family, f"concerns/{last['id']}/move/"),
        {"direction": "up"},
    )
    assert moved.status_code == 200
    assert moved.json()["position"] == 2
    first = Concern.objects.get(text="Schulden")
    resolved = client.post(_url(cast_family, f"concerns/{first.pk}/resolve/"))
    assert resolved.status_code == 200
    assert resolved.json()["resolved_at"]

    listed = client.get(_url(cast_family, "concerns/")).json()
    assert [(c["position"], c["text"]) for c in listed] == [
        (1, "Geen huisarts"),
        (2, "Slecht slapen"),
    ]
    assert [c["text"] for c in client.get(_url(cast_family)).json()["concerns"]] == [
        "Geen huisarts",
        "Slecht slapen",
    ]
    again = client.post(_url(cast_family, f"concerns/{first.pk}/resolve/"))
    assert again.status_code == 400
    assert again.json()["errors"] == {
        "non_field_errors": ["Dit zorgpunt bestaat niet (meer) of is al opgelost."]
    }


def test_a_concern_needs_text_and_a_direction_in_dutch(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    blank = _write(client, "post", _url(cast_family, "concerns/"), {"text": "  "})
    assert blank.status_code == 400
    assert blank.json()["errors"] == {"text": ["Beschrijf het zorgpunt."]}
    too_long = _write(client, "post", _url(cast_family, "concerns/"), {"text": "x" * 301})
    assert too_long.json()["errors"] == {
        "text": ["Houd het zorgpunt kort: hoogstens 300 tekens. Zet details in het plan."]
    }
    concern = concern_add(actor=cast.case_director, family_pk=cast_family.pk, text="Schulden")
    wrong = _write(
        client,
        "post",
        _url(cast_family, f"concerns/{concern.pk}/move/"),
        {"direction": "sideways"},
    )
    assert wrong.json()["errors"] == {"direction": ["Kies of het zorgpunt omhoog of omlaag moet."]}


def test_a_concern_of_another_family_is_not_found(cast, cast_family):
    other = make_family(cast)
    concern = concern_add(actor=cast.case_director, family_pk=other.pk, text="Schulden")
    response = logged_in_client(cast.case_director).post(
        _url(cast_family, f"concerns/{concern.pk}/resolve/")
    )
    assert response.status_code == 404
    assert Concern.objects.get(pk=concern.pk).resolved_at is None


def test_a_closed_file_keeps_its_plan(cast, cast_family):
    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    response = _write(
        logged_in_client(cast.case_director),
        "put",
        _url(cast_family),
        {"version": 0, "strengths": "x", "own_contribution": "", "support_needed": ""},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Dit gezinsdossier is gesloten; heropen het eerst."]
    }


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst", "administrator"]
)
def test_whoever_may_not_see_the_family_gets_404_and_nothing_is_written(actor, cast, cast_family):
    care_plan_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=0,
        data={"strengths": "Geheim sterk punt", "own_contribution": "", "support_needed": ""},
    )
    client = logged_in_client(getattr(cast, actor))
    before = AccessEvent.objects.count()
    for url in (_url(cast_family), _url(cast_family, "history/"), _url(cast_family, "concerns/")):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"] == NOT_FOUND["detail"]
        assert "Geheim" not in response.content.decode()
    writes = [
        _write(client, "patch", _url(cast_family), {"version": 1, "strengths": "Overschreven"}),
        _write(client, "post", _url(cast_family, "concerns/"), {"text": "Ingebroken"}),
        _write(
            client,
            "post",
            _url(cast_family, "discussed/"),
            {"discussed_on": timezone.localdate().isoformat()},
        ),
    ]
    assert [w.status_code for w in writes] == [404, 404, 404]
    assert CarePlan.objects.get(family=cast_family).strengths == "Geheim sterk punt"
    assert not Concern.objects.filter(family=cast_family).exists()
    assert not PlanDiscussion.objects.filter(family=cast_family).exists()
    # Every refused attempt is logged, with authorisation false.
    refused = _new_events(before)
    assert len(refused) == 6
    assert all(not event.authorisation for event in refused)


def test_a_personal_token_reads_the_plan_and_anonymous_gets_401(client, cast, cast_family):
    _token, key = api_token_create(professional=cast.case_director, name="koppeling")
    response = client.get(_url(cast_family), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    anonymous = client.get(_url(cast_family), HTTP_AUTHORIZATION="")
    assert anonymous.status_code == 401
