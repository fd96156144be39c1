"""An MDO meeting and its decisions have no coalition of their own: a change to them marks
stale the figures of the coalitions whose families are on the meeting's agenda, in one
UPDATE, and leaves other coalitions' figures alone."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.mdo.models import AgendaItem, Decision, ItemSource, MdoMeeting, MdoSeries
from kansrijk.monitoring.figures import figures
from kansrijk.monitoring.indicators import Scope
from kansrijk.monitoring.models import IndicatorSnapshot
from kansrijk.monitoring.periods import Period
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_api import fake_indicators, families_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(cast):
    with fake_indicators(families_indicator([])):
        family = monitored_family(cast.coalition, cast.coordinator)
        series = MdoSeries.objects.create(
            coalition=cast.coalition, name="MDO", created_by=cast.coordinator
        )
        meeting = MdoMeeting.objects.create(
            series=series, starts_at=timezone.now() + timedelta(days=7)
        )
        item = AgendaItem.objects.create(
            meeting=meeting, family=family, coalition=cast.coalition, source=ItemSource.ROUTE_3
        )
        period = Period.quarter_of(timezone.localdate())
        figures(Scope(cast.coalition.pk), period)
        figures(Scope(cast.other_coalition.pk), period)
        yield item


def _stale() -> dict[int, bool]:
    return dict(IndicatorSnapshot.objects.values_list("coalition_id", "stale"))


def test_a_meeting_held_marks_its_families_coalitions_stale(cast, item):
    meeting = item.meeting
    meeting.status = "held"
    with CaptureQueriesContext(connection) as queries:
        meeting.save(update_fields=["status"])

    touching = [q["sql"] for q in queries if "monitoring_indicatorsnapshot" in q["sql"]]
    assert len(touching) == 1  # one UPDATE, the coalitions named by a subquery
    assert touching[0].startswith("UPDATE")
    assert _stale() == {cast.coalition.pk: True, cast.other_coalition.pk: False}


def test_a_decision_marks_its_items_coalition_stale(cast, item):
    Decision.objects.create(item=item, kind="advice", text="Advies", decided_by=cast.coordinator)

    assert _stale() == {cast.coalition.pk: True, cast.other_coalition.pk: False}
