"""Browser journey of the webhooks: a coordinator opens Beheer → Webhooks, finds none yet,
adds one (first with an http:// address, refused next to the field, then with https://),
sees the secret once, opens the delivery log of the webhook and tries a failed message
again. axe checks every page."""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.interop.models import DeliveryState, WebhookEndpoint
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.interop_webhooks import make_delivery

pytestmark = pytest.mark.browser


def test_browser_a_coordinator_adds_a_webhook_and_reads_its_delivery_log(page, cast):
    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Webhooks").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhooks")
    expect(page.get_by_test_id("webhook-empty")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Webhook toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhook toevoegen")
    assert_accessible(page)
    page.get_by_label("Organisatie").select_option(label="JGZ Eerstedorp")
    page.get_by_label("Adres (https://)").fill("http://zorgsysteem.example.nl/kansrijk")
    page.get_by_label("Omschrijving").fill("JGZ-dossier")
    # Saved with the keyboard: Enter in the address field submits the form.
    page.get_by_label("Adres (https://)").press("Enter")
    expect(page.locator("#id_url_error")).to_contain_text("https://")
    expect(page.get_by_label("Adres (https://)")).to_have_value(
        "http://zorgsysteem.example.nl/kansrijk"
    )
    assert_accessible(page)
    page.get_by_label("Adres (https://)").fill("https://zorgsysteem.example.nl/kansrijk")
    page.get_by_label("Verwijzing gewijzigd").uncheck()
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text(
        "De webhook naar https://zorgsysteem.example.nl/kansrijk is toegevoegd."
    )
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["handover.proposed", "handover.changed", "referral.sent"]
    expect(page.get_by_test_id("webhook-secret-value")).to_have_text(endpoint.secret)
    expect(page.get_by_test_id("webhook-row")).to_have_count(1)
    expect(page.get_by_test_id("webhook-row")).to_contain_text("JGZ Eerstedorp")
    assert_accessible(page)
    # Shown once: after a reload the secret is gone.
    page.reload()
    expect(page.get_by_test_id("webhook-row")).to_have_count(1)
    expect(page.get_by_test_id("webhook-secret")).to_have_count(0)

    page.get_by_role("link", name=re.compile("^Berichten")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten aan JGZ Eerstedorp")
    expect(page.get_by_test_id("webhook-deliveries-empty")).to_be_visible()
    assert_accessible(page)

    # A message that failed after its last attempt is tried again.
    failed = make_delivery(endpoint, state=DeliveryState.FAILED, attempts=6)
    page.reload()
    expect(page.get_by_test_id("webhook-delivery-state")).to_have_text("Mislukt")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Opnieuw proberen")).click()
    expect(page.get_by_role("status")).to_contain_text("Het bericht wordt opnieuw verstuurd.")
    expect(page.get_by_test_id("webhook-delivery-state")).to_have_text("Wacht op verzending")
    failed.refresh_from_db()
    assert failed.state == DeliveryState.PENDING
