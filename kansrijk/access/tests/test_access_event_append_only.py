"""The NEN 7513 access log is append-only: no update or delete through the application."""

import pytest
import time_machine

from kansrijk.access.models import AccessEvent, AccessLogIsAppendOnly
from kansrijk.access.policy import get_family_for_user


@pytest.fixture
def event(cast, cast_family):
    get_family_for_user(cast.case_director, cast_family.pk, "R")
    return AccessEvent.objects.latest("id")


def test_a_stored_event_cannot_be_changed(event):
    event.action = "D"
    with pytest.raises(AccessLogIsAppendOnly):
        event.save()
    event.refresh_from_db()
    assert event.action == "R"


def test_a_stored_event_cannot_be_deleted(event):
    with pytest.raises(AccessLogIsAppendOnly):
        event.delete()
    assert AccessEvent.objects.filter(pk=event.pk).exists()


def test_querysets_refuse_bulk_changes_and_deletes(event):
    with pytest.raises(AccessLogIsAppendOnly):
        AccessEvent.objects.filter(pk=event.pk).update(action="D")
    with pytest.raises(AccessLogIsAppendOnly):
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.get(pk=event.pk).action == "R"


def test_a_family_with_logged_access_cannot_be_deleted(cast_family, event):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        cast_family.delete()


@time_machine.travel("2030-03-18 10:11:12.987654 +01:00", tick=False)
def test_the_timestamp_is_to_the_second(cast, cast_family):
    get_family_for_user(cast.case_director, cast_family.pk, "R")
    event = AccessEvent.objects.latest("id")
    assert event.timestamp.isoformat() == "2030-03-18T09:11:12+00:00"
