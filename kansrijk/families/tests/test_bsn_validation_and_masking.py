"""The BSN is validated (elfproef, python-stdnum) and never shown in full by accident."""

import pytest
from django.core.exceptions import ValidationError

from kansrijk.families.models import Person, PersonRole

VALID_BSN = "111222333"  # a test number that passes the elfproef


def _person(family, bsn):
    return Person(
        family=family,
        coalition=family.coalition,
        role=PersonRole.CLIENT,
        first_name="Evi",
        last_name="Jansen",
        bsn=bsn,
    )


def test_a_valid_bsn_is_kept_in_its_compact_form(cast_family):
    person = _person(cast_family, "1112.22.333")
    person.full_clean()
    assert person.bsn == VALID_BSN


def test_an_eight_digit_bsn_gets_its_leading_zero(cast_family):
    person = _person(cast_family, "12345672")
    person.full_clean()
    assert person.bsn == "012345672"


@pytest.mark.parametrize("bsn", ["111222334", "12345", "abcdefghi"])
def test_it_rejects_an_invalid_bsn_in_dutch(cast_family, bsn):
    with pytest.raises(ValidationError) as error:
        _person(cast_family, bsn).full_clean()
    assert error.value.message_dict["bsn"] == [
        "Dit is geen geldig burgerservicenummer (BSN): controleer de negen cijfers."
    ]


def test_the_bsn_stays_out_of_str_and_repr_and_is_masked(cast_family):
    person = _person(cast_family, VALID_BSN)
    person.full_clean()
    person.save()
    assert VALID_BSN not in str(person)
    assert VALID_BSN not in repr(person)
    assert VALID_BSN not in repr([person])
    assert person.bsn_masked == "*****2333"


def test_no_bsn_is_fine_and_masks_to_nothing(cast_family):
    person = _person(cast_family, "")
    person.full_clean()
    assert person.bsn_masked == ""
