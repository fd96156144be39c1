"""The kraamzorg calculator page: defaults from the pregnancy, "Bereken" shows without
saving, "Opslaan" saves and sends back (post/redirect/get), bad input answers 400 with the
input kept, and access follows the family."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import Task
from kansrijk.families.models import Family
from kansrijk.families.services import family_close
from kansrijk.financing.models import KraamzorgCalculation
from kansrijk.financing.services_kraamzorg import KraamzorgInput, calculation_save
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing_kraamzorg import (
    kraamzorg_on_care_team,
    make_kraamzorg_year,
    make_pregnancy,
)

TODAY = date(2020, 9, 3)
VALID = {
    "year": "2020",
    "standard_hours": "49",
    "extra_hours": "10",
    "extra_reason": "Moeder heeft geen netwerk.",
    "chosen_hours": "24",
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def family(cast, cast_family) -> Family:
    make_kraamzorg_year(cast.coalition, 2020)
    make_kraamzorg_year(cast.coalition, 2021, per_hour="4.40")
    Family.objects.filter(pk=cast_family.pk).update(low_income=True)
    make_pregnancy(cast_family, date(2020, 11, 20))
    cast_family.refresh_from_db()
    return cast_family


def _url(family) -> str:
    return reverse("financing:kraamzorg", args=[family.pk])


def _client(cast):
    return logged_in_client(cast.care_team_member)


def test_the_form_starts_from_the_pregnancy_and_the_higher_standard(cast, family):
    response = _client(cast).get(_url(family))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {
        "year": 2020,
        "standard_hours": 49,
        "extra_hours": 0,
        "chosen_hours": 49,
    }
    html = response.content.decode()
    assert "Cijfers voor 2020" in html
    assert "45 of 49 uur" in html
    assert "€ 4,20 per uur" in html
    assert "Er is nog geen berekening opgeslagen." in html
    assert response.context["section"] == "financing"
    event = AccessEvent.objects.filter(family=family).latest("id")
    assert (event.user, event.action) == (cast.care_team_member, AccessEvent.Action.READ)


def test_a_due_date_in_january_starts_in_that_year(cast, family):
    make_pregnancy(family, date(2021, 1, 1))
    response = _client(cast).get(_url(family))
    assert response.context["form"].initial["year"] == 2021
    assert "€ 4,40 per uur" in response.content.decode()


def test_bereken_shows_the_result_without_saving(cast, family):
    response = _client(cast).post(_url(family), {**VALID, "actie": "bereken"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="kraamzorg-result"' in html
    assert "59 uur (49 standaard + 10 extra)" in html
    assert "€ 100,80" in html
    assert "€ 247,80" in html
    assert 'data-testid="kraamzorg-risk"' in html
    assert "Dit gezin heeft een laag inkomen en kiest minder uren dan geïndiceerd" in html
    # The input stays in the form.
    assert 'value="24"' in html
    assert "Moeder heeft geen netwerk." in html
    assert not KraamzorgCalculation.objects.exists()
    event = AccessEvent.objects.filter(family=family).latest("id")
    assert event.action == AccessEvent.Action.READ


def test_no_risk_warning_when_the_family_takes_every_hour(cast, family):
    response = _client(cast).post(_url(family), {**VALID, "chosen_hours": "59", "actie": "bereken"})
    assert 'data-testid="kraamzorg-risk"' not in response.content.decode()


def test_the_risk_links_to_the_family_financing(cast, family):
    financing_url = reverse("financing:family", args=[family.pk])
    response = _client(cast).post(_url(family), {**VALID, "actie": "bereken"})
    assert f'href="{financing_url}"' in response.content.decode()


@pytest.mark.parametrize("actie", ["bereken", "opslaan"])
def test_bad_input_answers_400_with_the_input_kept(cast, family, actie):
    response = _client(cast).post(
        _url(family),
        {**VALID, "extra_hours": "32", "chosen_hours": "24", "actie": actie},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Meer dan 80 uur kan niet: dat is het maximum volgens de LIP kraamzorg." in html
    assert 'value="32"' in html
    assert "Moeder heeft geen netwerk." in html
    assert not KraamzorgCalculation.objects.exists()


def test_extra_hours_without_a_reason_are_refused_next_to_the_field(cast, family):
    response = _client(cast).post(_url(family), {**VALID, "extra_reason": "", "actie": "bereken"})
    assert response.status_code == 400
    assert response.context["form"].errors["extra_reason"]


def test_text_where_a_number_belongs(cast, family):
    response = _client(cast).post(
        _url(family), {**VALID, "chosen_hours": "veel", "actie": "bereken"}
    )
    assert response.status_code == 400
    assert "Vul een heel aantal uren in" in response.content.decode()


def test_opslaan_saves_and_sends_back(cast, family):
    client = _client(cast)
    response = client.post(_url(family), {**VALID, "actie": "opslaan"})
    assert response.status_code == 302
    assert response["Location"] == _url(family)
    calculation = KraamzorgCalculation.objects.get()
    assert (calculation.indicated_hours, calculation.chosen_hours) == (59, 24)
    assert calculation.task is None
    page = client.get(_url(family))
    html = page.content.decode()
    assert "De kraamzorgberekening is opgeslagen: 24 uur, jaar 2020." in html
    latest = html.split('data-testid="kraamzorg-latest"')[1]
    assert "59 uur (49 standaard + 10 extra)" in latest
    assert "€ 100,80" in latest
    assert "Moeder heeft geen netwerk." in latest


def test_opslaan_with_the_task_box(cast, family):
    organisation, _ = kraamzorg_on_care_team(cast, family)
    client = _client(cast)
    response = client.post(_url(family), {**VALID, "create_task": "on", "actie": "opslaan"})
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.owner_organisation == organisation
    assert KraamzorgCalculation.objects.get().task == task
    html = client.get(_url(family)).content.decode()
    assert (
        "Taak aangemaakt: Extra uren kraamzorg aanvragen (10 uur) (Kraamzorg Eerstedorp)." in html
    )
    assert 'data-testid="kraamzorg-latest-task"' in html


def test_the_task_box_without_extra_hours_makes_no_task(cast, family):
    client = _client(cast)
    response = client.post(
        _url(family),
        {
            **VALID,
            "extra_hours": "0",
            "chosen_hours": "49",
            "create_task": "on",
            "actie": "opslaan",
        },
    )
    assert response.status_code == 302
    assert not Task.objects.exists()
    assert "Er is geen taak aangemaakt" in client.get(_url(family)).content.decode()


def test_a_closed_family_is_not_saved(cast, family):
    family_close(
        actor=cast.case_director, family_pk=family.pk, expected_version=family.version, reason="x"
    )
    client = _client(cast)
    response = client.post(_url(family), {**VALID, "actie": "opslaan"})
    assert response.status_code == 302
    assert not KraamzorgCalculation.objects.exists()
    page = client.get(_url(family)).content.decode()
    assert "Dit dossier is gesloten" in page
    assert 'value="opslaan"' not in page


@pytest.mark.parametrize("actie", [None, "bereken", "opslaan"])
def test_an_outsider_gets_not_found_and_it_is_logged(cast, family, actie):
    client = logged_in_client(cast.outsider)
    if actie is None:
        response = client.get(_url(family))
    else:
        response = client.post(_url(family), {**VALID, "actie": actie})
    assert response.status_code == 404
    refused = AccessEvent.objects.filter(user=cast.outsider).latest("id")
    assert refused.authorisation is False
    assert not KraamzorgCalculation.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(cast, family):
    """The latest calculation only: more calculations do not add queries."""
    client = _client(cast)
    client.get(_url(family))
    with CaptureQueriesContext(connection) as first:
        client.get(_url(family))
    data = KraamzorgInput(
        year=2020, standard_hours=49, extra_hours=10, extra_reason="x", chosen_hours=24
    )
    for _ in range(5):
        calculation_save(actor=cast.case_director, family_pk=family.pk, data=data, create_task=True)
    with CaptureQueriesContext(connection) as later:
        client.get(_url(family))
    assert len(later) == len(first)
    # 4 for the session, user, device and memberships; 3 for the access policy (the family
    # with its grounds, consent, the read event); 1 pregnancy; 4 for the year's figures
    # (which year, then its hours and its kraamzorg rule); 1 latest calculation with its task;
    # 1 kraamzorg organisation on the care team; 2 for the layout (notifications, emergency
    # access banner).
    assert len(first) <= 16


def test_changing_the_year_uses_that_years_figures(cast, family):
    response = _client(cast).post(_url(family), {**VALID, "year": "2021", "actie": "bereken"})
    assert response.status_code == 200
    assert response.context["estimate"].cost == Decimal("105.60")
    html = response.content.decode()
    assert "Cijfers voor 2021" in html
    assert "€ 105,60" in html


def test_a_year_without_figures_shows_the_earlier_years(cast, family):
    response = _client(cast).post(_url(family), {**VALID, "year": "2023", "actie": "bereken"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="kraamzorg-figures-year"' in html
    assert "Voor 2023 zijn nog geen cijfers ingevoerd" in html
    assert "cijfers van 2021" in html


def test_without_any_figures_the_hours_are_not_checked(cast, cast_family):
    client = _client(cast)
    page = client.get(_url(cast_family))
    assert page.context["form"].initial["standard_hours"] is None
    assert 'data-testid="kraamzorg-no-figures"' in page.content.decode()
    response = client.post(
        _url(cast_family),
        {**VALID, "year": "2020", "standard_hours": "60", "chosen_hours": "24", "actie": "bereken"},
    )
    assert response.status_code == 200
    assert response.context["estimate"].cost is None
    assert "niet te berekenen" in response.content.decode()
