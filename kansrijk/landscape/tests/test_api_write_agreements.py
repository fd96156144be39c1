"""The agreements' write API: coordinators list, record, change (with the version check) and
delete their coalition's agreements through the pages' service; analysts only read; other
professionals get 403; another coalition's agreement is "not found"; the audit trail is the
service's; a create sent again with its Idempotency-Key creates nothing new."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.landscape.models import Agreement
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape import make_agreement

pytestmark = pytest.mark.django_db

LIST = "/api/v1/klantroute/afspraken/"


def detail(agreement) -> str:
    return reverse("api:agreement_detail", args=[agreement.pk])


def new_agreement(**overrides) -> dict:
    return {
        "target_group": "zwangeren_kwetsbaar",
        "phase": "gap",
        "need": "parenting",
        "what": "Kraamzorg en JGZ spreken een warme overdracht af.",
        "who": "JGZ Eerstedorp",
        "due_date": (date.today() + timedelta(days=30)).isoformat(),
        **overrides,
    }


def test_a_coordinator_records_an_agreement_with_an_audit_event(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    response = logged_in_client(cast.coordinator).post(
        LIST, new_agreement(municipality=municipality.pk), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    agreement = Agreement.objects.get(pk=body["id"])
    assert response["Location"] == detail(agreement)
    assert body["municipality"] == {
        "id": municipality.pk,
        "cbs_code": "GM9501",
        "name": "Eerstedorp",
    }
    assert body["status"] == "open"
    assert body["version"] == 1
    assert body["overdue"] is False
    assert agreement.coalition == cast.coalition
    event = AuditEvent.objects.get(object_id=str(agreement.pk), action="create")
    assert event.actor == cast.coordinator
    assert event.changes["who"] == ["", "JGZ Eerstedorp"]


def test_the_service_messages_come_back_per_field_in_dutch(cast):
    response = logged_in_client(cast.coordinator).post(
        LIST,
        new_agreement(what="  ", due_date=(date.today() - timedelta(days=1)).isoformat()),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors["what"] == ["Beschrijf wat jullie afspreken."]
    assert errors["due_date"][0].startswith("Een open afspraak kan niet in het verleden")
    assert not Agreement.objects.exists()


def test_a_municipality_of_another_coalition_is_refused(cast):
    other = Municipality.objects.get(coalition=cast.other_coalition)
    response = logged_in_client(cast.coordinator).post(
        LIST, new_agreement(municipality=other.pk), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"municipality": ["Kies een gemeente van deze coalitie."]}


@pytest.mark.parametrize("actor", ["analyst", "case_director", "administrator"])
def test_only_coordinators_record(cast, actor):
    response = logged_in_client(getattr(cast, actor)).post(
        LIST, new_agreement(), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_the_list_filters_and_sorts(cast):
    early = make_agreement(cast.coalition, due_date=date.today() + timedelta(days=5))
    late = make_agreement(cast.coalition, due_date=date.today() + timedelta(days=50))
    make_agreement(cast.coalition, status="done", target_group="jonge_ouders")
    make_agreement(cast.other_coalition, what="Niet van ons")
    client = logged_in_client(cast.analyst)
    body = client.get(LIST, {"status": "open"}).json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [early.pk, late.pk]
    body = client.get(LIST, {"status": "open", "ordering": "-due_date"}).json()
    assert [row["id"] for row in body["results"]] == [late.pk, early.pk]
    assert client.get(LIST, {"target_group": "jonge_ouders"}).json()["count"] == 1
    municipality = Municipality.objects.get(coalition=cast.coalition)
    about = make_agreement(cast.coalition, municipality=municipality)
    body = client.get(LIST, {"municipality": "gm9501"}).json()
    assert [row["id"] for row in body["results"]] == [about.pk]
    other = Municipality.objects.get(coalition=cast.other_coalition)
    response = client.get(LIST, {"municipality": other.pk})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "municipality": ["Deze gemeente hoort niet bij je coalitie."]
    }
    response = client.get(LIST, {"status": "klaar"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["Kies een waarde uit de lijst."]}


def test_a_change_with_the_version_read(cast):
    agreement = make_agreement(cast.coalition)
    client = logged_in_client(cast.coordinator)
    response = client.patch(
        detail(agreement), {"status": "in_progress", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert response.json()["version"] == 2
    assert response.json()["what"] == agreement.what  # what was not sent stays
    event = AuditEvent.objects.get(object_id=str(agreement.pk), action="update")
    assert event.changes == {"status": ["open", "in_progress"]}


def test_a_change_on_a_stale_version_is_a_409_with_both_versions(cast):
    agreement = make_agreement(cast.coalition, version=3)
    response = logged_in_client(cast.coordinator).patch(
        detail(agreement), {"who": "Kraamzorg", "version": 2}, content_type="application/json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "https://kansrijk.nl/problemen/versieconflict"
    assert body["submitted_version"] == 2
    assert body["current_version"] == 3
    assert body["current"]["who"] == "JGZ Eerstedorp"
    assert body["submitted"]["who"] == "Kraamzorg"
    agreement.refresh_from_db()
    assert (agreement.who, agreement.version) == ("JGZ Eerstedorp", 3)


def test_a_change_without_a_version_is_refused(cast):
    agreement = make_agreement(cast.coalition)
    response = logged_in_client(cast.coordinator).patch(
        detail(agreement), {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "version": ["Geef de versie mee waarop de wijziging is gebaseerd."]
    }


def test_an_analyst_reads_but_does_not_change(cast):
    agreement = make_agreement(cast.coalition)
    client = logged_in_client(cast.analyst)
    assert client.get(detail(agreement)).json()["id"] == agreement.pk
    response = client.patch(
        detail(agreement), {"status": "done", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 403
    assert client.delete(detail(agreement)).status_code == 403
    assert Agreement.objects.get(pk=agreement.pk).status == "open"


def test_another_coalitions_agreement_is_not_found(cast):
    agreement = make_agreement(cast.other_coalition)
    client = logged_in_client(cast.coordinator)
    assert client.get(detail(agreement)).status_code == 404
    response = client.patch(
        detail(agreement), {"status": "done", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    assert client.delete(detail(agreement)).status_code == 404
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_a_coordinator_deletes_with_an_audit_event(cast):
    agreement = make_agreement(cast.coalition)
    response = logged_in_client(cast.coordinator).delete(detail(agreement))
    assert response.status_code == 204
    assert not Agreement.objects.filter(pk=agreement.pk).exists()
    event = AuditEvent.objects.get(object_id=str(agreement.pk), action="delete")
    assert event.changes["who"] == ["JGZ Eerstedorp", ""]


def test_a_create_sent_again_with_its_idempotency_key_creates_nothing_new(cast):
    client = logged_in_client(cast.coordinator)
    headers = {"Idempotency-Key": "afspraak-7c1e"}
    first = client.post(LIST, new_agreement(), content_type="application/json", headers=headers)
    again = client.post(LIST, new_agreement(), content_type="application/json", headers=headers)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert Agreement.objects.count() == 1
    other = client.post(
        LIST, new_agreement(who="Kraamzorg"), content_type="application/json", headers=headers
    )
    assert other.status_code == 422
    assert Agreement.objects.count() == 1


def test_without_a_session_or_token_401(client):
    assert client.get(LIST).status_code == 401
    assert client.post(LIST, new_agreement(), content_type="application/json").status_code == 401


def test_the_schema_documents_the_write_api_with_examples(cast):
    schema = logged_in_client(cast.analyst).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for base in (
        "/api/v1/klantroute/afspraken/",
        "/api/v1/regio/landschap/samenwerkingsverbanden/",
        "/api/v1/regio/landschap/meldpunten/",
    ):
        assert set(paths[base]) >= {"get", "post"}
        post = paths[base]["post"]
        assert "Idempotency-Key" in [p["name"] for p in post.get("parameters", [])]
        assert post["requestBody"]["content"]["application/json"]["examples"]
        assert "403" in post["responses"]
        detail = paths[base + "{id}/"]
        assert set(detail) >= {"get", "patch", "delete"}
        assert "409" in detail["patch"]["responses"]
        assert detail["patch"]["requestBody"]["content"]["application/json"]["examples"]
        assert "examples" in detail["get"]["responses"]["200"]["content"]["application/json"]
        listed = paths[base]["get"]["responses"]["200"]["content"]["application/json"]
        assert listed["schema"]["$ref"].startswith("#/components/schemas/Paginated")
        [example] = listed["examples"].values()
        assert example["value"]["results"][0]["id"]
    filters = [p["name"] for p in paths["/api/v1/klantroute/afspraken/"]["get"]["parameters"]]
    assert {"coalition", "target_group", "status", "municipality", "ordering", "page"} <= set(
        filters
    )
