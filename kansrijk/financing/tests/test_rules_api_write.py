"""Writing financing rules through the API: administrators add, change and remove their
coalition's rules through the service (Dutch messages, one rule per kind of care and year,
the version check, the audit trail); everyone else is refused as on the pages."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.financing.models import FinancingRule
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_rule

pytestmark = pytest.mark.django_db
RULES = "/api/v1/financing/rules/"  # reverse() at import time would load DRF too early


def detail(pk: int) -> str:
    return reverse("api:financing_rule_detail", args=[pk])


NEW = {
    "year": 2026,
    "care_kind": "kraamzorg",
    "law": "zvw",
    "payer": "insurer",
    "contribution_kind": "per_hour",
    "contribution_amount": "4.50",
    "notes": "Het gezin betaalt per uur een eigen bijdrage.",
    "source": "Besluit zorgverzekering 2026",
}


def _post(client, data, **headers):
    return client.post(RULES, data, content_type="application/json", headers=headers)


def test_an_administrator_adds_a_rule_with_its_source(cast):
    response = _post(logged_in_client(cast.administrator), NEW)
    assert response.status_code == 201
    body = response.json()
    assert (body["year"], body["care_kind"], body["contribution_amount"]) == (
        2026,
        "kraamzorg",
        "4.50",
    )
    assert body["coalition"] == cast.coalition.pk
    assert body["version"] == 1
    rule = FinancingRule.objects.get()
    assert rule.updated_by == cast.administrator
    event = AuditEvent.objects.get(object_type="financing.FinancingRule", action="create")
    assert event.actor == cast.administrator


def test_the_services_rules_answer_400_with_dutch_messages(cast):
    client = logged_in_client(cast.administrator)
    response = _post(client, {**NEW, "source": ""})
    assert response.status_code == 400
    assert response.json()["errors"]["source"] == [
        "Geef de bron van het bedrag: zonder bron geen bedrag."
    ]
    response = _post(client, {**NEW, "service": str(uuid.uuid4())})
    assert response.json()["errors"]["service"] == [
        "Kies een aanbod van de sociale kaart van deze coalitie."
    ]
    assert _post(client, NEW).status_code == 201
    twice = _post(client, NEW)
    assert twice.status_code == 400
    assert twice.json()["errors"]["care_kind"] == [
        "Voor deze soort zorg is in dit jaar al een regel."
    ]
    assert _post(client, {**NEW, "year": None}).status_code == 400
    assert FinancingRule.objects.count() == 1


def test_only_administrators_write_as_on_the_pages(cast, client):
    rule = make_rule(cast.coalition)
    for actor in (cast.case_director, cast.coordinator):
        reader = logged_in_client(actor)
        assert reader.get(detail(rule.pk)).status_code == 200
        assert _post(reader, NEW).status_code == 403
        patch = reader.patch(detail(rule.pk), {"notes": "x", "version": 1}, "application/json")
        assert patch.status_code == 403
        assert reader.delete(detail(rule.pk)).status_code == 403
    analyst = logged_in_client(cast.analyst)
    assert analyst.get(detail(rule.pk)).status_code == 403
    assert _post(analyst, NEW).status_code == 403
    assert client.post(RULES, NEW, content_type="application/json").status_code == 401
    assert FinancingRule.objects.count() == 1


def test_another_coalitions_rule_is_not_found(cast):
    theirs = make_rule(cast.other_coalition)
    client = logged_in_client(cast.administrator)
    assert client.get(detail(theirs.pk)).status_code == 404
    assert client.delete(detail(theirs.pk)).status_code == 404
    assert (
        client.patch(detail(theirs.pk), {"notes": "x", "version": 1}, "application/json")
    ).status_code == 404
    assert _post(client, {**NEW, "coalition": cast.other_coalition.pk}).status_code == 400
    assert FinancingRule.objects.filter(pk=theirs.pk).exists()


def test_a_change_needs_the_version_and_a_stale_one_answers_409(cast):
    rule = make_rule(cast.coalition, year=2026)
    client = logged_in_client(cast.administrator)
    without = client.patch(detail(rule.pk), {"notes": "Nieuw"}, "application/json")
    assert without.status_code == 400
    changed = client.patch(
        detail(rule.pk),
        {"contribution_kind": "fixed", "contribution_amount": "12.00", "version": 1},
        "application/json",
    )
    assert changed.status_code == 200
    body = changed.json()
    assert (body["contribution_amount"], body["version"], body["year"]) == ("12.00", 2, 2026)
    assert body["source"] == "Testbron"
    stale = client.put(detail(rule.pk), {**NEW, "version": 1}, "application/json")
    assert stale.status_code == 409
    problem = stale.json()
    assert problem["type"].endswith("/versieconflict")
    assert (problem["submitted_version"], problem["current_version"]) == (1, 2)
    rule.refresh_from_db()
    assert str(rule.contribution_amount) == "12.00"
    event = AuditEvent.objects.get(object_type="financing.FinancingRule", action="update")
    assert event.changes["contribution_amount"] == [None, "12.00"]


def test_removing_a_rule_is_audited(cast):
    rule = make_rule(cast.coalition)
    response = logged_in_client(cast.administrator).delete(detail(rule.pk))
    assert response.status_code == 204
    assert not FinancingRule.objects.exists()
    assert AuditEvent.objects.filter(
        object_type="financing.FinancingRule", action="delete"
    ).exists()


def test_a_create_with_an_idempotency_key_adds_one_rule(cast):
    client = logged_in_client(cast.administrator)
    first = _post(client, NEW, **{"Idempotency-Key": "regel-kraamzorg-2026"})
    second = _post(client, NEW, **{"Idempotency-Key": "regel-kraamzorg-2026"})
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    assert FinancingRule.objects.count() == 1


def test_the_list_costs_the_same_with_few_and_many_rules(cast):
    client = logged_in_client(cast.administrator)
    make_rule(cast.coalition, "kraamzorg", year=2020)

    def queries() -> int:
        client.get(RULES)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(RULES).status_code == 200
        return len(captured)

    few = queries()
    for year in range(2021, 2036):
        make_rule(cast.coalition, "kraamzorg", year=year)
    assert queries() == few
