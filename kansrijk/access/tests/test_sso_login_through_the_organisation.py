"""Single sign-on through an organisation's OpenID Connect provider, against a real provider
on the loopback (kansrijk/testing/oidc_provider.py): the whole flow through the test client."""

import pytest
from django.urls import reverse

from kansrijk.access import oidc
from kansrijk.access.models import OidcIdentity, OidcProvider
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Organisation
from kansrijk.testing.actors import current_code
from kansrijk.testing.oidc_provider import CLIENT_ID, CLIENT_SECRET, LocalOidcProvider, sso_login

pytestmark = pytest.mark.django_db

INVALID = "De inlogdienst gaf een ongeldig of verlopen bewijs van inloggen."


@pytest.fixture
def idp(settings):
    settings.OIDC_HTTP_HOSTS = ["127.0.0.1"]
    with LocalOidcProvider() as provider:
        yield provider


@pytest.fixture
def provider(cast, idp) -> OidcProvider:
    endpoints = oidc.discover(idp.issuer)
    return OidcProvider.objects.create(
        organisation=Organisation.objects.get(name="Verloskundigen Eerstedorp"),
        name="Verloskundigen Eerstedorp",
        issuer=idp.issuer,
        client_id=CLIENT_ID,
        client_secret_encrypted=oidc.secret_encrypt(CLIENT_SECRET),
        accepted_acr_values="urn:test:loa:high",
        **endpoints,
    )


def _refusal(response, client) -> str:
    assert response.status_code == 302
    assert response["Location"] == reverse("access:login")
    return client.get(response["Location"]).content.decode()


def test_the_login_page_shows_a_button_per_active_provider(client, provider):
    OidcProvider.objects.create(
        organisation=provider.organisation,
        name="Uitgezet",
        issuer=provider.issuer,
        client_id="x",
        is_active=False,
    )
    page = client.get(reverse("access:login")).content.decode()
    assert "Inloggen via Verloskundigen Eerstedorp" in page
    assert "Inloggen via Uitgezet" not in page


def test_a_provider_that_asserts_two_factors_logs_in_at_once(client, cast, idp, provider):
    idp.login_as(email=cast.case_director.email, amr=["pwd", "mfa"])
    response = sso_login(client, provider_pk=provider.pk)
    assert response["Location"] == reverse("core:home")
    page = client.get("/")
    assert page.status_code == 200
    assert "Kansrijke Start Eerstedorp" in page.content.decode()
    identity = OidcIdentity.objects.get(provider=provider)
    assert identity.user == cast.case_director
    assert identity.subject == "user-1"
    login = AuditEvent.objects.get(actor=cast.case_director, action="login")
    assert "via Verloskundigen Eerstedorp met twee factoren" in login.summary


def test_an_accepted_acr_value_counts_as_two_factors(client, cast, idp, provider):
    idp.login_as(email=cast.case_director.email, acr="urn:test:loa:high")
    assert sso_login(client, provider_pk=provider.pk)["Location"] == reverse("core:home")
    assert client.get("/").status_code == 200


def test_without_a_second_factor_the_authenticator_code_is_still_asked(client, cast, idp, provider):
    idp.login_as(email=cast.case_director.email, amr=["pwd"], acr="urn:test:loa:low")
    response = sso_login(client, provider_pk=provider.pk)
    assert response["Location"] == reverse("access:login_verify")
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("access:login"))
    assert "Code invoeren" in client.get(reverse("access:login_verify")).content.decode()
    done = client.post(reverse("access:login_verify"), {"token": current_code(cast.case_director)})
    assert done.status_code == 302
    assert client.get("/").status_code == 200


def test_without_a_second_factor_and_without_an_app_the_app_is_set_up_first(
    client, cast, idp, provider
):
    cast.case_director.totpdevice_set.all().delete()
    idp.login_as(email=cast.case_director.email)
    response = sso_login(client, provider_pk=provider.pk)
    assert response["Location"] == reverse("access:totp_setup")
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("tamper", ["issuer", "audience", "expired", "nonce", "signature"])
def test_an_invalid_id_token_is_refused(client, cast, idp, provider, tamper):
    idp.login_as(email=cast.case_director.email, amr=["mfa"])
    idp.tamper = tamper
    page = _refusal(sso_login(client, provider_pk=provider.pk), client)
    assert INVALID in page
    assert client.get("/").status_code == 302
    assert not OidcIdentity.objects.exists()
    assert AuditEvent.objects.filter(action="login_failed").count() == 1


def test_an_unknown_email_address_is_refused(client, cast, idp, provider):
    idp.login_as(email="onbekend@example.invalid", amr=["mfa"])
    page = _refusal(sso_login(client, provider_pk=provider.pk), client)
    assert "Met dit account van Verloskundigen Eerstedorp kun je niet inloggen" in page
    assert client.get("/").status_code == 302


def test_a_professional_of_another_organisation_is_refused(client, cast, idp, provider):
    # The care-team member works for JGZ Eerstedorp, not for the provider's organisation.
    idp.login_as(email=cast.care_team_member.email, amr=["mfa"])
    page = _refusal(sso_login(client, provider_pk=provider.pk), client)
    assert "kun je niet inloggen in kansrijk" in page
    assert client.get("/").status_code == 302


def test_an_unverified_email_address_is_refused(client, cast, idp, provider):
    idp.login_as(email=cast.case_director.email, amr=["mfa"], verified=False)
    page = _refusal(sso_login(client, provider_pk=provider.pk), client)
    assert "De inlogdienst gaf geen bevestigd e-mailadres door." in page


def test_an_inactive_professional_is_refused(client, cast, idp, provider):
    cast.case_director.is_active = False
    cast.case_director.save()
    idp.login_as(email=cast.case_director.email, amr=["mfa"])
    assert "kun je niet inloggen" in _refusal(sso_login(client, provider_pk=provider.pk), client)


def test_another_subject_with_a_linked_email_address_is_refused(client, cast, idp, provider):
    idp.login_as(email=cast.case_director.email, amr=["mfa"], sub="user-1")
    sso_login(client, provider_pk=provider.pk)
    client.post(reverse("access:logout"))
    idp.login_as(email=cast.case_director.email, amr=["mfa"], sub="someone-else")
    page = _refusal(sso_login(client, provider_pk=provider.pk), client)
    assert "kun je niet inloggen" in page


def test_a_callback_that_does_not_belong_to_a_started_login_is_refused(client, provider):
    response = client.get(reverse("access:oidc_callback"), {"code": "x", "state": "y"})
    assert "duurde te lang" in _refusal(response, client)


def test_a_callback_with_another_state_is_refused(client, cast, idp, provider):
    client.get(reverse("access:oidc_start", args=[provider.pk]))
    response = client.get(reverse("access:oidc_callback"), {"code": "x", "state": "forged"})
    assert "hoort niet bij deze inlogpoging" in _refusal(response, client)


def test_refused_logins_count_towards_the_lockout(client, cast, idp, provider, settings):
    idp.login_as(email=cast.case_director.email, amr=["mfa"])
    idp.tamper = "signature"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sso_login(client, provider_pk=provider.pk)
    idp.tamper = ""
    client.post(reverse("access:login"), {"username": "regisseur", "password": "fout"})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("access:login"), {"username": "regisseur", "password": "fout"})
    response = sso_login(client, provider_pk=provider.pk)
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()


def test_the_client_secret_is_stored_encrypted(provider):
    assert CLIENT_SECRET not in provider.client_secret_encrypted
    assert oidc.secret_decrypt(provider.client_secret_encrypted) == CLIENT_SECRET
