import pytest

from kansrijk.families.models import Family
from kansrijk.families.services import VersionConflict, family_update


def test_the_second_writer_gets_a_conflict_with_both_versions(cast, cast_family):
    family_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"postcode": "2345 BC"},
    )

    with pytest.raises(VersionConflict) as conflict:
        family_update(
            actor=cast.care_team_member,
            family_pk=cast_family.pk,
            expected_version=1,
            data={"postcode": "3456 CD", "low_income": True},
        )

    assert conflict.value.expected_version == 1
    assert conflict.value.current_version == 2
    assert conflict.value.current["postcode"] == "2345 BC"
    assert conflict.value.submitted == {"postcode": "3456 CD", "low_income": True}
    assert "versie 1" in str(conflict.value)
    assert "versie is 2" in str(conflict.value)
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.postcode, family.low_income, family.version) == ("2345 BC", False, 2)


def test_a_write_on_the_current_version_goes_through(cast, cast_family):
    family = family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"low_income": True},
    )
    assert family.version == 2
