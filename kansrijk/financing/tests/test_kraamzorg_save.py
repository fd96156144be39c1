"""Saving a kraamzorg calculation: kept with the year's figures, on the timeline, logged as an
update, a task only when asked (for the kraamzorg organisation on the care team), never on
a closed file or for someone without access."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import Task
from kansrijk.families.models import Family, TimelineEvent
from kansrijk.families.services import family_close
from kansrijk.financing.models import KraamzorgCalculation
from kansrijk.financing.services_kraamzorg import (
    TASK_SOURCE,
    KraamzorgInput,
    calculation_save,
    current_pregnancy,
    default_year,
    kraamzorg_figures,
)
from kansrijk.testing.financing_kraamzorg import (
    kraamzorg_on_care_team,
    make_kraamzorg_year,
    make_pregnancy,
)

TODAY = date(2020, 9, 3)  # a Thursday: five working days later is Thursday 10 September


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def family(cast, cast_family) -> Family:
    make_kraamzorg_year(cast.coalition, 2020)
    Family.objects.filter(pk=cast_family.pk).update(low_income=True)
    make_pregnancy(cast_family, date(2020, 11, 20))
    cast_family.refresh_from_db()
    return cast_family


def _data(**values) -> KraamzorgInput:
    return KraamzorgInput(
        **{
            "year": 2020,
            "standard_hours": 49,
            "extra_hours": 10,
            "extra_reason": "Moeder heeft geen netwerk.",
            "chosen_hours": 24,
            **values,
        }
    )


def test_it_keeps_the_calculation_with_the_figures_of_the_year(cast, family):
    calculation = calculation_save(actor=cast.care_team_member, family_pk=family.pk, data=_data())
    calculation.refresh_from_db()
    assert calculation.family == family
    assert calculation.coalition == cast.coalition
    assert calculation.pregnancy == current_pregnancy(family)
    assert (calculation.year, calculation.figures_year) == (2020, 2020)
    assert calculation.indicated_hours == 59
    assert calculation.extra_reason == "Moeder heeft geen netwerk."
    assert calculation.contribution_per_hour == Decimal("4.20")
    assert calculation.estimated_cost == Decimal("100.80")
    assert calculation.too_few_hours_risk is True
    assert calculation.created_by == cast.care_team_member
    assert calculation.task is None
    assert not Task.objects.filter(source=TASK_SOURCE).exists()


def test_each_calculation_is_kept(cast, family):
    calculation_save(actor=cast.care_team_member, family_pk=family.pk, data=_data())
    calculation_save(actor=cast.case_director, family_pk=family.pk, data=_data(chosen_hours=59))
    assert KraamzorgCalculation.objects.filter(family=family).count() == 2


def test_it_is_on_the_timeline_without_the_reason(cast, family):
    calculation = calculation_save(actor=cast.care_team_member, family_pk=family.pk, data=_data())
    event = TimelineEvent.objects.get(family=family, kind="kraamzorg_calculated")
    assert event.actor == cast.care_team_member
    assert event.object_id == str(calculation.pk)
    assert "59 uur geïndiceerd (49 standaard + 10 extra)" in event.summary
    assert "gezin kiest 24 uur" in event.summary
    assert "€ 100,80" in event.summary
    assert "risico" in event.summary
    assert "netwerk" not in event.summary


def test_it_is_logged_as_an_update(cast, family):
    before = AccessEvent.objects.filter(family=family).count()
    calculation_save(actor=cast.care_team_member, family_pk=family.pk, data=_data())
    events = AccessEvent.objects.filter(family=family).order_by("id")[before:]
    assert [(e.user, e.action, e.detail) for e in events] == [
        (cast.care_team_member, AccessEvent.Action.UPDATE, "Kraamzorgberekening opgeslagen")
    ]


def test_a_task_only_when_asked(cast, family):
    calculation_save(
        actor=cast.care_team_member, family_pk=family.pk, data=_data(), create_task=False
    )
    assert not Task.objects.exists()


def test_no_task_without_extra_hours_or_prenatal_care(cast, family):
    calculation = calculation_save(
        actor=cast.care_team_member,
        family_pk=family.pk,
        data=_data(extra_hours=0, extra_reason="", chosen_hours=49),
        create_task=True,
    )
    assert calculation.task is None
    assert not Task.objects.exists()


def test_the_task_goes_to_the_kraamzorg_organisation_on_the_care_team(cast, family):
    organisation, _professional = kraamzorg_on_care_team(cast, family)
    calculation = calculation_save(
        actor=cast.care_team_member, family_pk=family.pk, data=_data(), create_task=True
    )
    task = Task.objects.get()
    assert calculation.task == task
    assert KraamzorgCalculation.objects.get().task == task
    assert task.family == family
    assert task.title == "Extra uren kraamzorg aanvragen (10 uur)"
    assert "Moeder heeft geen netwerk." in task.description
    assert (task.owner, task.owner_organisation) == (None, organisation)
    assert (task.source, task.source_id) == (TASK_SOURCE, str(calculation.pk))
    assert task.due_date == date(2020, 9, 10)
    assert task.created_by == cast.care_team_member
    assert TimelineEvent.objects.filter(family=family, kind="task_created").exists()


def test_without_kraamzorg_on_the_care_team_the_task_is_for_the_actor(cast, family):
    calculation_save(
        actor=cast.care_team_member,
        family_pk=family.pk,
        data=_data(
            extra_hours=0,
            extra_reason="",
            chosen_hours=49,
            prenatal_requested=True,
            prenatal_reason="Huis is niet op orde.",
        ),
        create_task=True,
    )
    task = Task.objects.get()
    assert task.title == "Prenatale kraamzorg aanvragen"
    assert "Huis is niet op orde." in task.description
    assert (task.owner, task.owner_organisation) == (cast.care_team_member, None)


def test_extra_hours_and_prenatal_care_in_one_task(cast, family):
    calculation_save(
        actor=cast.care_team_member,
        family_pk=family.pk,
        data=_data(prenatal_requested=True, prenatal_reason="Huis is niet op orde."),
        create_task=True,
    )
    assert Task.objects.get().title == (
        "Extra uren kraamzorg (10 uur) en prenatale kraamzorg aanvragen"
    )


def test_a_kraamzorg_member_who_left_the_team_does_not_get_it(cast, family):
    _organisation, professional = kraamzorg_on_care_team(cast, family)
    family.care_team_members.filter(professional=professional).update(end_date=TODAY)
    calculation_save(
        actor=cast.care_team_member, family_pk=family.pk, data=_data(), create_task=True
    )
    task = Task.objects.get()
    assert (task.owner, task.owner_organisation) == (cast.care_team_member, None)


def test_bad_input_is_refused_per_field(cast, family):
    with pytest.raises(ValidationError) as refused:
        calculation_save(
            actor=cast.care_team_member,
            family_pk=family.pk,
            data=_data(extra_hours=32, chosen_hours=24),
        )
    assert refused.value.message_dict == {
        "extra_hours": ["Meer dan 80 uur kan niet: dat is het maximum volgens de LIP kraamzorg."]
    }
    assert not KraamzorgCalculation.objects.exists()


def test_a_closed_family_is_refused(cast, family):
    family_close(
        actor=cast.case_director,
        family_pk=family.pk,
        expected_version=family.version,
        reason="Verhuisd",
    )
    with pytest.raises(ValidationError, match="gesloten"):
        calculation_save(actor=cast.care_team_member, family_pk=family.pk, data=_data())
    assert not KraamzorgCalculation.objects.exists()


def test_someone_off_the_care_team_gets_not_found(cast, family):
    with pytest.raises(Http404):
        calculation_save(actor=cast.outsider, family_pk=family.pk, data=_data())
    assert not KraamzorgCalculation.objects.exists()


@pytest.mark.parametrize(
    ("due", "year"),
    [(date(2020, 12, 31), 2020), (date(2021, 1, 1), 2021)],
)
def test_the_year_is_that_of_the_due_date(cast, cast_family, due, year):
    make_pregnancy(cast_family, due)
    assert default_year(current_pregnancy(cast_family)) == year


def test_the_birth_date_decides_the_year_once_known(cast, cast_family):
    make_pregnancy(
        cast_family, date(2020, 12, 28), birth_date=date(2021, 1, 2), outcome="live_birth"
    )
    assert default_year(current_pregnancy(cast_family)) == 2021


def test_without_a_pregnancy_the_year_is_this_year(cast, cast_family):
    assert default_year(current_pregnancy(cast_family)) == 2020


def test_a_year_change_uses_each_years_figures(cast, family):
    """31 December and 1 January: the same hours cost what each year's figures say."""
    make_kraamzorg_year(cast.coalition, 2021, per_hour="4.40")
    december = calculation_save(
        actor=cast.care_team_member, family_pk=family.pk, data=_data(year=2020)
    )
    january = calculation_save(
        actor=cast.care_team_member, family_pk=family.pk, data=_data(year=2021)
    )
    assert (december.figures_year, december.estimated_cost) == (2020, Decimal("100.80"))
    assert (january.figures_year, january.estimated_cost) == (2021, Decimal("105.60"))


