"""Browser journeys of single sign-on: the login page's button, the way through the
organisation's provider (on the loopback) and the code step after it; and an administrator
who adds and removes a provider."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.access import oidc
from kansrijk.access.models import OidcProvider
from kansrijk.organisations.models import Organisation
from kansrijk.testing.actors import current_code
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.oidc_provider import CLIENT_ID, CLIENT_SECRET, LocalOidcProvider

pytestmark = pytest.mark.browser


@pytest.fixture
def idp(settings):
    settings.OIDC_HTTP_HOSTS = ["127.0.0.1"]
    with LocalOidcProvider() as provider:
        yield provider


def test_browser_sso_without_a_second_factor_asks_for_the_code(page, cast, idp):
    OidcProvider.objects.create(
        organisation=Organisation.objects.get(name="Verloskundigen Eerstedorp"),
        name="Verloskundigen Eerstedorp",
        issuer=idp.issuer,
        client_id=CLIENT_ID,
        client_secret_encrypted=oidc.secret_encrypt(CLIENT_SECRET),
        **oidc.discover(idp.issuer),
    )
    idp.login_as(email=cast.case_director.email, amr=["pwd"])

    page.goto("/inloggen/")
    button = page.get_by_role("link", name="Inloggen via Verloskundigen Eerstedorp")
    expect(button).to_be_visible()
    assert_accessible(page)
    button.click()

    expect(page).to_have_url(re.compile(r"/inloggen/code/$"))
    expect(page.get_by_role("heading", name="Code invoeren", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code uit je authenticator-app").fill(current_code(cast.case_director))
    page.get_by_role("button", name="Inloggen", exact=True).click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_test_id("user-name")).to_contain_text("Regisseur")


def test_browser_sso_with_a_second_factor_logs_in_and_a_refusal_is_explained(page, cast, idp):
    OidcProvider.objects.create(
        organisation=Organisation.objects.get(name="Verloskundigen Eerstedorp"),
        name="Verloskundigen Eerstedorp",
        issuer=idp.issuer,
        client_id=CLIENT_ID,
        client_secret_encrypted=oidc.secret_encrypt(CLIENT_SECRET),
        **oidc.discover(idp.issuer),
    )
    idp.login_as(email="onbekend@example.invalid", amr=["mfa"])
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen via Verloskundigen Eerstedorp").click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.get_by_role("main")).to_contain_text(
        "Met dit account van Verloskundigen Eerstedorp kun je niet inloggen in kansrijk."
    )
    assert_accessible(page)

    idp.login_as(email=cast.case_director.email, amr=["mfa"])
    page.get_by_role("link", name="Inloggen via Verloskundigen Eerstedorp").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_test_id("user-name")).to_contain_text("Regisseur")


def test_browser_administrator_adds_and_removes_a_provider(page, cast, idp):
    login(page, cast.administrator)
    page.goto("/beheer/inlogdiensten/")
    expect(page.get_by_role("heading", name="Inloggen via organisaties", level=1)).to_be_visible()
    expect(page.get_by_test_id("oidc-provider-empty")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Inlogdienst toevoegen").click()
    page.get_by_label("Organisatie").select_option(label="Verloskundigen Eerstedorp")
    page.get_by_label("Naam op de knop").fill("Verloskundigen Eerstedorp")
    page.get_by_label("Issuer-adres").fill(idp.issuer + "/fout")
    page.get_by_label("Client-id").fill(CLIENT_ID)
    page.get_by_label("Client-secret").fill(CLIENT_SECRET)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("main")).to_contain_text("De inlogdienst is niet bereikbaar")
    assert_accessible(page)

    page.get_by_label("Issuer-adres").fill(idp.issuer)
    page.get_by_label("Client-secret").fill(CLIENT_SECRET)
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/beheer/inlogdiensten/$"))
    expect(page.get_by_test_id("oidc-provider-row")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Verwijderen Verloskundigen Eerstedorp").click()
    expect(page.get_by_role("heading", name="Inlogdienst verwijderen", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_test_id("oidc-provider-empty")).to_be_visible()
