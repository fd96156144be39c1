"""Browser journeys of the care plan, in real time against the live server.

1. The case director writes the plan with the family: the plan text, a goal on "Mentaal
   welbevinden", two score moments and the spider web; then the safety plan and the print
   version. axe checks on the plan page, the safety plan page and the print page.
2. Two care-team members edit the plan at once in two browsers: the second to save sees the
   conflict page with both versions and their own text still in the form (axe checked), and
   saving again from there keeps both versions in the history.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.care.models import CarePlan, PlanVersion
from kansrijk.testing.browser import (
    NAVIGATION_TIMEOUT_MS,
    TIMEOUT_MS,
    assert_accessible,
    login,
)

pytestmark = pytest.mark.browser

SCORE_LABELS = [
    "Lichaamsfuncties",
    "Mentaal welbevinden",
    "Zingeving",
    "Kwaliteit van leven",
    "Meedoen",
    "Dagelijks functioneren",
]


def fill_scores(page, day, values):
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Ingevuld door").fill("moeder")
    for label, value in zip(SCORE_LABELS, values, strict=True):
        page.get_by_label(label, exact=True).fill(str(value))
    page.get_by_role("button", name="Scores vastleggen").click()


def test_browser_the_case_director_writes_the_plan_with_goals_scores_and_spider_web(
    page, cast, cast_family
):
    today = timezone.localdate()
    login(page, cast.case_director)
    page.goto(f"/gezinnen/{cast_family.pk}/")
    section = page.get_by_test_id("plan-section")
    expect(section).to_contain_text("Er is nog geen gezinsplan.")
    section.get_by_role("link", name="Gezinsplan opstellen").click()
    expect(page).to_have_url(re.compile(rf"/gezinnen/{cast_family.pk}/plan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezinsplan")
    expect(page.get_by_text("Dit plan is nog niet met het gezin besproken.")).to_be_visible()

    # The plan's text; "what goes well" starts from the family file.
    page.get_by_role("link", name="Plan opstellen").click()
    expect(page.get_by_label("Wat gaat goed")).to_have_value("Moeder heeft een steunend netwerk.")
    page.get_by_label("Wat doet het gezin zelf").fill("Oma past twee dagen per week op.")
    page.get_by_label("Welke ondersteuning is nodig").fill("Hulp bij de schulden.")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het gezinsplan is opgeslagen.")
    expect(page.get_by_test_id("plan-support-needed")).to_have_text("Hulp bij de schulden.")

    # Two concerns, the second moved up.
    page.get_by_label("Zorgpunt", exact=True).fill("Schulden")
    page.get_by_role("button", name="Zorgpunt toevoegen").click()
    page.get_by_label("Zorgpunt", exact=True).fill("Slecht slapen")
    page.get_by_role("button", name="Zorgpunt toevoegen").click()
    page.get_by_test_id("concerns").get_by_role("listitem").filter(
        has_text="Slecht slapen"
    ).get_by_role("button", name="Omhoog").click()
    expect(page.get_by_test_id("concerns").get_by_role("listitem").first).to_contain_text(
        "Slecht slapen"
    )

    # A goal on "Mentaal welbevinden", with an error first (input kept).
    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_label("Doel", exact=True).fill("Weer plezier in dingen")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(
        page.get_by_text("Kies bij welke dimensie van Positieve Gezondheid het doel hoort.")
    ).to_be_visible()
    expect(page.get_by_label("Doel", exact=True)).to_have_value("Weer plezier in dingen")
    page.get_by_label("Dimensie van Positieve Gezondheid").select_option(
        label="Mentaal welbevinden"
    )
    page.get_by_role("button", name="Doel toevoegen").click()
    goals = page.get_by_test_id("goals")
    expect(goals).to_contain_text("Weer plezier in dingen")
    expect(goals).to_contain_text("Mentaal welbevinden")

    # An agreed action for that goal, owned by the care-team member.
    goals.get_by_role("row").filter(has_text="Weer plezier in dingen").get_by_role(
        "link", name="Actie afspreken"
    ).click()
    page.get_by_label("Actie").fill("Aanmelden bij de POH-GGZ")
    page.get_by_label("Wie doet het").select_option(
        label="Teamlid Testpersoon (jeugdverpleegkundige)"
    )
    page.get_by_label("Uiterlijk op").fill((today + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Actie afspreken").click()
    expect(page.get_by_test_id("actions")).to_contain_text("Aanmelden bij de POH-GGZ")

    # Two score moments: a month ago and today.
    page.get_by_role("link", name="Scores toevoegen").click()
    fill_scores(page, today - timedelta(days=30), [5, 3, 6, 4, 4, 5])
    expect(page.get_by_role("status")).to_contain_text("De scores zijn vastgelegd.")
    page.get_by_role("link", name="Scores toevoegen").click()
    fill_scores(page, today, [6, 7, 6, 6, 5, 7])
    web = page.get_by_test_id("spider-web")
    expect(web.get_by_role("img", name="Spinnenweb Positieve Gezondheid")).to_be_visible()
    expect(web.get_by_test_id("spider-first")).to_have_count(1)
    expect(web.get_by_test_id("spider-latest")).to_have_count(1)
    table = web.get_by_test_id("spider-web-table")
    expect(table.get_by_role("row", name=re.compile(r"^Mentaal welbevinden"))).to_contain_text(
        "3 7 +4"
    )

    # Discussed with the family today.
    page.get_by_role("link", name="Gesprek met het gezin vastleggen").click()
    page.get_by_label("Met wie").fill("moeder en partner")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_test_id("plan-discussed")).to_contain_text("(met moeder en partner)")
    assert_accessible(page)

    # The safety plan: only for the case director here.
    page.get_by_role("link", name="Veiligheidsplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheidsplan")
    page.get_by_label("Afspraken voor veiligheid").fill("Moeder belt haar zus bij spanning.")
    page.get_by_role("button", name="Veiligheidsplan opslaan").click()
    expect(page.get_by_test_id("safety-plan")).to_contain_text("Moeder belt haar zus")
    assert_accessible(page)

    # The print version for the family.
    page.goto(f"/gezinnen/{cast_family.pk}/plan/afdrukken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ons gezinsplan")
    expect(page.get_by_test_id("plan-print")).to_contain_text("Weer plezier in dingen")
    expect(page.get_by_test_id("plan-print")).not_to_contain_text("Moeder belt haar zus")
    expect(page.get_by_role("button", name="Afdrukken of bewaren als pdf")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_test_id("plan-print")).to_be_visible()


def test_browser_two_browsers_edit_the_plan_at_once_and_the_second_sees_the_conflict_page(
    page, browser, live_server, cast, cast_family
):
    CarePlan.objects.create(
        family=cast_family,
        coalition=cast_family.coalition,
        strengths="Moeder heeft een steunend netwerk.",
        support_needed="Hulp bij de schulden.",
        updated_by=cast.case_director,
    )
    PlanVersion.objects.create(
        plan=CarePlan.objects.get(),
        coalition=cast_family.coalition,
        version=1,
        snapshot={
            "strengths": "Moeder heeft een steunend netwerk.",
            "own_contribution": "",
            "support_needed": "Hulp bij de schulden.",
        },
        changed_by=cast.case_director,
    )
    edit_url = f"/gezinnen/{cast_family.pk}/plan/bewerken/"
    other_context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    other_context.set_default_timeout(TIMEOUT_MS)
    other_context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    other = other_context.new_page()
    try:
        # Both open the edit page ...
        login(page, cast.case_director)
        page.goto(edit_url)
        login(other, cast.care_team_member)
        other.goto(edit_url)
        # ... the care-team member saves first ...
        other.get_by_label("Welke ondersteuning is nodig").fill("Hulp bij opvoeden.")
        other.get_by_role("button", name="Plan opslaan").click()
        expect(other.get_by_role("status")).to_contain_text("Het gezinsplan is opgeslagen.")
        # ... then the case director, who started from the same version.
        page.get_by_label("Welke ondersteuning is nodig").fill("Hulp bij werk en inkomen.")
        page.get_by_role("button", name="Plan opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Iemand anders heeft het gezinsplan intussen gewijzigd"
        )
        conflict = page.get_by_test_id("conflict-table")
        expect(conflict).to_contain_text("Hulp bij opvoeden.")
        expect(conflict).to_contain_text("Hulp bij werk en inkomen.")
        expect(page.get_by_label("Welke ondersteuning is nodig")).to_have_value(
            "Hulp bij werk en inkomen."
        )
        assert_accessible(page)
        assert CarePlan.objects.get().support_needed == "Hulp bij opvoeden."

        # Saving again is a conscious choice; the other version stays in the history.
        page.get_by_role("button", name="Plan opslaan").click()
        expect(page.get_by_test_id("plan-support-needed")).to_have_text("Hulp bij werk en inkomen.")
        page.get_by_role("link", name="Geschiedenis van het plan").click()
        history = page.get_by_test_id("plan-history")
        expect(history).to_contain_text("Hulp bij opvoeden.")
        expect(history.get_by_role("caption")).to_have_text("3 versies")
    finally:
        other_context.close()
