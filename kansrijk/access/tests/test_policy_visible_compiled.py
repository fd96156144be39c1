"""A list of families (`families_visible_to`) reads the professional's coalitions and the
union of the grounds' family ids from SQL compiled once per process, with the user and the
moment filled in at each call: every actor sees exactly the families the sets built afresh
give, on every ground, and what the clock ends (a care-team membership, a break-the-glass, an
MDO window) drops out of the list at that moment, though the SQL stays the same."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from kansrijk.access import policy
from kansrijk.access.models import BreakTheGlass
from kansrijk.access.policy import families_visible_to, visible_family_ids
from kansrijk.care.grounds import handover_receiver_scope
from kansrijk.care.tests.test_handover_support import jgz_nurse
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.testing.families import make_family
from kansrijk.testing.interop_export import open_break_the_glass
from kansrijk.testing.interop_webhooks import propose_handover
from kansrijk.testing.mdo import on_published_agenda_by_name

pytestmark = pytest.mark.django_db

MORNING = datetime(2027, 3, 3, 9, 0, tzinfo=UTC)


def _ids(user, **kwargs) -> set[int]:
    return set(families_visible_to(user, **kwargs).values_list("pk", flat=True))


def _built_afresh(monkeypatch, user, **kwargs) -> set[int]:
    with monkeypatch.context() as patch:
        patch.setattr(policy, "_family_ids_compilable", lambda ground, user: False)
        return _ids(user, **kwargs)


@pytest.fixture
def world(cast, cast_family):
    """The cast's family, a second one the outsider opened by break-the-glass and a third on
    a published MDO agenda by name (the outsider is a standing member of the series)."""
    glass = make_family(cast)
    open_break_the_glass(cast.outsider, glass)
    named = on_published_agenda_by_name(cast)
    return {"file": cast_family, "glass": glass, "named": named}


def test_every_actor_sees_what_the_sets_built_afresh_give(monkeypatch, cast, world):
    seen = {}
    for name, user in cast.all().items():
        for kwargs in (
            {},
            {"coalition": cast.coalition},
            {"coalition": cast.other_coalition},
            {"for_change": True},
        ):
            compiled = _ids(user, **kwargs)
            assert compiled == _built_afresh(monkeypatch, user, **kwargs), (name, kwargs)
            seen[name, tuple(kwargs)] = compiled
        assert set(visible_family_ids(user)) == seen[name, ()]
    # Each ground opens its own family, and read-only grounds are left out of changes.
    assert seen["outsider", ()] == {world["glass"].pk, world["named"].pk}
    assert seen["outsider", ("for_change",)] == {world["glass"].pk}
    assert world["file"].pk in seen["care_team_member", ()]
    assert seen["other_coalition_professional", ("coalition",)] == set()
    for role in ("coordinator", "analyst", "administrator"):
        assert seen[role, ()] == set()


def test_the_sql_is_compiled_once_and_each_call_fills_in_its_own_user(cast, world):
    policy._compiled_sets.clear()
    outsider = _ids(cast.outsider)
    compiled = dict(policy._compiled_sets)
    assert _ids(cast.case_director) == set(
        CareTeamMember.objects.current()
        .filter(professional=cast.case_director)
        .values_list("family_id", flat=True)
    )
    assert _ids(cast.outsider) == outsider
    assert policy._compiled_sets == compiled
    assert len(compiled) == 2  # the coalitions, the union of the grounds' family ids


def test_what_the_clock_ends_drops_out_of_the_list_at_that_moment(cast):
    with time_machine.travel(MORNING, tick=False) as traveller:
        family = make_family(cast)
        member = cast.care_team_member
        CareTeamMember.objects.filter(family=family, professional=member).update(
            end_date=MORNING.date() + timedelta(days=1)
        )
        glass_family = make_family(cast)
        open_break_the_glass(cast.outsider, glass_family)
        expires = BreakTheGlass.objects.get(user=cast.outsider, family=glass_family).expires_at
        assert family.pk in _ids(member)
        assert _ids(cast.outsider) == {glass_family.pk}
        compiled = dict(policy._compiled_sets)

        traveller.move_to(expires - timedelta(minutes=1))
        assert _ids(cast.outsider) == {glass_family.pk}
        traveller.move_to(expires + timedelta(minutes=1))
        assert _ids(cast.outsider) == set()

        traveller.move_to(MORNING + timedelta(days=1))  # the membership's end date
        assert timezone.localdate() == MORNING.date() + timedelta(days=1)
        assert family.pk not in _ids(member)
        assert policy._compiled_sets == compiled


def test_an_mdo_window_closes_the_list_as_it_closes_the_file(cast, world):
    until = world["named"].mdo_items.get().meeting.access_until
    with time_machine.travel(until - timedelta(minutes=5)):
        assert world["named"].pk in _ids(cast.outsider)
    with time_machine.travel(until + timedelta(minutes=5)):
        assert world["named"].pk not in _ids(cast.outsider)


def test_a_scoped_ground_is_built_afresh_while_its_scope_holds(monkeypatch, cast, world):
    nurse = jgz_nurse(cast)
    handover = propose_handover(cast, world["file"])
    assert world["file"].pk not in _ids(nurse)
    compiled = dict(policy._compiled_sets)
    with handover_receiver_scope(nurse, handover.pk):
        assert world["file"].pk in _ids(nurse)
        assert _ids(nurse) == _built_afresh(monkeypatch, nurse)
    assert policy._compiled_sets == compiled
    assert world["file"].pk not in _ids(nurse)


def test_registering_a_ground_forgets_the_compiled_sets(cast, world):
    _ids(cast.outsider)
    assert policy._compiled_sets
    ground = policy._grounds["care_team"]
    policy.register_ground(ground)
    assert policy._compiled_sets == {}
    assert Family.objects.filter(pk__in=_ids(cast.care_team_member)).exists()
