"""A review decision brings the family back as a candidate of a later meeting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kansrijk.mdo import services
from kansrijk.mdo.models import DecisionKind, ItemSource, ItemStatus, MeetingStatus
from kansrijk.mdo.services_decisions import decision_record, review_items_due
from kansrijk.testing.mdo import plan_meeting

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    """A published meeting with a chair, a named route-3 family and an anonymous one."""
    return setup_meeting(cast)


def review(setup, item, *, in_days: int):
    return decision_record(
        actor=setup.chair,
        item_pk=item.pk,
        kind=DecisionKind.REVIEW,
        review_date=timezone.localdate() + timedelta(days=in_days),
    )


def test_review_puts_the_family_on_the_next_meetings_candidates(cast, held):
    review(held, held.anonymous_item, in_days=30)
    services.meeting_transition(
        actor=held.chair, meeting_pk=held.meeting.pk, to_status=MeetingStatus.HELD
    )
    later = plan_meeting(cast, held.meeting.series, in_days=35)
    item = later.items.get(family=held.anonymous)
    assert item.source == ItemSource.REVIEW
    assert item.status == ItemStatus.CANDIDATE


def test_not_before_the_review_date(cast, held):
    review(held, held.anonymous_item, in_days=60)
    sooner = plan_meeting(cast, held.meeting.series, in_days=35)
    assert not sooner.items.filter(family=held.anonymous).exists()


def test_only_once_the_family_is_on_a_later_meeting(cast, held):
    review(held, held.anonymous_item, in_days=30)
    services.meeting_transition(
        actor=held.chair, meeting_pk=held.meeting.pk, to_status=MeetingStatus.HELD
    )
    later = plan_meeting(cast, held.meeting.series, in_days=35)
    assert later.items.filter(family=held.anonymous).exists()
    again = plan_meeting(cast, held.meeting.series, in_days=40)
    assert review_items_due(again) == []


def test_the_latest_review_decision_counts(cast, held):
    review(held, held.anonymous_item, in_days=30)
    review(held, held.anonymous_item, in_days=90)
    services.meeting_transition(
        actor=held.chair, meeting_pk=held.meeting.pk, to_status=MeetingStatus.HELD
    )
    later = plan_meeting(cast, held.meeting.series, in_days=35)
    assert not later.items.filter(family=held.anonymous).exists()
