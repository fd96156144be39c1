"""A coalition's chain moments through the API: a coordinator reads the defaults, adds and
changes moments through the page's form and service (Dutch messages, the audit trail); other
roles get 403; another coalition's moments are "not found"; a refused write stores nothing."""

import pytest
from django.urls import reverse

from kansrijk.care import services_handovers as services
from kansrijk.care.models import DEFAULT_CHAIN_MOMENTS, ChainMoment
from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/chain-moments/"
NEW = {
    "name": "Kraamzorg naar JGZ",
    "from_kinds": ["kraamzorg"],
    "to_kind": "jgz",
    "anchor": "birth_date",
    "offset_days": 10,
}


def detail(code: str) -> str:
    return reverse("api:chain_moment_detail", args=[code])


def test_a_coordinator_reads_the_defaults_adds_and_changes_a_moment(cast):
    client = logged_in_client(cast.coordinator)
    body = client.get(LIST).json()
    assert body["coalition"] == cast.coalition.pk
    assert body["uses_defaults"] is True
    assert [m["code"] for m in body["moments"]] == [m.code for m in DEFAULT_CHAIN_MOMENTS]

    response = client.post(LIST, NEW, content_type="application/json")
    assert response.status_code == 201
    created = response.json()
    assert created["code"] == "kraamzorg-naar-jgz"
    assert response["Location"] == f"{detail('kraamzorg-naar-jgz')}?coalition={cast.coalition.pk}"
    # What was not sent starts as on the page's form: in use, order 50, not casusregie.
    assert (created["is_active"], created["order"], created["transfers_casusregie"]) == (
        True,
        50,
        False,
    )
    moment = ChainMoment.objects.get(coalition=cast.coalition, code="kraamzorg-naar-jgz")
    event = AuditEvent.objects.get(action="chain_moment_saved", object_id=str(moment.pk))
    assert event.actor == cast.coordinator
    assert event.changes["name"] == [None, "Kraamzorg naar JGZ"]
    body = client.get(LIST).json()
    assert body["uses_defaults"] is False
    assert len(body["moments"]) == len(DEFAULT_CHAIN_MOMENTS) + 1

    response = client.patch(
        detail(moment.code),
        {"offset_days": 14, "is_active": False},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Kraamzorg naar JGZ"
    moment.refresh_from_db()
    assert (moment.offset_days, moment.is_active, moment.from_kinds) == (14, False, ["kraamzorg"])
    change = AuditEvent.objects.filter(
        action="chain_moment_saved", object_id=str(moment.pk)
    ).latest("pk")
    assert change.changes == {"offset_days": [10, 14], "is_active": [True, False]}
    assert client.get(detail(moment.code)).json()["is_active"] is False


def test_changing_a_default_copies_the_defaults(cast):
    code = DEFAULT_CHAIN_MOMENTS[0].code
    client = logged_in_client(cast.coordinator)
    assert client.get(detail(code)).json()["offset_days"] == DEFAULT_CHAIN_MOMENTS[0].offset_days
    response = client.patch(detail(code), {"offset_days": -56}, content_type="application/json")
    assert response.status_code == 200
    assert ChainMoment.objects.filter(coalition=cast.coalition).count() == len(
        DEFAULT_CHAIN_MOMENTS
    )
    event = AuditEvent.objects.get(action="chain_moment_saved")
    assert event.changes == {"offset_days": [DEFAULT_CHAIN_MOMENTS[0].offset_days, -56]}


def test_the_page_forms_messages_come_back_and_nothing_is_stored(cast):
    client = logged_in_client(cast.coordinator)
    response = client.post(LIST, {**NEW, "name": ""}, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {"name": ["Geef het ketenmoment een naam."]}
    response = client.post(LIST, {**NEW, "offset_days": 400}, content_type="application/json")
    assert response.status_code == 400
    assert "offset_days" in response.json()["errors"]
    assert not ChainMoment.objects.exists()
    assert not AuditEvent.objects.filter(action="chain_moment_saved").exists()


@pytest.mark.parametrize("actor", ["analyst", "case_director", "administrator", "outsider"])
def test_only_coordinators_configure(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, NEW, content_type="application/json").status_code == 403
    code = DEFAULT_CHAIN_MOMENTS[0].code
    assert client.get(detail(code)).status_code == 403
    response = client.patch(detail(code), {"offset_days": 1}, content_type="application/json")
    assert response.status_code == 403
    assert not ChainMoment.objects.exists()


def test_another_coalitions_moments_are_not_found(cast):
    other_coordinator = MembershipFactory(
        coalition=cast.other_coalition,
        organisation=OrganisationFactory(coalitions=[cast.other_coalition]),
        is_professional=False,
        is_coordinator=True,
    ).professional
    services.chain_moment_save(
        actor=other_coordinator, coalition=cast.other_coalition, code=None, data=NEW
    )
    client = logged_in_client(cast.coordinator)
    assert client.get(detail("kraamzorg-naar-jgz")).status_code == 404
    response = client.patch(
        detail("kraamzorg-naar-jgz"), {"offset_days": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    other = {"coalition": cast.other_coalition.pk}
    assert client.get(LIST, other).status_code == 404
    assert client.get(detail("kraamzorg-naar-jgz"), other).status_code == 404
    assert not ChainMoment.objects.filter(coalition=cast.coalition).exists()
    assert ChainMoment.objects.get(code="kraamzorg-naar-jgz").offset_days == 10


def test_without_a_session_or_token_the_answer_is_401(client):
    assert client.get(LIST).status_code == 401


def test_the_schema_describes_the_chain_moment_endpoints(cast):
    schema = logged_in_client(cast.coordinator).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert set(paths["/api/v1/chain-moments/"]) == {"get", "post"}
    detail_path = paths["/api/v1/chain-moments/{code}/"]
    assert set(detail_path) == {"get", "patch"}
    assert detail_path["patch"]["summary"] == "Ketenmoment wijzigen"
    assert {"200", "400", "403", "404"} <= set(detail_path["patch"]["responses"])
    post = paths["/api/v1/chain-moments/"]["post"]
    [example] = post["requestBody"]["content"]["application/json"]["examples"].values()
    assert example["value"]["to_kind"] == "jgz"
