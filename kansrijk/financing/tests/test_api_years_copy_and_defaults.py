"""Copying a year's financing and loading the shipped figures through the API: the pages'
policy (administrators write, other readers 403, another coalition's figures 404), the
page's form and the services (Dutch messages, nothing written on bad input, the audit
trail)."""

import pytest

from kansrijk.core.models import AuditEvent
from kansrijk.financing.defaults import YEAR as DEFAULTS_YEAR
from kansrijk.financing.models import FinancingRule, FinancingYear, InsurerException
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_exception, make_rule, make_year

pytestmark = pytest.mark.django_db
DEFAULTS = "/api/v1/financing/defaults/load/"


def _copy_url(figures) -> str:
    return f"/api/v1/financing/year-figures/{figures.pk}/copy/"


def _post(client, url: str, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _year_rows(coalition, year: int) -> int:
    return sum(
        model.objects.filter(coalition=coalition, year=year).count()
        for model in (FinancingRule, FinancingYear, InsurerException)
    )


# --- Copying a year ----------------------------------------------------------------------------


def test_an_administrator_copies_a_year_with_its_rules_and_exceptions(cast):
    figures = make_year(cast.coalition, year=2026)
    make_rule(cast.coalition, year=2026)
    make_exception(cast.coalition, year=2026)
    response = _post(
        logged_in_client(cast.administrator), _copy_url(figures), {"target_year": 2027}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["source_year"], body["target_year"], body["copied"]) == (2026, 2027, 3)
    assert body["detail"].startswith("2026 is gekopieerd naar 2027 (3 regels en cijfers).")
    assert _year_rows(cast.coalition, 2027) == 3
    event = AuditEvent.objects.get(object_type="financing.FinancingRule", action="create")
    assert event.coalition == cast.coalition
    assert event.actor == cast.administrator


def test_a_copy_gets_the_pages_dutch_messages_and_writes_nothing(cast):
    figures = make_year(cast.coalition, year=2026)
    make_year(cast.coalition, year=2027)
    client = logged_in_client(cast.administrator)
    cases = {
        None: "Vul een jaar in.",
        "twee": "Vul een jaar in, bijvoorbeeld 2026.",
        1999: "Kies een jaar van 2000 tot en met 2100.",
        2026: "Kies een ander jaar dan het jaar zelf.",
        2027: "Voor 2027 zijn al cijfers of regels. Kopiëren kan alleen naar een jaar zonder "
        "cijfers.",
    }
    for target, message in cases.items():
        response = _post(client, _copy_url(figures), {"target_year": target})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["errors"]["target_year"] == [message]
    assert FinancingYear.objects.count() == 2
    assert not AuditEvent.objects.filter(object_type="financing.FinancingRule").exists()


def test_only_administrators_copy_and_another_coalitions_figures_are_not_found(cast, client):
    figures = make_year(cast.coalition, year=2026)
    url = _copy_url(figures)
    for actor in (cast.coordinator, cast.case_director):
        response = _post(logged_in_client(actor), url, {"target_year": 2027})
        assert response.status_code == 403
        assert "Alleen beheerders" in response.json()["detail"]
    assert _post(logged_in_client(cast.analyst), url, {"target_year": 2027}).status_code == 403
    other = _post(logged_in_client(cast.other_coalition_professional), url, {"target_year": 2027})
    assert other.status_code == 404
    assert _post(client, url, {"target_year": 2027}).status_code == 401
    missing = _post(logged_in_client(cast.administrator), "/api/v1/financing/year-figures/0/copy/")
    assert missing.status_code == 404
    assert _year_rows(cast.coalition, 2027) == 0


def test_copy_only_answers_post(cast):
    url = _copy_url(make_year(cast.coalition, year=2026))
    assert logged_in_client(cast.administrator).get(url).status_code == 405


# --- Loading the shipped figures ---------------------------------------------------------------


def test_an_administrator_loads_the_shipped_figures_once(cast):
    client = logged_in_client(cast.administrator)
    first = _post(client, DEFAULTS)
    assert first.status_code == 201, first.json()
    assert first.json()["year"] == DEFAULTS_YEAR
    assert first.json()["written"] > 0
    assert (
        first.json()["detail"]
        == f"De standaardcijfers van {DEFAULTS_YEAR} zijn geladen, met hun bron."
    )
    rows = _year_rows(cast.coalition, DEFAULTS_YEAR)
    assert rows == first.json()["written"]
    again = _post(client, DEFAULTS)
    assert again.status_code == 200
    assert again.json()["written"] == 0
    assert "er is niets veranderd" in again.json()["detail"]
    assert _year_rows(cast.coalition, DEFAULTS_YEAR) == rows
    events = AuditEvent.objects.filter(object_type="financing.FinancingRule", action="create")
    assert events.count() == 1
    assert events.get().coalition == cast.coalition


def test_loading_is_for_administrators_of_the_named_coalition(cast, client):
    for actor in (cast.coordinator, cast.case_director, cast.analyst):
        response = _post(logged_in_client(actor), DEFAULTS)
        assert response.status_code == 403
        assert "Alleen beheerders" in response.json()["detail"]
    admin = logged_in_client(cast.administrator)
    other = _post(admin, DEFAULTS, {"coalition": cast.other_coalition.pk})
    assert other.status_code == 400
    assert other.json()["errors"]["coalition"] == ["Je kunt dit niet wijzigen in deze coalitie."]
    assert _post(client, DEFAULTS).status_code == 401
    assert FinancingYear.objects.count() == 0
    assert _post(admin, DEFAULTS, {"coalition": cast.coalition.pk}).status_code == 201


def test_loading_asks_which_coalition_of_an_administrator_of_two(cast):
    from kansrijk.testing.factories import MembershipFactory

    MembershipFactory(
        professional=cast.administrator, coalition=cast.other_coalition, is_administrator=True
    )
    response = _post(logged_in_client(cast.administrator), DEFAULTS)
    assert response.status_code == 400
    assert response.json()["errors"]["coalition"] == [
        "Kies de coalitie: je beheert er meer dan één."
    ]
    assert FinancingYear.objects.count() == 0


def test_an_idempotency_key_replays_the_load(cast):
    client = logged_in_client(cast.administrator)
    headers = {"Idempotency-Key": "laden-1"}
    first = client.post(DEFAULTS, {}, content_type="application/json", headers=headers)
    second = client.post(DEFAULTS, {}, content_type="application/json", headers=headers)
    assert (first.status_code, second.status_code) == (201, 201)
    assert second["Idempotent-Replayed"] == "true"
