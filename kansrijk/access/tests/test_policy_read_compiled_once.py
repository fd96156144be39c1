"""A page that gives the policy the function making its queryset gets the family from a query
built and compiled once a day, with the family, the user and the coalition filled in at each
read: it grants, refuses and logs exactly as the query built afresh does."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.http import Http404

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.families.models import CareTeamMember, Family
from kansrijk.testing.families import consent_to_care_team, make_family
from kansrijk.testing.interop_export import open_break_the_glass

MORNING = datetime(2027, 3, 3, 9, 0, tzinfo=UTC)


class _Pages:
    """A family page's queryset function that counts how often it is called."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return Family.objects.select_related("municipality")


def _read(user, family_pk, action="R", **kwargs):
    """What the user gets: the family's reference, municipality, ground and consent as
    logged; or "not found"."""
    try:
        family = get_family_for_user(user, family_pk, action, **kwargs)
    except Http404:
        return "not found"
    event = AccessEvent.objects.latest("id")
    return (family.reference, family.municipality.name, event.ground, event.consent)


def test_every_actor_gets_from_the_compiled_read_what_the_query_built_afresh_gives(
    cast, cast_family
):
    other = make_family(cast)
    consent_to_care_team(cast, other)
    open_break_the_glass(cast.outsider, other)
    pages = _Pages()
    outcomes = []
    for user in cast.all().values():
        for family in (cast_family, other):
            for action in ("R", "U"):
                compiled = _read(user, family.pk, action, queryset=pages)
                built = _read(user, family.pk, action, queryset=pages.__class__()())
                assert compiled == built, (user.username, family.pk, action)
                outcomes.append(compiled)
        assert _read(user, 987654321, queryset=pages) == "not found"
    # The cast sees the families on every ground there is and is refused too.
    grounds = {(outcome[2], outcome[3]) for outcome in outcomes if outcome != "not found"}
    assert grounds == {("care_team", False), ("care_team", True), ("break_the_glass", False)}
    assert "not found" in outcomes


def test_the_care_team_is_asked_without_building_the_query_again(cast, cast_family):
    other = make_family(cast)
    pages = _Pages()
    for _ in range(2):
        for user in (cast.care_team_member, cast.case_director):
            for family in (cast_family, other):
                assert _read(user, family.pk, queryset=pages)[2] == "care_team"
    assert pages.calls == 1
    # A refusal asks the other grounds in a query of their own, built as before.
    assert _read(cast.outsider, other.pk, queryset=pages) == "not found"
    assert pages.calls == 2


def test_a_care_team_membership_that_ends_opens_the_file_until_its_last_day(cast):
    pages = _Pages()
    with time_machine.travel(MORNING, tick=False) as traveller:
        family = make_family(cast)
        CareTeamMember.objects.filter(family=family, professional=cast.care_team_member).update(
            end_date=MORNING.date() + timedelta(days=1)
        )
        assert _read(cast.care_team_member, family.pk, queryset=pages)[2] == "care_team"
        traveller.shift(timedelta(days=1))
        assert _read(cast.care_team_member, family.pk, queryset=pages) == "not found"
        # The case director's membership goes on: the new day's query still grants.
        assert _read(cast.case_director, family.pk, queryset=pages)[2] == "care_team"
    # Built on each day, and once for the other grounds when the care team refused.
    assert pages.calls == 3


def test_consent_given_after_the_first_read_is_logged_at_the_next(cast, cast_family):
    pages = _Pages()
    assert _read(cast.care_team_member, cast_family.pk, queryset=pages)[3] is False
    consent_to_care_team(cast, cast_family)
    assert _read(cast.care_team_member, cast_family.pk, queryset=pages)[3] is True


def test_an_id_beyond_any_row_is_not_found(cast, cast_family):
    for pk in (2**63, -(2**63) - 1, 10**40):
        assert _read(cast.care_team_member, pk, queryset=_Pages()) == "not found"
        assert _read(cast.care_team_member, str(pk)) == "not found"
