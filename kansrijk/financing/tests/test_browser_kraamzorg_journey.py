"""Browser journey through the kraamzorg calculator.

A midwife on the care team of a minima family opens the calculator. She first forgets the
reason for the extra hours and is told so next to the field; then she previews the higher
standard (49 hours) plus 10 extra hours with a reason while the family chooses 24 hours,
sees the warning that the family risks too few hours, saves with the task box ticked, and
finds the task for the kraamzorg organisation on the care team on the page and on the
family's timeline. axe checks every page.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kansrijk.care.models import Task
from kansrijk.families.models import Family
from kansrijk.financing.models import KraamzorgCalculation
from kansrijk.testing.browser import assert_accessible, login
from kansrijk.testing.financing_kraamzorg import (
    kraamzorg_on_care_team,
    make_kraamzorg_year,
    make_pregnancy,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def family(cast, cast_family):
    due = timezone.localdate() + timedelta(weeks=20)
    make_kraamzorg_year(cast.coalition, due.year)
    Family.objects.filter(pk=cast_family.pk).update(low_income=True)
    make_pregnancy(cast_family, due)
    kraamzorg_on_care_team(cast, cast_family)
    return cast_family


def test_browser_kraamzorg_calculator(page, cast, family):
    login(page, cast.case_director)  # a midwife, on the care team
    page.goto(reverse("financing:kraamzorg", args=[family.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kraamzorg berekenen")
    expect(page.get_by_test_id("kraamzorg-figures")).to_contain_text("45 of 49 uur")
    expect(page.get_by_test_id("kraamzorg-figures")).to_contain_text("€ 4,20 per uur")
    expect(page.get_by_label("Standaard uren (indicatie)")).to_have_value("49")
    assert_accessible(page)

    # Extra hours without a reason: the error next to the field, the input kept.
    page.get_by_label("Extra uren", exact=True).fill("10")
    page.get_by_role("button", name="Bereken").click()
    expect(page.get_by_text("Schrijf op waarom het gezin extra uren nodig heeft")).to_be_visible()
    expect(page.get_by_label("Extra uren", exact=True)).to_have_value("10")
    assert_accessible(page)

    # Preview: 49 + 10 extra hours, the family chooses 24.
    page.get_by_label("Reden voor de extra uren").fill(
        "Moeder heeft geen netwerk en de eerste weken is er niemand thuis."
    )
    page.get_by_label("Uren die het gezin wil afnemen").fill("24")
    page.get_by_role("button", name="Bereken").click()
    result = page.get_by_test_id("kraamzorg-result")
    expect(result.get_by_test_id("kraamzorg-indicated")).to_have_text(
        "59 uur (49 standaard + 10 extra)"
    )
    expect(result.get_by_test_id("kraamzorg-cost")).to_have_text("€ 100,80")
    expect(result.get_by_test_id("kraamzorg-risk")).to_contain_text(
        "Dit gezin heeft een laag inkomen en kiest minder uren dan geïndiceerd"
    )
    # The input stays; nothing is saved yet.
    expect(page.get_by_label("Uren die het gezin wil afnemen")).to_have_value("24")
    expect(page.get_by_test_id("kraamzorg-latest")).to_contain_text(
        "Er is nog geen berekening opgeslagen."
    )
    assert not KraamzorgCalculation.objects.exists()
    assert_accessible(page)

    # Save, with the request for the extra hours as a task.
    page.get_by_label("Vraag de extra uren / prenatale kraamzorg aan als taak").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De kraamzorgberekening is opgeslagen")
    expect(page.get_by_role("status")).to_contain_text(
        "Taak aangemaakt: Extra uren kraamzorg aanvragen (10 uur) (Kraamzorg Eerstedorp)"
    )
    latest = page.get_by_test_id("kraamzorg-latest")
    expect(latest.get_by_test_id("kraamzorg-latest-indicated")).to_contain_text("59 uur")
    expect(latest.get_by_test_id("kraamzorg-latest-cost")).to_contain_text("€ 100,80")
    expect(latest.get_by_test_id("kraamzorg-latest-risk")).to_be_visible()
    expect(latest.get_by_test_id("kraamzorg-latest-task")).to_contain_text(
        "Extra uren kraamzorg aanvragen (10 uur) — Kraamzorg Eerstedorp"
    )
    assert_accessible(page)
    task = Task.objects.get()
    assert KraamzorgCalculation.objects.get().task == task

    # The task is on the family's timeline.
    page.goto(reverse("families:timeline", args=[family.pk]))
    expect(page.get_by_role("main")).to_contain_text("Extra uren kraamzorg aanvragen (10 uur)")
    expect(page.get_by_role("main")).to_contain_text("Kraamzorg berekend")
    assert_accessible(page)
