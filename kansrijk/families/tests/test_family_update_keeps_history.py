from kansrijk.access.models import AccessEvent
from kansrijk.families.models import FamilyVersion
from kansrijk.families.services import family_update


def test_every_version_is_kept_with_what_changed(cast, cast_family):
    family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"postcode": "2345bc", "interpreter_needed": True, "interpreter_language": "Arabisch"},
    )

    first, second = FamilyVersion.objects.filter(family=cast_family).order_by("version")
    assert first.snapshot["postcode"] == "1234 AB"
    assert first.changed_by == cast.case_director
    assert second.snapshot["postcode"] == "2345 BC"
    assert second.changed_by == cast.care_team_member
    assert second.changes == {
        "postcode": ["1234 AB", "2345 BC"],
        "interpreter_needed": [False, True],
        "interpreter_language": ["", "Arabisch"],
    }
    event = AccessEvent.objects.filter(family=cast_family, action="U").latest("id")
    assert event.user == cast.care_team_member


def test_an_edit_that_changes_nothing_makes_no_new_version(cast, cast_family):
    family = family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"postcode": "1234 AB"},
    )
    assert family.version == 1
    assert FamilyVersion.objects.filter(family=cast_family).count() == 1
