"""Browser journeys of warm handovers and casusregie, in real time against the live server.

1. A midwife (the cast's case director) names herself case director, proposes a handover
   to the JGZ around birth and transfers the casusregie to a JGZ nurse. The JGZ nurse, in a
   second browser, finds both under "Overdrachten", reads the first (only its summary and
   the family reference), accepts it, records the warm contact, and accepts the casusregie;
   the midwife sees the statuses and the history. axe checks every new page.
2. A coordinator changes a default chain moment under Beheer.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.care.models import CaseDirector, Handover, HandoverStatus
from kansrijk.families.services import pregnancy_add
from kansrijk.testing.browser import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    assert_accessible,
    login,
)

from .test_handover_support import jgz_nurse

pytestmark = pytest.mark.browser


def second_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context, context.new_page()


def test_browser_a_midwife_hands_over_to_jgz_and_the_nurse_takes_over_the_casusregie(
    page, browser, live_server, cast, cast_family
):
    today = timezone.localdate()
    pregnancy_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"due_date": today + timedelta(days=60), "gravidity": 1, "parity": 0},
    )
    nurse = jgz_nurse(cast)
    family_url = f"/gezinnen/{cast_family.pk}/"

    # The midwife: no case director yet, visibly; she takes it herself.
    login(page, cast.case_director)
    page.goto(family_url)
    section = page.get_by_test_id("handover-section")
    director = section.get_by_test_id("case-director")
    expect(director).to_contain_text("Geen casusregisseur")
    expect(director).to_contain_text("Volgens de rollen in het zorgteam: Regisseur Testpersoon.")
    section.get_by_role("link", name="Casusregisseur vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casusregie")
    assert_accessible(page)
    page.get_by_label("Casusregisseur").select_option(
        label="Regisseur Testpersoon — Verloskundigen Eerstedorp (casusregisseur)"
    )
    page.get_by_role("button", name="Casusregisseur vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Regisseur Testpersoon is nu casusregisseur."
    )
    expect(page.get_by_test_id("case-director-history")).to_contain_text("Regisseur Testpersoon")

    # A handover to the JGZ around birth.
    page.get_by_role("navigation", name="Gezinsdossier").get_by_role(
        "link", name="Overdrachten"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdrachten")
    assert_accessible(page)
    page.get_by_label("Ketenmoment").select_option(value="geboorte-jgz")
    page.get_by_label("Aan organisatie").select_option(label="JGZ Eerstedorp")
    page.get_by_label("Samenvatting voor de ontvanger").fill(
        "Jonge moeder, weinig netwerk. Graag samen op kraambezoek."
    )
    page.get_by_role("button", name="Overdracht voorstellen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "De overdracht aan JGZ Eerstedorp is voorgesteld."
    )
    expect(page.get_by_test_id("handover").first).to_contain_text("Voorgesteld")

    # And the casusregie, to the JGZ nurse by name.
    page.get_by_role("link", name="Casusregie overdragen").click()
    expect(page.get_by_label("Overdracht van de casusregie")).to_be_checked()
    # She types part of the name; the suggestion (a native datalist) is the nurse, and
    # choosing it sends the nurse's membership along.
    receiver = page.get_by_label("Of aan een professional")
    receiver.press_sequentially("jgzverpl")
    label = "Jgzverpleegkundige Testpersoon — JGZ Eerstedorp (Jeugdverpleegkundige)"
    expect(page.locator("#id_to_professional_suggesties option")).to_have_count(1)
    expect(page.locator("#id_to_professional_suggesties option")).to_have_attribute("value", label)
    receiver.fill(label)
    expect(page.locator("input[name='to_professional_keuze']")).to_have_value(
        str(nurse.memberships.get().pk)
    )
    page.get_by_label("Samenvatting voor de ontvanger").fill(
        "Na de kraamperiode de regie bij de JGZ."
    )
    page.get_by_role("button", name="Overdracht voorstellen").click()
    expect(page.get_by_role("status")).to_contain_text("is voorgesteld")
    assert Handover.objects.filter(status=HandoverStatus.PROPOSED).count() == 2

    # The JGZ nurse, in another browser.
    context, other = second_page(browser, live_server)
    try:
        login(other, nurse)
        other.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Overdrachten"
        ).click()
        incoming = other.get_by_test_id("incoming-handovers")
        expect(incoming.get_by_test_id("incoming-handover")).to_have_count(2)
        expect(incoming).not_to_contain_text("Jonge moeder")  # the summary is not listed
        assert_accessible(other)
        incoming.get_by_role("row").filter(has_text="Verloskundige/kraamzorg → JGZ").get_by_role(
            "link", name=re.compile("^Bekijken en accepteren")
        ).click()
        expect(other.get_by_test_id("handover-summary")).to_have_text(
            "Jonge moeder, weinig netwerk. Graag samen op kraambezoek."
        )
        expect(other.get_by_role("navigation", name="Gezinsdossier")).to_have_count(0)
        assert_accessible(other)
        # The decline page asks for a reason; she goes back and accepts instead.
        other.get_by_role("link", name="Afwijzen").click()
        expect(other.get_by_role("heading", level=1)).to_have_text("Overdracht afwijzen")
        assert_accessible(other)
        other.go_back()
        other.get_by_label("Jouw rol bij dit gezin").fill("jeugdverpleegkundige")
        other.get_by_role("button", name="Overdracht accepteren").click()
        expect(other.get_by_role("status")).to_contain_text(
            f"Je hebt de overdracht geaccepteerd en zit nu in het zorgteam van gezin "
            f"{cast_family.reference}."
        )
        expect(other).to_have_url(re.compile(rf"/gezinnen/{cast_family.pk}/overdrachten/"))

        # The warm contact: a joint visit today.
        jgz_card = other.get_by_test_id("handover").filter(has_text="Overdracht aan JGZ Eerstedorp")
        jgz_card.get_by_role("link", name=re.compile("^Warm contact vastleggen")).click()
        expect(other.get_by_role("heading", level=1)).to_have_text("Warm contact vastleggen")
        assert_accessible(other)
        other.get_by_label("Gezamenlijk bezoek aan het gezin").check()
        other.get_by_role("button", name="Warm contact vastleggen").click()
        expect(other.get_by_role("status")).to_contain_text("de overdracht is afgerond")
        expect(jgz_card.get_by_test_id("handover-status")).to_have_text("Afgerond")
        expect(jgz_card.get_by_test_id("warm-contact")).to_contain_text(
            "Gezamenlijk bezoek aan het gezin"
        )

        # The casusregie: accepted, she is the case director now.
        other.get_by_test_id("handover").filter(
            has_text="Overdracht van de casusregie"
        ).get_by_role("link", name=re.compile("^Accepteren of afwijzen")).click()
        expect(other.get_by_text("word je de casusregisseur van dit gezin")).to_be_visible()
        other.get_by_role("button", name="Overdracht accepteren").click()
        expect(other.get_by_role("status")).to_contain_text("bent nu casusregisseur")
        other.get_by_role("link", name="Casusregie en geschiedenis").click()
        expect(other.get_by_test_id("case-director")).to_contain_text(
            "Jgzverpleegkundige Testpersoon, JGZ Eerstedorp"
        )
        history = other.get_by_test_id("case-director-history")
        expect(history.get_by_role("row")).to_have_count(3)  # header, the nurse, the midwife
        assert_accessible(other)
    finally:
        context.close()

    current = CaseDirector.objects.current().get(family=cast_family)
    assert current.professional == nurse
    assert CaseDirector.objects.filter(family=cast_family, ended_at__isnull=False).count() == 1

    # The midwife sees the statuses and was told.
    page.goto(f"{family_url}overdrachten/")
    statuses = page.get_by_test_id("handover-status")
    expect(statuses).to_have_text(["Geaccepteerd", "Afgerond"])
    expect(page.get_by_test_id("notifications-link")).to_contain_text("(3")
    # A third one, to the JGZ, is withdrawn after confirming.
    page.get_by_label("Aan organisatie").select_option(label="JGZ Eerstedorp")
    page.get_by_label("Samenvatting voor de ontvanger").fill("Per ongeluk dubbel.")
    page.get_by_role("button", name="Overdracht voorstellen").click()
    page.get_by_test_id("handover").first.get_by_role("link", name=re.compile("^Intrekken")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdracht intrekken")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(page.get_by_role("status")).to_contain_text("De overdracht is ingetrokken.")
    expect(page.get_by_test_id("handover-status").first).to_have_text("Ingetrokken")


def test_browser_a_coordinator_changes_a_chain_moment(page, cast):
    login(page, cast.coordinator)
    page.goto("/beheer/ketenmomenten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ketenmomenten")
    expect(page.get_by_test_id("defaults-note")).to_be_visible()
    assert_accessible(page)
    page.get_by_test_id("chain-moments").get_by_role("row").filter(
        has_text="Verloskundige → kraamzorg"
    ).get_by_role("link", name=re.compile("^Bewerken")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ketenmoment bewerken")
    assert_accessible(page)
    page.get_by_label("Aantal dagen ervoor (-) of erna (+)").fill("-56")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het ketenmoment is opgeslagen.")
    expect(page.get_by_test_id("defaults-note")).to_have_count(0)
    expect(
        page.get_by_test_id("chain-moments")
        .get_by_role("row")
        .filter(has_text="Verloskundige → kraamzorg")
    ).to_contain_text("8 weken voor de à terme datum")
