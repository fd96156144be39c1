"""generate_synthetic also gives every synthetic coalition an MDO: a series, twelve held
meetings and the next one published, with agendas of its own families (for the benchmark's
MDO agenda and API at scale)."""

import hashlib
from collections import Counter
from itertools import pairwise

import pytest
from django.db.models import F
from django.utils import timezone

from kansrijk.access.policy import families_visible_to
from kansrijk.families.models import Consent, ConsentPurpose, Family, Person
from kansrijk.families.synthetic import all_columns, generate, table_order
from kansrijk.mdo import synthetic as mdo_synthetic
from kansrijk.mdo.models import (
    AgendaItem,
    Decision,
    DecisionKind,
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingParticipant,
    MeetingStatus,
    ParticipantRole,
    SeriesParticipant,
)
from kansrijk.mdo.selectors import agenda_rows
from kansrijk.mdo.services import _access_until
from kansrijk.organisations.models import Coalition, Membership

pytestmark = pytest.mark.django_db

SYN = {"series__coalition__name__startswith": "SYN "}


def test_every_required_column_is_written_and_the_series_comes_first():
    order = table_order()
    assert order.index(MdoSeries) < order.index(MdoMeeting) < order.index(AgendaItem)
    assert order.index(AgendaItem) < order.index(Decision)
    for model in mdo_synthetic.COLUMNS:
        written = set(all_columns()[model])
        for field in model._meta.concrete_fields:
            assert field.attname in written, (model.__name__, field.attname)


def test_each_coalition_gets_a_series_with_twelve_held_meetings_and_the_next_one_published():
    generate(families=400, coalitions=2, seed=7, force=True)
    now = timezone.now()
    coalitions = Coalition.objects.filter(name__startswith="SYN ")
    assert coalitions.count() == 2
    for coalition in coalitions:
        (series,) = MdoSeries.objects.filter(coalition=coalition)
        standing = list(series.participants.all())
        roles = Counter(p.role for p in standing)
        assert roles == {ParticipantRole.CHAIR: 1, ParticipantRole.SECRETARY: 1, "member": 4}
        for participant in standing:
            assert participant.professional.username.startswith("syn-")
            membership = Membership.objects.get(pk=participant.membership_id)
            assert (membership.professional_id, membership.coalition_id) == (
                participant.professional_id,
                coalition.pk,
            )
        meetings = list(series.meetings.order_by("starts_at"))
        assert [m.status for m in meetings] == [MeetingStatus.FINAL] * 12 + [
            MeetingStatus.PUBLISHED
        ]
        for meeting in meetings:
            # The participants of each meeting are the standing ones.
            assert {(p.professional_id, p.role) for p in meeting.participants.all()} == {
                (p.professional_id, p.role) for p in standing
            }
            assert meeting.access_until == _access_until(meeting)
            assert meeting.published_at < meeting.starts_at
            assert series.created_at < meeting.created_at < meeting.published_at <= now
        for earlier, later in pairwise(meetings):
            assert 27 <= (later.starts_at - earlier.starts_at).days <= 31
        *held, upcoming = meetings
        for meeting in held:
            assert meeting.starts_at < now
            assert meeting.minutes.strip()
            assert meeting.finalised_by_id
            assert meeting.held_at
            assert meeting.finalised_at < now
        days_ahead = timezone.localtime(upcoming.starts_at).date() - timezone.localdate()
        assert days_ahead.days == 7
        assert upcoming.access_until > upcoming.starts_at
        assert not upcoming.minutes
        assert upcoming.finalised_at is None
        assert MdoMeeting.objects.granting_access(now).filter(pk=upcoming.pk).exists()


