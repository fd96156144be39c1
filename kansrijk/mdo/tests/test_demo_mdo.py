"""seed_demo gives Lindeoord an MDO with a held meeting (minutes final, decisions) and an
upcoming published one with named and anonymous items, and keeps the chain signals of the
earlier steps."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from kansrijk.access.policy import families_visible_to
from kansrijk.families.models import Family
from kansrijk.mdo import demo as mdo_demo  # registers the step (until MdoConfig.ready does)
from kansrijk.mdo.models import Decision, ItemStatus, MdoSeries, MeetingStatus
from kansrijk.mdo.selectors import agenda_rows
from kansrijk.mdo.selectors_overview import series_overview
from kansrijk.organisations.models import Coalition, Professional
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _series() -> MdoSeries:
    return MdoSeries.objects.get(name=mdo_demo.SERIES_NAME)


def _login(username: str) -> Professional:
    return Professional.objects.get(username=username)


def test_the_series_has_a_coordinator_chair_secretary_and_members(demo):
    assert "Demo-MDO: 1 reeks, 1 gehouden en 1 komend overleg aangemaakt." in demo
    series = _series()
    assert series.coalition.name == "Kansrijke Start Lindeoord"
    roles = dict(series.participants.values_list("professional__username", "role"))
    assert roles == {
        "gynaecoloog": "chair",
        "buurtteam": "secretary",
        "verloskundige": "member",
        "jgz": "member",
        "kraamzorg": "member",
    }


def test_the_held_meeting_has_final_minutes_and_decisions(demo):
    held = _series().meetings.get(status=MeetingStatus.FINAL)
    assert held.minutes.strip()
    assert held.finalised_at is not None
    discussed = held.items.filter(status=ItemStatus.DISCUSSED)
    assert set(discussed.values_list("family__reference", flat=True)) == {
        "DEMO-013",
        "DEMO-011",
        "DEMO-018",
    }
    assert all(item.discussion for item in discussed)
    kinds = set(Decision.objects.filter(item__meeting=held).values_list("kind", flat=True))
    assert {"route_confirmed", "task", "advice", "review"} <= kinds
    # The participants' window closed a week after the meeting.
    assert not held.__class__.objects.granting_access().filter(pk=held.pk).exists()


def test_the_overview_has_figures(demo):
    overview = series_overview(_series(), exact=True)
    assert overview.meetings_held == 1
    assert overview.families_discussed.value == 3
    assert overview.share_on_time == 100


def test_the_upcoming_meeting_is_published_with_named_and_anonymous_items(demo):
    upcoming = _series().meetings.get(status=MeetingStatus.PUBLISHED)
    participant = _login("kraamzorg")
    rows = {r.item.family.reference: r for r in agenda_rows(upcoming, participant)}
    on_agenda = {ref for ref, r in rows.items() if r.item.status == ItemStatus.ON_AGENDA}
    assert on_agenda == {"DEMO-010", "DEMO-005", "DEMO-007", "DEMO-017"}
    assert rows["DEMO-010"].identified
    assert rows["DEMO-005"].identified
    assert not rows["DEMO-007"].named
    assert not rows["DEMO-017"].named
    # The MDO participant ground opens the named families' files, not the anonymous one's.
    visible = set(
        families_visible_to(participant)
        .filter(reference__in=on_agenda)
        .values_list("reference", flat=True)
    )
    assert {"DEMO-010", "DEMO-005"} <= visible


def test_route_3_families_not_on_an_agenda_keep_their_chain_signal(demo):
    coalition = Coalition.objects.get(name="Kansrijke Start Lindeoord")
    signals = {
        (s.rule.code, s.reference)
        for s in chain_signals(open_families_of_coalition(coalition), coalition)
    }
    assert ("route_3_not_in_mdo", "DEMO-008") in signals
    assert ("urgent_no_action", "DEMO-012") in signals


def test_running_it_again_changes_nothing(demo):
    before = (
        MdoSeries.objects.count(),
        Decision.objects.count(),
        _series().meetings.count(),
        Family.objects.filter(mdo_items__isnull=False).distinct().count(),
    )
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    assert "Demo-MDO: 0 reeks, 0 gehouden en 0 komend overleg aangemaakt." in out.getvalue()
    after = (
        MdoSeries.objects.count(),
        Decision.objects.count(),
        _series().meetings.count(),
        Family.objects.filter(mdo_items__isnull=False).distinct().count(),
    )
    assert after == before
