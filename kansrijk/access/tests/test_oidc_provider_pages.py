"""The administrators' pages for the organisations' single sign-on providers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access import oidc
from kansrijk.access.models import OidcProvider
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.oidc_provider import CLIENT_ID, LocalOidcProvider, make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(settings):
    settings.OIDC_HTTP_HOSTS = ["127.0.0.1"]
    with LocalOidcProvider() as provider:
        yield provider


@pytest.fixture
def admin(cast):
    return logged_in_client(cast.administrator)


def _organisation(name="Verloskundigen Eerstedorp") -> Organisation:
    return Organisation.objects.get(name=name)


def _form(idp, **overrides) -> dict:
    return {
        "organisation": _organisation().pk,
        "name": "Verloskundigen Eerstedorp",
        "issuer": idp.issuer,
        "client_id": CLIENT_ID,
        "client_secret": "s3cret-value",
        "accepted_acr_values": "urn:test:loa:high",
        "is_active": "on",
        **overrides,
    }


def test_an_administrator_adds_a_provider_whose_endpoints_are_discovered(admin, cast, idp):
    response = admin.post(reverse("access:oidc_provider_create"), _form(idp))
    assert response["Location"] == reverse("access:oidc_provider_list")
    provider = OidcProvider.objects.get()
    assert provider.token_endpoint == f"{idp.issuer}/token"
    assert provider.jwks_uri == f"{idp.issuer}/jwks"
    assert "s3cret-value" not in provider.client_secret_encrypted
    assert oidc.secret_decrypt(provider.client_secret_encrypted) == "s3cret-value"
    event = AuditEvent.objects.get(action="create", object_type="access.OidcProvider")
    assert "s3cret-value" not in str(event.changes) + event.summary
    page = admin.get(reverse("access:oidc_provider_list")).content.decode()
    assert "Verloskundigen Eerstedorp" in page
    assert idp.issuer in page


def test_the_secret_is_never_shown_back_and_an_empty_one_keeps_it(admin, cast, idp):
    admin.post(reverse("access:oidc_provider_create"), _form(idp))
    provider = OidcProvider.objects.get()
    edit = reverse("access:oidc_provider_edit", args=[provider.pk])
    assert "s3cret-value" not in admin.get(edit).content.decode()
    response = admin.post(edit, _form(idp, client_secret="", name="Nieuwe naam"))
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Nieuwe naam"
    assert oidc.secret_decrypt(provider.client_secret_encrypted) == "s3cret-value"


def test_an_issuer_without_a_discovery_document_gets_a_dutch_error_and_keeps_the_input(
    admin, cast, idp
):
    response = admin.post(
        reverse("access:oidc_provider_create"), _form(idp, issuer=f"{idp.issuer}/nergens")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "De inlogdienst is niet bereikbaar of gaf geen geldig antwoord." in page
    assert f"{idp.issuer}/nergens" in page
    assert not OidcProvider.objects.exists()


def test_a_plain_http_issuer_is_refused(admin, cast, settings):
    settings.OIDC_HTTP_HOSTS = []
    form = {
        "organisation": _organisation().pk,
        "name": "X",
        "issuer": "http://login.example.invalid",
        "client_id": "x",
        "client_secret": "y",
    }
    page = admin.post(reverse("access:oidc_provider_create"), form).content.decode()
    assert "Gebruik een adres dat met https:// begint." in page


def test_a_new_provider_needs_a_secret_and_a_name(admin, cast, idp):
    page = admin.post(
        reverse("access:oidc_provider_create"), _form(idp, client_secret="", name="")
    ).content.decode()
    assert "Vul het client-secret in." in page
    assert "Vul de naam in die op de knop komt." in page


def test_an_organisation_of_another_coalition_cannot_be_chosen(admin, cast, idp):
    other = _organisation("Verloskundigen Tweededorp")
    response = admin.post(reverse("access:oidc_provider_create"), _form(idp, organisation=other.pk))
    assert response.status_code == 200
    assert not OidcProvider.objects.exists()


def test_deleting_asks_for_confirmation_first(admin, cast):
    provider = make_provider(_organisation())
    url = reverse("access:oidc_provider_delete", args=[provider.pk])
    assert "Weet je zeker" in admin.get(url).content.decode()
    assert OidcProvider.objects.exists()
    assert admin.post(url)["Location"] == reverse("access:oidc_provider_list")
    assert not OidcProvider.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="access.OidcProvider").exists()


def test_another_coalitions_provider_is_not_found(admin, cast):
    provider = make_provider(_organisation("Verloskundigen Tweededorp"))
    assert admin.get(reverse("access:oidc_provider_edit", args=[provider.pk])).status_code == 404
    assert admin.post(reverse("access:oidc_provider_delete", args=[provider.pk])).status_code == 404
    assert (
        "Verloskundigen Tweededorp"
        not in admin.get(reverse("access:oidc_provider_list")).content.decode()
    )


@pytest.mark.parametrize("actor", ["coordinator", "case_director", "analyst"])
def test_only_administrators_may_manage_providers(cast, actor):
    provider = make_provider(_organisation())
    client = logged_in_client(getattr(cast, actor))
    assert client.get(reverse("access:oidc_provider_list")).status_code == 403
    assert client.post(reverse("access:oidc_provider_create"), {}).status_code == 403
    assert (
        client.post(reverse("access:oidc_provider_delete", args=[provider.pk])).status_code == 403
    )
    assert OidcProvider.objects.exists()


def test_the_list_takes_the_same_queries_for_more_providers(admin, cast):
    url = reverse("access:oidc_provider_list")
    make_provider(_organisation())
    admin.get(url)
    with CaptureQueriesContext(connection) as one:
        admin.get(url)
    for name in ("JGZ Eerstedorp", "Gemeente Eerstedorp", "Verloskundigen Eerstedorp"):
        make_provider(_organisation(name), name=f"Nog een {name}")
    with CaptureQueriesContext(connection) as four:
        page = admin.get(url)
    # Session, user, memberships of the active coalition, the providers with their
    # organisation in one query, and the menu: the same whatever the number of rows.
    assert page.content.decode().count('data-testid="oidc-provider-row"') == 4
    assert len(four.captured_queries) == len(one.captured_queries)
