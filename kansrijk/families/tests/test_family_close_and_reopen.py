import pytest
from django.core.exceptions import ValidationError

from kansrijk.families.models import FamilyStatus, FamilyVersion
from kansrijk.families.services import family_close, family_reopen, family_update


def test_closing_needs_a_reason_and_blocks_edits_until_reopened(cast, cast_family):
    with pytest.raises(ValidationError) as error:
        family_close(
            actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason=" "
        )
    assert error.value.message_dict["closed_reason"] == [
        "Vul in waarom het dossier wordt gesloten."
    ]

    family = family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    assert family.status == FamilyStatus.CLOSED
    assert family.closed_at is not None

    with pytest.raises(ValidationError, match="gesloten; heropen het eerst"):
        family_update(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            expected_version=2,
            data={"low_income": True},
        )

    family = family_reopen(actor=cast.case_director, family_pk=cast_family.pk, expected_version=2)
    assert (family.status, family.closed_at, family.closed_reason, family.version) == (
        FamilyStatus.OPEN,
        None,
        "",
        3,
    )
    closed = FamilyVersion.objects.get(family=cast_family, version=2)
    assert closed.snapshot["closed_reason"] == "Verhuisd"


def test_an_outsider_cannot_close_a_family(cast, cast_family):
    from django.http import Http404

    with pytest.raises(Http404):
        family_close(actor=cast.outsider, family_pk=cast_family.pk, expected_version=1, reason="x")
