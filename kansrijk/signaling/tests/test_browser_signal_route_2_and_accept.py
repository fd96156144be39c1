"""Browser journey: the midwife signals a pregnancy at 10 weeks with the default
questionnaire, gets "potentially vulnerable", accepts route 2 and completes a next step;
axe checks on the file, the signaling page, the questionnaire (also with an error) and the
result."""

import re

import pytest
from playwright.sync_api import Page, expect

from kansrijk.testing.browser import assert_accessible, login

pytestmark = pytest.mark.browser

# Every required client question of r4u-kansrijk v1, answered for a total of 6 points:
# potentially vulnerable (4 to 9). The yes/no questions are "Nee" apart from the two where
# "Ja" is the good answer (a diploma, a bond with the baby).
ANSWERS = {
    "gs_onveilig_thuis": "no",
    "gs_woonsituatie": "stabiel",
    "gs_steun": "weinig",  # 2
    "wi_rondkomen": "moeilijk",  # 2
    "wi_schulden": "no",
    "wi_zorgen_werk": "no",
    "co_taal": "met_moeite",  # 1
    "co_lezen": "no",
    "co_startkwalificatie": "yes",
    "lf_roken": "nee",
    "lf_alcohol_drugs": "no",
    "lf_voeding_beweging": "no",
    "vz_complicaties": "eerste_zwangerschap",
    "vz_kort_geleden": "no",
    "vz_kinderbescherming": "no",
    "hz_gewenst": "gewenst",
    "hz_late_start": "no",
    "hz_medisch": "no",
    "mw_zelfbeschadiging": "no",
    "mw_stemming": "7",  # 1
    "mw_psychische_klachten": "no",
    "ho_ouderschap": "vertrouwen",
    "ho_eigen_jeugd": "no",
    "ho_band_met_baby": "yes",
}
FORGOTTEN = "wi_rondkomen"
FORGOTTEN_QUESTION = "Kan het huishouden rondkomen van het inkomen?"


def answer(page: Page, answers: dict) -> None:
    """Click the radio buttons by name and value; autosave runs once after the last click."""
    for key, value in answers.items():
        page.locator(f"input[name='a_{key}'][value='{value}']").check()


def wait_for_autosave(page: Page) -> None:
    # Finishing while an autosave is still underway would rightly be a conflict.
    expect(page.locator("#autosave-status")).to_contain_text("opgeslagen")


def test_browser_signal_at_10_weeks_accept_route_2_and_complete_a_step(page, cast, pregnant_family):
    family = pregnant_family
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{family.pk}/")
    section = page.get_by_test_id("signaling-section")
    expect(section.get_by_test_id("current-level")).to_have_text("Nog niet gesignaleerd.")
    assert_accessible(page)

    section.get_by_role("link", name="Signaleren", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.pk}/signalering/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalering")
    assert_accessible(page)

    page.get_by_label("Instrument").select_option(
        label="Signalering Kansrijke Start (acht domeinen) — niet gevalideerd"
    )
    page.get_by_role("button", name="Signalering starten").click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.pk}/signalering/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signalering Kansrijke Start")
    expect(page.get_by_text("bij 10+0 weken zwangerschap")).to_be_visible()
    expect(page.get_by_test_id("unvalidated-warning")).to_be_visible()
    assert_accessible(page)

    # Autosave: one answer is kept without pressing a button, also after a reload.
    safety = page.get_by_role(
        "group", name="Is er thuis sprake van onveiligheid, huiselijk geweld of dreiging?"
    )
    safety.get_by_label("Nee", exact=True).check()
    wait_for_autosave(page)
    page.reload()
    expect(safety.get_by_label("Nee", exact=True)).to_be_checked()

    # Finishing with one required question open: a Dutch message next to it, answers kept.
    answer(page, {k: v for k, v in ANSWERS.items() if k != FORGOTTEN})
    wait_for_autosave(page)
    page.get_by_role("button", name="Afronden en uitkomst bekijken").click()
    forgotten = page.get_by_role("group", name=FORGOTTEN_QUESTION)
    expect(forgotten).to_contain_text("Kies een antwoord.")
    expect(page.get_by_text("Kies een antwoord.")).to_have_count(1)
    support = page.get_by_role(
        "group", name="Hoeveel steun heeft de zwangere van mensen om haar heen?"
    )
    expect(support.get_by_label("Weinig", exact=True)).to_be_checked()
    expect(safety.get_by_label("Nee", exact=True)).to_be_checked()
    assert_accessible(page)

    forgotten.get_by_label("Moeilijk", exact=True).check()
    wait_for_autosave(page)
    page.get_by_role("button", name="Afronden en uitkomst bekijken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uitkomst van de signalering")
    expect(page.get_by_test_id("result-level")).to_contain_text("Potentieel kwetsbaar")
    expect(page.get_by_test_id("result-level")).to_contain_text("score 6")
    expect(page.get_by_test_id("unvalidated-warning")).to_be_visible()
    expect(page.get_by_test_id("drivers")).to_contain_text(FORGOTTEN_QUESTION)
    expect(page.get_by_test_id("route-proposal")).to_contain_text("Route 2 — potentieel kwetsbaar")
    expect(page.get_by_label("Route 2 — potentieel kwetsbaar", exact=True)).to_be_checked()
    assert_accessible(page)

    page.get_by_role("button", name="Route vastleggen").click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Route 2 — potentieel kwetsbaar is vastgelegd"
    )
    section = page.get_by_test_id("signaling-section")
    expect(section.get_by_test_id("current-level")).to_contain_text("Potentieel kwetsbaar")
    expect(section.get_by_test_id("current-level")).to_contain_text("bij 10+0 weken")
    expect(section.get_by_test_id("current-route")).to_have_text("Route 2 — potentieel kwetsbaar")
    steps = section.get_by_test_id("open-steps")
    expect(steps.get_by_role("listitem")).to_have_count(2)
    expect(steps.get_by_role("listitem").filter(has_text="Prenataal huisbezoek")).to_contain_text(
        "Prenataal huisbezoek door de JGZ — JGZ Eerstedorp"
    )
    expect(steps).to_contain_text("Afspreken wie de casusregie neemt")
    assert_accessible(page)

    steps.get_by_role("listitem").filter(has_text="casusregie").get_by_role(
        "button", name="Afgerond"
    ).click()
    expect(page.get_by_role("status")).to_contain_text(
        "Taak afgerond: Afspreken wie de casusregie neemt"
    )
    steps = page.get_by_test_id("open-steps")
    expect(steps.get_by_role("listitem")).to_have_count(1)
    expect(steps).not_to_contain_text("casusregie")
    expect(steps).to_contain_text("Prenataal huisbezoek door de JGZ")


def test_browser_the_default_questionnaire_is_preselected(page, cast, pregnant_family):
    """With both shipped instruments in use, "Signalering starten" starts the questionnaire,
    not the professional judgement (which only comes first in the alphabet)."""
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{pregnant_family.pk}/signalering/")
    expect(page.get_by_label("Instrument")).to_have_value("r4u-kansrijk")