def test_a_year_without_figures_uses_the_earlier_year(cast, family):
    calculation = calculation_save(
        actor=cast.care_team_member, family_pk=family.pk, data=_data(year=2022)
    )
    assert (calculation.year, calculation.figures_year) == (2022, 2020)
    assert calculation.estimated_cost == Decimal("100.80")


def test_no_figures_at_all(cast, cast_family):
    calculation = calculation_save(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        data=_data(standard_hours=60, extra_hours=0, extra_reason="", chosen_hours=60),
    )
    assert calculation.figures_year is None
    assert calculation.contribution_per_hour is None
    assert calculation.estimated_cost is None


def test_the_figures_of_a_year(cast):
    make_kraamzorg_year(cast.coalition, 2020, kraamzorg_min_hours=24)
    figures = kraamzorg_figures(cast.coalition.pk, 2021)
    assert figures.figures_year == 2020
    assert figures.figures.standards == (45, 49)
    assert (figures.figures.min_hours, figures.figures.max_hours) == (24, 80)
    assert figures.per_hour == Decimal("4.20")
    assert kraamzorg_figures(cast.coalition.pk, 2019).figures_year is None
    # Another coalition's figures are not this coalition's.
    assert kraamzorg_figures(cast.other_coalition.pk, 2020).figures_year is None


def test_hours_without_a_kraamzorg_rule_have_no_amount(cast):
    make_kraamzorg_year(cast.coalition, 2020, per_hour=None)
    figures = kraamzorg_figures(cast.coalition.pk, 2020)
    assert figures.figures.standards == (45, 49)
    assert figures.per_hour is None


def test_a_year_row_without_kraamzorg_hours_counts_as_no_hours(cast):
    make_kraamzorg_year(
        cast.coalition,
        2020,
        kraamzorg_standard_hours_low=None,
        kraamzorg_standard_hours_high=None,
        kraamzorg_max_hours=None,
    )
    figures = kraamzorg_figures(cast.coalition.pk, 2020)
    assert (figures.figures_year, figures.figures) == (2020, None)
    assert figures.per_hour == Decimal("4.20")
