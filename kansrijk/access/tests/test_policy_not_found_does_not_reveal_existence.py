"""Without access the answer is "not found", the same as for a family that does not exist."""

import pytest
from django.http import Http404

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user


def _message(user, pk):
    with pytest.raises(Http404) as error:
        get_family_for_user(user, pk, "R")
    return str(error.value)


def test_existing_and_missing_families_answer_alike(cast, cast_family):
    assert _message(cast.outsider, cast_family.pk) == _message(cast.outsider, cast_family.pk + 999)
    assert _message(cast.outsider, "not-a-number") == "Niet gevonden of geen toegang."


def test_a_refused_attempt_on_an_existing_family_is_logged(cast, cast_family):
    before = AccessEvent.objects.count()
    _message(cast.outsider, cast_family.pk)
    _message(cast.outsider, cast_family.pk + 999)

    assert AccessEvent.objects.count() == before + 1
    refused = AccessEvent.objects.latest("id")
    assert (refused.user, refused.family, refused.ground) == (cast.outsider, cast_family, "")
    assert not refused.authorisation
