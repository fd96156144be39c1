"""The instrument definitions through the API: those in use in the caller's coalition, with
what is asked, the weights and thresholds; any version by key. No family data, so anyone
working in a coalition may read them and nothing is logged."""

import pytest
from django.test import Client

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.signaling import services
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import ProfessionalFactory

from .conftest import JUDGEMENT, R4U

pytestmark = pytest.mark.django_db


def test_the_list_shows_both_shipped_instruments_as_not_validated(cast):
    response = logged_in_client(cast.case_director).get("/api/v1/instruments/")
    assert response.status_code == 200
    instruments = {i["key"]: i for i in response.json()}
    assert set(instruments) == {R4U, JUDGEMENT}
    assert {i["validated"] for i in instruments.values()} == {False}

    judgement = instruments[JUDGEMENT]
    assert judgement["version"] == 1
    assert judgement["kind"] == "judgement"
    assert judgement["title"] == {"nl": "Professioneel oordeel", "en": "Professional judgement"}
    assert judgement["source"] == "kansrijk"
    assert judgement["thresholds"] == [{"level": "none", "min": 0, "max": None}]
    [domain] = judgement["domains"]
    niveau, reden = domain["items"]
    assert (niveau["key"], niveau["type"], niveau["required"]) == ("niveau", "choice", True)
    assert niveau["options"][3] == {
        "key": "urgent",
        "label": {"nl": "Urgent", "en": "Urgent"},
        "weight": 0,
        "sets_level": "urgent",
    }
    assert (reden["type"], reden["options"], reden["min"]) == ("text", [], None)
    assert reden["help"]["nl"].startswith("Beschrijf wat je ziet")

    r4u = instruments[R4U]
    assert r4u["kind"] == "questionnaire"
    assert r4u["source_url"].startswith("https://")
    items = {item["key"]: item for d in r4u["domains"] for item in d["items"]}
    assert items["gs_partner_steun"]["respondent"] == "partner"
    assert {o["key"] for o in items["gs_onveilig_thuis"]["options"]} == {"yes", "no"}


def test_a_switched_off_instrument_is_no_longer_listed(cast):
    services.instrument_set_enabled(
        actor=cast.coordinator, coalition=cast.coalition, instrument_key=JUDGEMENT, enabled=False
    )
    listed = logged_in_client(cast.case_director).get("/api/v1/instruments/").json()
    assert [i["key"] for i in listed] == [R4U]
    # Another coalition's choice is its own.
    other = logged_in_client(cast.other_coalition_professional).get("/api/v1/instruments/")
    assert [i["key"] for i in other.json()] == [JUDGEMENT, R4U]


def test_the_coalition_filter_shows_only_that_coalition_of_ones_own(cast):
    services.instrument_set_enabled(
        actor=cast.coordinator, coalition=cast.coalition, instrument_key=JUDGEMENT, enabled=False
    )
    client = logged_in_client(cast.case_director)
    own = client.get("/api/v1/instruments/", {"coalition": cast.coalition.pk}).json()
    assert [i["key"] for i in own] == [R4U]
    # Not one of the caller's coalitions: nothing, as the families list does.
    other = client.get("/api/v1/instruments/", {"coalition": cast.other_coalition.pk})
    assert (other.status_code, other.json()) == (200, [])
    wrong = client.get("/api/v1/instruments/", {"coalition": "eerstedorp"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"coalition": ["Geef het nummer (id) van de coalitie."]}


@pytest.mark.parametrize("actor", ["coordinator", "analyst", "administrator"])
def test_managers_read_the_instruments_too(actor, cast):
    response = logged_in_client(getattr(cast, actor)).get("/api/v1/instruments/")
    assert response.status_code == 200
    assert len(response.json()) == 2


def test_the_detail_gives_the_latest_or_the_asked_version(cast):
    client = logged_in_client(cast.analyst)
    latest = client.get(f"/api/v1/instruments/{R4U}/")
    assert latest.status_code == 200
    assert (latest.json()["key"], latest.json()["version"]) == (R4U, 1)
    first = client.get(f"/api/v1/instruments/{R4U}/", {"version": 1})
    assert first.json() == latest.json()


def test_the_detail_still_shows_an_instrument_the_coalition_switched_off(cast):
    services.instrument_set_enabled(
        actor=cast.coordinator, coalition=cast.coalition, instrument_key=JUDGEMENT, enabled=False
    )
    response = logged_in_client(cast.case_director).get(f"/api/v1/instruments/{JUDGEMENT}/")
    assert response.status_code == 200


def test_an_unknown_instrument_or_version_is_not_found(cast):
    client = logged_in_client(cast.case_director)
    for path, query in [
        ("/api/v1/instruments/bestaat-niet/", {}),
        (f"/api/v1/instruments/{R4U}/", {"version": 2}),
    ]:
        response = client.get(path, query)
        assert response.status_code == 404
        assert response.json()["detail"] == "Dit instrument bestaat niet."
    wrong = client.get(f"/api/v1/instruments/{R4U}/", {"version": "een"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"version": ["Geef het versienummer als geheel getal."]}


def test_someone_without_a_membership_gets_403_and_anonymous_401(cast):
    loner = ProfessionalFactory(username="zonderlidmaatschap")
    _token, key = api_token_create(professional=loner, name="los")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    for path in "/api/v1/instruments/", f"/api/v1/instruments/{R4U}/":
        response = Client().get(path, **auth)
        assert response.status_code == 403
        assert response.json()["detail"] == (
            "Alleen wie in een coalitie werkt, kan de instrumenten inzien."
        )
        assert Client().get(path).status_code == 401


def test_reading_instruments_writes_no_access_event(cast):
    client = logged_in_client(cast.case_director)
    client.get("/api/v1/instruments/")
    client.get(f"/api/v1/instruments/{R4U}/")
    assert not AccessEvent.objects.exists()
