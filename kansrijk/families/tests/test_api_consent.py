"""A family's consents through the API: the decision in force per purpose, recording and
replacing a decision, withdrawing one. The consent page's rules: a logged read, writes
through the services (logged as updates, on the timeline) with the page's Dutch messages,
and to everyone without a ground the family does not exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.access.services import api_token_create
from kansrijk.families.models import Consent, TimelineEvent
from kansrijk.families.services import consent_record, consent_withdraw
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
OUTSIDERS = ["outsider", "other_coalition_professional", "coordinator", "analyst"]
NOT_FOUND = "Niet gevonden of geen toegang."


def _path(family, suffix="") -> str:
    return f"/api/v1/families/{family.pk}/consents/{suffix}"


def _post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def _record(client, family, **data):
    return _post(
        client, _path(family), {"purpose": "care_team", "given": True, "method": "written", **data}
    )


def test_the_list_shows_every_purpose_with_the_decision_in_force(cast, cast_family):
    consent_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        purpose="care_team",
        given=True,
        method="written",
    )
    consent_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        purpose="mdo_named",
        given=False,
        method="verbal",
    )
    response = logged_in_client(cast.care_team_member).get(_path(cast_family))
    assert response.status_code == 200
    rows = {row["purpose"]: row for row in response.json()}
    assert list(rows) == ["care_team", "mdo_named", "monitoring"]
    assert rows["care_team"]["decision"] == "given"
    assert rows["care_team"]["label"] == "Gegevens delen binnen het zorgteam"
    consent = rows["care_team"]["consent"]
    assert (consent["given"], consent["method"], consent["method_display"]) == (
        True,
        "written",
        "Schriftelijk",
    )
    assert consent["recorded_by"] == cast.case_director.get_full_name()
    assert consent["recorded_by_family"] is False
    assert consent["withdrawn_at"] is None
    assert rows["mdo_named"]["decision"] == "refused"
    assert rows["mdo_named"]["consent"]["method_display"] == "Mondeling"
    assert rows["monitoring"] == {
        "purpose": "monitoring",
        "label": "Meetellen in de monitoring",
        "decision": "none",
        "consent": None,
    }


def test_reading_the_consents_is_logged(cast, cast_family):
    logged_in_client(cast.care_team_member).get(_path(cast_family))
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.user, event.action) == (cast.care_team_member, AccessEvent.Action.READ)
    assert event.authorisation is True
    assert event.detail == "Toestemmingen ingezien via de API"


def test_recording_consent_stores_who_when_and_how_and_logs_it(cast, cast_family):
    response = _record(logged_in_client(cast.care_team_member), cast_family)
    assert response.status_code == 201, response.content
    body = response.json()
    consent = Consent.objects.in_force().get(family=cast_family, purpose="care_team")
    assert body["id"] == consent.pk
    assert (consent.given, consent.method, consent.recorded_by) == (
        True,
        "written",
        cast.care_team_member,
    )
    assert body["purpose_display"] == "Gegevens delen binnen het zorgteam"
    assert body["recorded_by"] == cast.care_team_member.get_full_name()
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.user, event.action) == (cast.care_team_member, AccessEvent.Action.UPDATE)
    assert event.detail == "Toestemming vastgelegd"
    timeline = TimelineEvent.objects.get(family=cast_family, kind="consent_given")
    assert timeline.summary == "Gegevens delen binnen het zorgteam (Schriftelijk)"
    assert timeline.actor == cast.care_team_member


def test_a_refusal_is_recorded_as_such(cast, cast_family):
    response = _record(
        logged_in_client(cast.case_director), cast_family, purpose="mdo_named", given=False
    )
    assert response.status_code == 201
    assert response.json()["given"] is False
    assert Consent.objects.in_force().get(purpose="mdo_named").given is False
    assert TimelineEvent.objects.filter(kind="consent_refused").count() == 1


def test_a_new_decision_replaces_the_one_in_force_and_keeps_it(cast, cast_family):
    client = logged_in_client(cast.case_director)
    first = _record(client, cast_family).json()
    second = _record(client, cast_family, given=False, method="verbal")
    assert second.status_code == 201
    assert second.json()["id"] != first["id"]
    replaced = Consent.objects.get(pk=first["id"])
    assert replaced.withdrawn_at is not None
    assert replaced.withdrawn_by == cast.case_director
    in_force = Consent.objects.in_force().get(family=cast_family, purpose="care_team")
    assert (in_force.pk, in_force.given, in_force.method) == (second.json()["id"], False, "verbal")
    row = client.get(_path(cast_family)).json()[0]
    assert (row["decision"], row["consent"]["id"]) == ("refused", in_force.pk)


def test_missing_choices_get_the_pages_dutch_messages_and_nothing_is_stored(cast, cast_family):
    updates = AccessEvent.objects.filter(action=AccessEvent.Action.UPDATE).count()
    response = _post(logged_in_client(cast.case_director), _path(cast_family))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"].endswith("/validatie")
    assert body["errors"] == {
        "purpose": ["Kies waarvoor de toestemming geldt."],
        "given": ["Kies of het gezin toestemming geeft."],
        "method": ["Kies of de toestemming mondeling of schriftelijk is."],
    }
    response = _record(
        logged_in_client(cast.case_director),
        cast_family,
        purpose="reclame",
        given="misschien",
        method="telepathisch",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "purpose": ["Kies waarvoor de toestemming geldt."],
        "given": ["Kies of het gezin toestemming geeft."],
        "method": ["Kies of de toestemming mondeling of schriftelijk is."],
    }
    assert not Consent.objects.exists()
    assert not TimelineEvent.objects.filter(kind__startswith="consent").exists()
    # The service never ran: no update is logged.
    assert AccessEvent.objects.filter(action=AccessEvent.Action.UPDATE).count() == updates


def test_withdrawing_takes_effect_at_once(cast, cast_family):
    client = logged_in_client(cast.case_director)
    recorded = _record(client, cast_family).json()
    response = _post(client, _path(cast_family, "care_team/withdraw/"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == recorded["id"]
    assert body["withdrawn_at"] is not None
    assert body["withdrawn_by"] == cast.case_director.get_full_name()
    assert not Consent.objects.given().filter(family=cast_family).exists()
    event = AccessEvent.objects.filter(family=cast_family).latest("id")
    assert (event.user, event.action) == (cast.case_director, AccessEvent.Action.UPDATE)
    assert event.detail == "Toestemming ingetrokken"
    assert TimelineEvent.objects.filter(family=cast_family, kind="consent_withdrawn").count() == 1
    assert client.get(_path(cast_family)).json()[0]["decision"] == "none"
    # The very next access is logged without consent.
    get_family_for_user(cast.care_team_member, cast_family.pk, "R")
    assert AccessEvent.objects.latest("id").consent is False


def test_withdrawing_what_was_not_given_explains_why(cast, cast_family):
    client = logged_in_client(cast.case_director)
    _record(client, cast_family, purpose="monitoring", given=False)
    for purpose in ("monitoring", "mdo_named"):
        response = _post(client, _path(cast_family, f"{purpose}/withdraw/"))
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        [message] = response.json()["errors"]["non_field_errors"]
        assert message.startswith("Er is geen gegeven toestemming voor '")
    assert Consent.objects.get(family=cast_family).withdrawn_at is None
    assert not TimelineEvent.objects.filter(kind="consent_withdrawn").exists()


def test_an_unknown_purpose_is_not_found(cast, cast_family):
    response = _post(logged_in_client(cast.case_director), _path(cast_family, "reclame/withdraw/"))
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit doel van toestemming bestaat niet."


@pytest.mark.parametrize("actor", OUTSIDERS)
def test_outsiders_get_nothing(actor, cast, cast_family):
    consent_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        purpose="care_team",
        given=True,
        method="written",
    )
    client = logged_in_client(getattr(cast, actor))
    for response in (
        client.get(_path(cast_family)),
        _record(client, cast_family, purpose="monitoring"),
        _post(client, _path(cast_family, "care_team/withdraw/")),
    ):
        assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND)
    assert list(Consent.objects.values_list("purpose", "withdrawn_at")) == [("care_team", None)]
    if actor in ("outsider", "coordinator", "analyst"):
        # Refusals on a family of their own coalition are logged too (NEN 7513).
        refused = AccessEvent.objects.filter(
            family=cast_family, user=getattr(cast, actor), authorisation=False
        )
        assert refused.count() == 3


def test_without_login_the_answer_is_401_and_a_token_works(client, cast, cast_family):
    assert client.get(_path(cast_family)).status_code == 401
    assert _record(client, cast_family).status_code == 401
    _token, key = api_token_create(professional=cast.care_team_member, name="koppeling")
    response = client.post(
        _path(cast_family),
        {"purpose": "monitoring", "given": True, "method": "verbal"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 201
    assert Consent.objects.get().recorded_by == cast.care_team_member


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_list_costs_the_same_with_a_short_and_a_long_history(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    client.get(_path(cast_family))  # the first request stamps the session's activity
    short = _queries(client, _path(cast_family))
    for n in range(5):  # the last decisions are "yes"
        for purpose in ("care_team", "mdo_named", "monitoring"):
            consent_record(
                actor=cast.case_director,
                family_pk=cast_family.pk,
                purpose=purpose,
                given=n % 2 == 0,
                method="written",
            )
    consent_withdraw(actor=cast.case_director, family_pk=cast_family.pk, purpose="care_team")
    long = _queries(client, _path(cast_family))
    assert short == long
    # Session and user (2), the session's OTP device (1); the family through the policy,
    # with whether the ground's consent is given (1), and its read event (the caller's
    # organisation and discipline, the insert: 2); the decisions in force with who recorded
    # them (1).
    assert long == 7


def _named_on_a_published_mdo(cast):
    """A family on a published MDO agenda by name: its participants (the outsider among
    them) may read its file on the MDO ground, which is read-only."""
    from kansrijk.testing.mdo import on_published_agenda_by_name

    return on_published_agenda_by_name(cast)


def test_an_mdo_participant_reads_the_consents_but_changes_nothing(cast):
    family = _named_on_a_published_mdo(cast)
    client = logged_in_client(cast.outsider)
    response = client.get(_path(family))
    assert response.status_code == 200
    assert response.json()[1]["decision"] == "given"  # named discussion
    for response in (
        _record(client, family, purpose="monitoring"),
        _post(client, _path(family, "mdo_named/withdraw/")),
    ):
        assert (response.status_code, response.json()["detail"]) == (404, NOT_FOUND)
    assert Consent.objects.given().filter(family=family, purpose="mdo_named").exists()
    assert not Consent.objects.filter(family=family, purpose="monitoring").exists()
