"""Browser journey of the family's choices on a phone (390x844): the family member changes
MDO consent after reading what yes and no mean, opens who looked at the file and asks about
one access, and fills in the questionnaire. Then a coordinator (desktop) answers the question.
axe checks every page."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.models import Consent, ConsentPurpose
from kansrijk.families.services import consent_record
from kansrijk.signaling.models import Assessment
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.portal import portal_client

from .choices_world import choices_world

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _as_family_member(page, account, live_server) -> None:
    """The portal session of `account`, as the login would leave it, in the browser."""
    cookie = portal_client(account).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_browser_the_family_makes_choices_and_asks_about_an_access(page, cast, live_server):
    world = choices_world(cast)
    consent_record(
        actor=cast.case_director,
        family_pk=world.family.pk,
        purpose=ConsentPurpose.MDO_NAMED,
        given=True,
        method="verbal",
    )
    get_family_for_user(cast.care_team_member, world.family.pk, AccessEvent.Action.READ)
    page.set_viewport_size(PHONE)
    _as_family_member(page, world.account, live_server)

    # Consent: the choices, then what yes and no mean, then confirm.
    page.goto("/mijn/toestemming/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn keuzes")
    mdo = page.get_by_test_id("consent-mdo_named")
    expect(mdo).to_contain_text("Jullie keuze nu: Ja")
    assert_accessible(page)
    mdo.get_by_role("link", name=re.compile("^Wijzigen")).click()
    expect(page.get_by_test_id("consequences")).to_contain_text("zonder naam besproken")
    assert_accessible(page)
    page.get_by_label("Nee, dat wil ik niet").check()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/mijn/toestemming/$"))
    expect(page.get_by_role("status")).to_contain_text("Je keuze is opgeslagen.")
    expect(page.get_by_test_id("consent-mdo_named")).to_contain_text("Jullie keuze nu: Nee")
    expect(page.get_by_test_id("consent-mdo_named")).to_contain_text("door jijzelf")
    assert not Consent.objects.given().filter(family=world.family, purpose="mdo_named").exists()

    # Who looked: the care-team member's look, and a question about it.
    page.goto("/mijn/wie-keek/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie keek in ons dossier")
    looked = page.get_by_test_id("access-event").filter(
        has_text=cast.care_team_member.get_full_name()
    )
    expect(looked).to_contain_text("zit in jullie zorgteam")
    assert_accessible(page)
    looked.get_by_role("link", name=re.compile("^Vraag hierover stellen")).click()
    expect(page.get_by_test_id("event-summary")).to_contain_text("zit in jullie zorgteam")
    assert_accessible(page)
    page.get_by_label("Je vraag").fill("Waarom keek de jeugdverpleegkundige?")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page).to_have_url(re.compile(r"/mijn/wie-keek/$"))
    expect(page.get_by_test_id("my-questions")).to_contain_text(
        "Waarom keek de jeugdverpleegkundige?"
    )
    assert_accessible(page)

    # The questionnaire: the self-report questions only, and never an outcome.
    page.goto("/mijn/vragenlijst/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vragenlijst")
    assert_accessible(page)
    stemming = page.get_by_role("group", name=re.compile("Hoe goed voelde je je"))
    stemming.get_by_label("7", exact=True).check()
    page.get_by_role("group", name="Voel je al een band met je baby?").get_by_label("Ja").check()
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Je antwoorden zijn verstuurd. Jullie zorgverlener bespreekt ze met jullie."
    )
    assert_accessible(page)
    assert Assessment.objects.get(family=world.family).recorded_by_person == world.account.person

    # A coordinator answers on a desktop; the family reads the answer.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, cast.coordinator)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Vragen van gezinnen"
    ).click()
    expect(page.get_by_test_id("questions")).to_contain_text(world.family.reference)
    assert_accessible(page)
    page.get_by_test_id("question-row").first.get_by_role("link").click()
    expect(page.get_by_test_id("question")).to_contain_text("Waarom keek de jeugdverpleegkundige?")
    expect(page.get_by_test_id("event")).to_contain_text("Lid van het zorgteam")
    assert_accessible(page)
    page.get_by_label("Antwoord aan het gezin").fill("Zij bereidde het huisbezoek voor.")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page).to_have_url(re.compile(r"/toegang/vragen/$"))
    expect(page.get_by_test_id("questions")).to_contain_text("Beantwoord op")

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    _as_family_member(page, world.account, live_server)
    page.goto("/mijn/wie-keek/")
    expect(page.get_by_test_id("answer")).to_contain_text("Zij bereidde het huisbezoek voor.")
    assert_accessible(page)
