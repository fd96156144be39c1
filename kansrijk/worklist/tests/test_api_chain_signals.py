"""The work queue through the API, computed exactly as the page: a professional gets the
signals of their own families with why and what to do; a coordinator the coalition's with
the minimum and no names; analysts and administrators none. The cost does not grow with
the number of signals."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access.services import api_token_create
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family
from kansrijk.worklist.rules import RULES

from .builders import born_on, choose_route

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)
DAY = START + timedelta(days=12)
URL = "/api/v1/chain-signals/"


def signal_families(cast, count: int) -> list:
    """`count` families, each with four signals: urgent untouched, no case director (none
    recorded), in the gap and no consent."""
    families = []
    with time_machine.travel(START, tick=False):
        for _ in range(count):
            family = make_family(cast)
            born_on(cast, family, START, today=START)
            choose_route(cast, family, level="urgent")
            families.append(family)
    return families


def _client(professional):
    # Logged in on the day of the test, so that the session has not timed out by then.
    with time_machine.travel(DAY, tick=False):
        return logged_in_client(professional)


def _get(client, **params):
    with time_machine.travel(DAY, tick=False):
        return client.get(URL, params)


def test_a_professional_gets_the_signals_of_their_families_with_why_and_what_to_do(cast):
    [family] = signal_families(cast, 1)
    response = _get(_client(cast.care_team_member))
    assert response.status_code == 200
    body = response.json()
    kinds = [row["kind"] for row in body["results"]]
    assert set(kinds) == {
        "urgent_no_action",
        "no_case_director",
        "gap_without_jgz_contact",
        "consent_missing",
    }
    # In rule order, as on the page.
    assert kinds == sorted(kinds, key=[rule.code for rule in RULES].index)
    gap = next(row for row in body["results"] if row["kind"] == "gap_without_jgz_contact")
    assert gap["family"] == family.pk
    assert gap["family_reference"] == family.reference
    assert gap["coalition"] == cast.coalition.pk
    assert gap["kind_display"] == "In het gat zonder JGZ-contact"
    assert "geboren op 3 maart 2027" in gap["why"]
    assert gap["since"] == "2027-03-11"
    assert gap["age_days"] == (DAY - date(2027, 3, 11)).days
    assert gap["phase"] == {"code": "gap", "label": gap["phase"]["label"]}
    assert gap["act"] == {
        "label": "Plan JGZ-contact",
        "method": "post",
        "url": f"/werkvoorraad/gezinnen/{family.pk}/jgz-contact/",
    }


def test_a_coordinator_gets_the_coalition_with_the_minimum_and_no_names(cast):
    [family] = signal_families(cast, 1)
    response = _get(_client(cast.coordinator))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 4
    for row in rows:
        assert row["family"] is None
        assert row["why"] is None
        assert row["act"] is None
        assert row["family_reference"] == family.reference
        assert row["phase"]["code"] == "gap"
        assert row["responsible_organisation"] == "Verloskundigen Eerstedorp"
    text = response.content.decode()
    for name in ("Testkind", "Regisseur", "Teamlid", str(family.postcode)):
        assert name not in text


def test_the_queue_is_filtered_by_kind_and_ordered_as_on_the_page(cast):
    signal_families(cast, 2)
    client = _client(cast.case_director)
    rows = _get(client, kind="consent_missing").json()["results"]
    assert [row["kind"] for row in rows] == ["consent_missing", "consent_missing"]
    newest = _get(client, ordering="newest").json()["results"]
    assert [row["since"] for row in newest] == sorted(
        (row["since"] for row in newest), reverse=True
    )
    wrong = _get(client, kind="alles")
    assert wrong.status_code == 400
    assert list(wrong.json()["errors"]) == ["kind"]
    assert wrong.json()["errors"]["kind"][0].startswith("Kies een soort ketensignaal:")


def test_others_see_nothing_of_the_familys_signals(cast):
    [family] = signal_families(cast, 1)
    for actor in ("outsider", "other_coalition_professional"):
        response = _get(_client(getattr(cast, actor)))
        assert response.status_code == 200
        assert response.json()["count"] == 0
        assert family.reference not in response.content.decode()
    for actor in ("analyst", "administrator"):
        response = _get(_client(getattr(cast, actor)))
        assert response.status_code == 403
        assert response.json()["detail"] == (
            "Alleen professionals en coördinatoren hebben een werkvoorraad."
        )


def test_anonymous_gets_401(client, cast):
    assert client.get(URL).status_code == 401


def test_a_coordinator_who_is_also_a_professional_can_ask_for_their_own_families(cast):
    [family] = signal_families(cast, 1)
    membership = cast.case_director.memberships.get()
    membership.is_coordinator = True
    membership.save()
    client = _client(cast.case_director)
    coalition = _get(client).json()["results"]
    assert {row["family"] for row in coalition} == {None}
    own = _get(client, view="mine").json()["results"]
    assert {row["family"] for row in own} == {family.pk}


def _queries(client, key: str) -> int:
    with time_machine.travel(DAY, tick=False), CaptureQueriesContext(connection) as queries:
        response = client.get(URL, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("actor", ["case_director", "coordinator"])
def test_the_queue_costs_the_same_for_5_and_for_40_families(client, cast, actor):
    _token, key = api_token_create(professional=getattr(cast, actor), name="koppeling")
    with time_machine.travel(DAY, tick=False):
        client.get(URL, HTTP_AUTHORIZATION=f"Token {key}")  # the token's first use is written
    counts = {}
    for size, extra in ((5, 5), (40, 35)):
        signal_families(cast, extra)
        counts[size] = _queries(client, key)
    assert counts[5] == counts[40], counts
    # The token with its professional (1), the caller's memberships with their coalition
    # (1), a professional's own families as a list of ids (1), the coalition's thresholds
    # (1), one query per rule over all the families it is given, however many signals it
    # finds, and one for what the signals show of their families (1).
    own_families = 1 if actor == "case_director" else 0
    assert counts[40] == 3 + own_families + len(RULES) + 1
