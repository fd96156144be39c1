"""Browser journey through the whole social map: from a family's concern to a care path, a
service in the family's municipality, a referral and its acceptance by the receiving
organisation.

The family in Eerstedorp has the concern "Schulden lopen op". Its file suggests the
coalition's care path for money worries, whose first step has a general service and, for
Eerstedorp, the buurtteam's own debt counselling (Noorddorp's alternative is not shown). The
care-team member opens that service (its access in Eerstedorp first), refers the mother to it
from the suggestion, and the buurtteam's professional accepts in a second browser. axe checks
every page.
"""

import re

import pytest
from playwright.sync_api import expect

from kansrijk.care.services_plan import concern_add
from kansrijk.socialmap.models import Referral, ReferralStatus
from kansrijk.socialmap.vocabulary import AccessRoute
from kansrijk.testing.browser import NAVIGATION_TIMEOUT_MS, TIMEOUT_MS, assert_accessible, login
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_paths import make_path
from kansrijk.testing.socialmap_referrals import family_member, make_receiving_side
from kansrijk.testing.socialmap_search import second_municipality

pytestmark = pytest.mark.browser


@pytest.fixture
def world(cast, cast_family):
    eerstedorp = cast_family.municipality
    noorddorp = second_municipality(cast.coalition)
    side = make_receiving_side(cast, service_name="Schuldhulp Buurtteam Eerstedorp")
    side.service.municipality_access.create(
        municipality=eerstedorp, route=AccessRoute.BUURTTEAM, conditions="Inwoners van Eerstedorp."
    )
    side.service.municipality_access.create(municipality=noorddorp, route=AccessRoute.NOT_AVAILABLE)
    regional = make_provider(cast.coalition, name="Stichting Geldzorg Regio")
    general = make_service(
        regional, name="Geldloket Regio", access={eerstedorp: AccessRoute.REFERRAL}
    )
    elsewhere = make_service(regional, name="Geldcafé Noorddorp", access={noorddorp: "direct"})
    make_path(
        cast.coalition,
        name="Geldzorgen en schulden",
        steps=[
            (
                "Aanmelden bij schuldhulp",
                [general, (side.service, eerstedorp), (elsewhere, noorddorp)],
            )
        ],
    )
    family_member(cast_family, first_name="Sanne")
    concern_add(actor=cast.case_director, family_pk=cast_family.pk, text="Schulden lopen op")
    return side


def test_browser_from_a_concern_to_an_accepted_referral(
    page, browser, live_server, cast, cast_family, world
):
    login(page, cast.care_team_member)
    page.goto(f"/gezinnen/{cast_family.pk}/")

    # "Passend aanbod": the need from the concern, the path, Eerstedorp's own service.
    section = page.get_by_test_id("paths-section")
    need = section.get_by_test_id("paths-need")
    expect(need).to_have_attribute("data-need", "finances")
    expect(need.get_by_test_id("paths-reasons")).to_contain_text("Schulden lopen op")
    expect(section.get_by_test_id("paths-path")).to_contain_text("Geldzorgen en schulden")
    services = section.get_by_test_id("paths-service")
    expect(services).to_have_count(1)
    expect(services).to_contain_text("Schuldhulp Buurtteam Eerstedorp")
    expect(services).to_contain_text("in deze gemeente")
    expect(services).to_contain_text("via het buurtteam")
    expect(section).not_to_contain_text("Geldcafé Noorddorp")
    assert_accessible(page)

    # The service's page: the access in the family's municipality first.
    services.get_by_role("link", name="Schuldhulp Buurtteam Eerstedorp", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schuldhulp Buurtteam Eerstedorp")
    first_row = page.get_by_test_id("access-row").first
    expect(first_row).to_contain_text("Eerstedorp")
    expect(first_row).to_contain_text("Via het buurtteam")
    assert_accessible(page)
    page.go_back()

    # Refer from the suggestion: the service is chosen already.
    page.get_by_test_id("paths-refer").click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{cast_family.pk}/verwijzingen/nieuw/"))
    expect(page.get_by_label("Aanbod")).to_have_value(str(world.service.pk))
    page.get_by_label("Voor wie").select_option(label="Sanne Test (Zwangere / cliënt)")
    page.get_by_label("Reden van verwijzing").fill("Schulden lopen op; moeder wil hulp.")
    page.get_by_label("Gedeelde gegevens").fill("Huurachterstand van drie maanden.")
    page.get_by_label("Het gezin geeft toestemming").check()
    assert_accessible(page)
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.get_by_role("status")).to_contain_text("is verstuurd")
    referral = Referral.objects.get()

    # The buurtteam's professional accepts.
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    try:
        receiver = context.new_page()
        login(receiver, world.receiver)
        receiver.goto("/verwijzingen/")
        receiver.get_by_role("link", name=f"Verwijzing {referral.pk}").click()
        expect(receiver.get_by_test_id("referral-shared")).to_have_text(
            "Huurachterstand van drie maanden."
        )
        receiver.get_by_test_id("referral-action-accept").get_by_role(
            "button", name="Accepteren"
        ).click()
        expect(receiver.get_by_test_id("referral-status")).to_have_text("Geaccepteerd")
        assert_accessible(receiver)
    finally:
        context.close()

    page.goto(f"/gezinnen/{cast_family.pk}/")
    expect(page.get_by_test_id("family-referral")).to_contain_text("Geaccepteerd")
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED
