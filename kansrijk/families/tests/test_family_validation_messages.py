"""Bad input gets a clear message in Dutch next to the field (DESIGN.md section 5)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kansrijk.families.models import Family, Pregnancy, PregnancyOutcome
from kansrijk.families.services import family_create, family_update
from kansrijk.families.validators import normalise_postcode
from kansrijk.testing.families import FAMILY_DATA

TODAY = date(2026, 3, 16)


@pytest.mark.parametrize("postcode", ["123 AB", "0123 AB", "1234 A", "1234 SS", "ABCD 12", ""])
def test_it_rejects_a_postcode_that_is_not_dutch(cast, postcode):
    with pytest.raises(ValidationError) as error:
        family_create(
            actor=cast.case_director,
            municipality=cast.coalition.municipalities.get(),
            data={**FAMILY_DATA, "postcode": postcode},
        )
    assert error.value.message_dict["postcode"][0] in {
        "Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 1234 AB.",
        "Dit veld kan niet leeg zijn",
    }
    assert not Family.objects.exists()


@pytest.mark.parametrize("raw", ["1234ab", " 1234  AB ", "1234 aB"])
def test_it_normalises_a_postcode(raw):
    assert normalise_postcode(raw) == "1234 AB"


def test_it_asks_which_language_the_interpreter_speaks(cast, cast_family):
    with pytest.raises(ValidationError) as error:
        family_update(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            expected_version=1,
            data={"interpreter_needed": True, "interpreter_language": " "},
        )
    assert error.value.message_dict == {
        "interpreter_language": ["Vul in voor welke taal een tolk nodig is."]
    }


def test_it_rejects_a_municipality_of_another_coalition(cast, cast_family):
    with pytest.raises(ValidationError) as error:
        family_update(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            expected_version=1,
            data={"municipality": cast.other_coalition.municipalities.get()},
        )
    assert error.value.message_dict == {
        "municipality": ["Deze gemeente hoort niet bij de coalitie van het gezin."]
    }


def _clean(family, **fields):
    pregnancy = Pregnancy(family=family, coalition=family.coalition, **fields)
    pregnancy.full_clean()
    return pregnancy


@time_machine.travel(TODAY)
def test_it_rejects_a_due_date_more_than_44_weeks_ahead(cast_family):
    _clean(cast_family, due_date=TODAY + timedelta(weeks=44))
    with pytest.raises(ValidationError) as error:
        _clean(cast_family, due_date=TODAY + timedelta(weeks=44, days=1))
    assert error.value.message_dict["due_date"] == [
        "De à terme datum ligt meer dan 44 weken na 16 maart 2026. Controleer de datum."
    ]


@time_machine.travel(TODAY)
def test_the_44_weeks_count_from_entering_care(cast_family):
    entered = date(2026, 1, 5)
    with pytest.raises(ValidationError) as error:
        _clean(cast_family, entered_care_on=entered, due_date=entered + timedelta(weeks=45))
    assert "44 weken na 5 januari 2026" in error.value.message_dict["due_date"][0]


@time_machine.travel(TODAY)
def test_it_rejects_a_birth_more_than_24_weeks_before_the_due_date(cast_family):
    due = date(2026, 7, 1)
    _clean(
        cast_family,
        due_date=due,
        birth_date=due - timedelta(weeks=24),
        outcome=PregnancyOutcome.MISCARRIAGE,
    )
    with pytest.raises(ValidationError) as error:
        _clean(
            cast_family,
            due_date=due,
            birth_date=due - timedelta(weeks=24, days=1),
            outcome=PregnancyOutcome.MISCARRIAGE,
        )
    assert error.value.message_dict["birth_date"] == [
        "De geboortedatum ligt meer dan 24 weken vóór de à terme datum (1 juli 2026). "
        "Controleer beide datums."
    ]


@time_machine.travel(TODAY)
def test_it_asks_for_the_outcome_and_refuses_a_birth_in_the_future(cast_family):
    with pytest.raises(ValidationError) as error:
        _clean(cast_family, due_date=TODAY, birth_date=TODAY + timedelta(days=1))
    assert error.value.message_dict == {
        "birth_date": ["Een geboortedatum kan niet in de toekomst liggen."],
        "outcome": ["Vul de uitkomst van de zwangerschap in."],
    }


@time_machine.travel(TODAY)
def test_it_needs_a_due_date_or_a_birth_date_and_a_plausible_parity(cast_family):
    with pytest.raises(ValidationError) as error:
        _clean(cast_family, gravidity=2, parity=2)
    assert error.value.message_dict == {
        "due_date": ["Vul de à terme datum in (of de geboortedatum)."],
        "parity": ["De pariteit is kleiner dan de graviditeit."],
    }
