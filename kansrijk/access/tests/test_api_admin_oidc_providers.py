"""The organisations' sign-on providers through the API: an administrator adds one (its
endpoints discovered), changes it (a stale version is 409), and deletes it, through the page's
form and services (Dutch messages, the audit trail); the client secret is never answered;
another coalition's provider is "not found"; others get 403; the list costs the same queries
for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.access import oidc
from kansrijk.access.models import OidcProvider
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.oidc_provider import CLIENT_ID, LocalOidcProvider, make_provider

pytestmark = pytest.mark.django_db

LIST = "/api/v1/admin/oidc-providers/"
SECRET = "s3cret-value"


def detail(pk: int) -> str:
    return f"{LIST}{pk}/"


@pytest.fixture
def idp(settings):
    settings.OIDC_HTTP_HOSTS = ["127.0.0.1"]
    with LocalOidcProvider() as provider:
        yield provider


def _organisation(name="Verloskundigen Eerstedorp") -> Organisation:
    return Organisation.objects.get(name=name)


def _new(idp, **overrides) -> dict:
    return {
        "organisation": _organisation().pk,
        "name": "Verloskundigen Eerstedorp",
        "issuer": idp.issuer,
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "accepted_acr_values": "urn:test:loa:high",
        **overrides,
    }


def test_an_administrator_adds_changes_and_deletes_a_provider(cast, idp):
    client = logged_in_client(cast.administrator)
    response = client.post(LIST, _new(idp), content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert SECRET not in response.content.decode()
    assert "client_secret" not in body
    assert (body["has_client_secret"], body["token_endpoint"], body["is_active"]) == (
        True,
        f"{idp.issuer}/token",
        True,
    )
    provider = OidcProvider.objects.get()
    assert oidc.secret_decrypt(provider.client_secret_encrypted) == SECRET
    event = AuditEvent.objects.get(action="create", object_type="access.OidcProvider")
    assert event.actor == cast.administrator
    assert SECRET not in event.summary + str(event.changes)

    response = client.patch(
        detail(provider.pk),
        {"is_active": False, "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["is_active"], response.json()["version"]) == (False, 2)
    provider.refresh_from_db()
    # Without a secret the stored one stays.
    assert oidc.secret_decrypt(provider.client_secret_encrypted) == SECRET
    assert AuditEvent.objects.filter(action="update", object_type="access.OidcProvider").exists()

    assert client.delete(detail(provider.pk)).status_code == 204
    assert not OidcProvider.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="access.OidcProvider").exists()


def test_a_stale_version_is_a_conflict_and_stores_nothing(cast, idp):
    provider = make_provider(_organisation(), issuer=idp.issuer)
    provider.version = 3
    provider.save()
    client = logged_in_client(cast.administrator)
    response = client.patch(
        detail(provider.pk), {"name": "Andere naam", "version": 2}, content_type="application/json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "https://kansrijk.nl/problemen/versieconflict"
    assert (body["submitted_version"], body["current_version"]) == (2, 3)
    provider.refresh_from_db()
    assert (provider.name, provider.version) == ("Verloskundigen Eerstedorp", 3)


def test_refused_input_has_the_pages_messages_and_stores_nothing(cast, idp):
    client = logged_in_client(cast.administrator)
    response = client.post(LIST, {"issuer": "geen adres"}, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["organisation"] == ["Kies de organisatie."]
    assert errors["name"] == ["Vul de naam in die op de knop komt."]
    assert errors["client_id"] == ["Vul de client-id in."]
    assert errors["client_secret"] == ["Vul het client-secret in."]
    assert errors["issuer"] == [
        "Vul een geldig adres in, bijvoorbeeld https://login.organisatie.nl."
    ]
    other = _organisation("Verloskundigen Tweededorp")
    response = client.post(LIST, _new(idp, organisation=other.pk), content_type="application/json")
    assert set(response.json()["errors"]) == {"organisation"}
    assert not OidcProvider.objects.exists()
    assert not AuditEvent.objects.filter(object_type="access.OidcProvider").exists()


def test_another_coalitions_provider_is_not_found(cast):
    provider = make_provider(_organisation("Verloskundigen Tweededorp"))
    client = logged_in_client(cast.administrator)
    assert client.get(detail(provider.pk)).status_code == 404
    response = client.patch(detail(provider.pk), {"name": "X"}, content_type="application/json")
    assert response.status_code == 404
    assert client.delete(detail(provider.pk)).status_code == 404
    assert OidcProvider.objects.get().name == "Verloskundigen Tweededorp"
    assert client.get(LIST).json()["count"] == 0


def test_only_administrators_manage_providers(cast):
    provider = make_provider(_organisation())
    for actor in (cast.coordinator, cast.analyst, cast.case_director):
        client = logged_in_client(actor)
        assert client.get(LIST).status_code == 403
        assert client.delete(detail(provider.pk)).status_code == 403
    assert OidcProvider.objects.filter(pk=provider.pk).exists()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_costs_the_same_for_one_row_as_for_many(cast):
    make_provider(_organisation())
    client = logged_in_client(cast.administrator)
    client.get(LIST)  # the first request of a session stores its last activity
    few = _queries(client)
    for name in ("JGZ Eerstedorp", "Gemeente Eerstedorp"):
        make_provider(_organisation(name))
        make_provider(_organisation(name), issuer="https://tweede.example.invalid")
    # Session, user, device, the role check, a count and one page (organisation joined).
    assert _queries(client) == few