def test_agendas_hold_open_families_of_the_series_coalition_some_by_name():
    generate(families=400, coalitions=1, seed=7, force=True)
    items = AgendaItem.objects.filter(meeting__series__coalition__name__startswith="SYN ")
    assert items.count() > 100
    assert not items.exclude(family__coalition=F("meeting__series__coalition")).exists()
    assert not items.exclude(coalition=F("family__coalition")).exists()
    assert not items.filter(family__status="closed").exists()
    for meeting in MdoMeeting.objects.filter(**SYN):
        positions = list(meeting.items.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))
        assert len(positions) <= 30
        statuses = set(meeting.items.values_list("status", flat=True))
        expected = ItemStatus.DISCUSSED if meeting.status == "final" else ItemStatus.ON_AGENDA
        assert statuses <= {expected}
    for item in items.select_related("family", "meeting"):
        assert item.family.created_at < item.submitted_at < item.meeting.published_at
        # Submitted by the family's case director, who is on its care team.
        assert item.family.care_team_members.filter(professional=item.submitted_by_id).exists()

    named = Consent.objects.given().filter(purpose=ConsentPurpose.MDO_NAMED)
    with_consent = items.filter(family__in=named.values("family")).count()
    assert 0 < with_consent < items.count()

    decisions = Decision.objects.filter(item__in=items)
    kinds = Counter(decisions.values_list("kind", flat=True))
    assert set(kinds) == {DecisionKind.ADVICE, DecisionKind.REVIEW}
    assert 0 < decisions.count() < items.filter(status=ItemStatus.DISCUSSED).count()
    for decision in decisions.select_related("item__meeting"):
        assert decision.item.meeting.status == MeetingStatus.FINAL
        assert decision.decided_at > decision.item.discussed_at
        if decision.kind == DecisionKind.REVIEW:
            later = decision.item.meeting.series.meetings.filter(
                starts_at__gt=decision.item.meeting.starts_at
            ).order_by("starts_at")[0]
            assert decision.review_date == timezone.localtime(later.starts_at).date()


def test_a_participant_of_the_published_meeting_reads_its_named_items():
    generate(families=400, coalitions=1, seed=7, force=True)
    meeting = MdoMeeting.objects.get(status=MeetingStatus.PUBLISHED, **SYN)
    member = meeting.participants.filter(role="member").first().professional
    rows = agenda_rows(meeting, member)
    assert rows
    assert all(row.visible for row in rows if row.named)
    named = {row.item.family_id for row in rows if row.named}
    assert named <= set(families_visible_to(member).values_list("pk", flat=True))
    assert any(not row.named and not row.reference for row in rows)


def _fingerprint() -> str:
    """The MDO rows, without primary keys."""
    h = hashlib.sha256()
    for model, fields in (
        (MdoSeries, ("name", "created_at", "created_by__username")),
        (SeriesParticipant, ("professional__username", "role")),
        (MdoMeeting, ("starts_at", "status", "published_at", "access_until")),
        (MeetingParticipant, ("meeting__starts_at", "professional__username", "attended")),
        (AgendaItem, ("meeting__starts_at", "family__reference", "position", "question")),
        (Decision, ("item__family__reference", "kind", "text", "review_date", "decided_at")),
    ):
        h.update(repr(sorted(model.objects.values_list(*fields))).encode())
    return h.hexdigest()


def test_the_same_seed_gives_the_same_rows_and_reset_removes_them():
    generate(families=150, coalitions=1, seed=3, force=True)
    first = _fingerprint()
    generate(families=150, coalitions=1, seed=3, force=True, reset=True, batch_size=17)
    assert _fingerprint() == first
    assert MdoSeries.objects.count() == 1
    generate(families=150, coalitions=1, seed=4, force=True, reset=True)
    assert _fingerprint() != first


def test_the_texts_are_made_up_and_name_nobody():
    generate(families=200, coalitions=1, seed=5, force=True)
    texts = set()
    for model, fields in (
        (MdoSeries, ("name", "description", "default_place")),
        (MdoMeeting, ("place", "minutes")),
        (AgendaItem, ("question", "discussion", "withdrawn_reason")),
        (Decision, ("text",)),
    ):
        for row in model.objects.values_list(*fields):
            texts |= set(row)
    texts.discard("")
    pools = {
        mdo_synthetic.SERIES_NAME,
        mdo_synthetic.DESCRIPTION,
        mdo_synthetic.PLACE,
        mdo_synthetic.MINUTES,
        *mdo_synthetic.QUESTIONS,
        *mdo_synthetic.DISCUSSIONS,
        *mdo_synthetic.ADVICE,
    }
    assert texts <= pools
    people = Person.objects.filter(family__reference__startswith="SYN-")
    names = set(people.values_list("first_name", flat=True))
    names |= set(people.values_list("last_name", flat=True))
    references = set(Family.objects.values_list("reference", flat=True))
    words = {word.strip(".,;:?") for text in texts for word in text.split()}
    assert not words & (names | references)
    assert not any(reference in text for reference in references for text in texts)
    participants = MeetingParticipant.objects.values_list("professional__username", flat=True)
    assert all(username.startswith("syn-") for username in participants)
