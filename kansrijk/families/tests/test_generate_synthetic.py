"""generate_synthetic: fictional families at scale, in every phase, reproducible (issue 5).

A tiny run (60 families, 2 coalitions, seed 7) on whatever database the suite uses; the
caseload bounds at national scale are checked on the care-team deck itself, without a
database, because a tiny coalition cannot fill a caseload of 50.
"""

import hashlib
import random
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import families_visible_to
from kansrijk.families import synthetic
from kansrijk.families.models import CareTeamMember, Family, Person
from kansrijk.families.phases import PhaseCode, family_phase
from kansrijk.organisations.models import Professional

pytestmark = pytest.mark.django_db

TINY = {"families": 60, "coalitions": 2, "seed": 7, "batch_size": 25}


def _generate(**overrides):
    return synthetic.generate(**{**TINY, **overrides})


def _digest() -> str:
    """A fingerprint of the generated data that does not depend on primary keys."""
    h = hashlib.sha256()
    for family in Family.objects.order_by("reference").prefetch_related(
        "persons", "pregnancies", "care_team_members__professional"
    ):
        h.update(
            repr(
                (
                    family.reference,
                    family.postcode,
                    family.main_language,
                    family.status,
                    family.created_at,
                    sorted((p.role, p.first_name, p.date_of_birth) for p in family.persons.all()),
                    sorted((p.due_date, p.birth_date) for p in family.pregnancies.all()),
                    [m.professional.username for m in family.care_team_members.all()],
                )
            ).encode()
        )
    events = AccessEvent.objects.order_by("timestamp", "user__username", "action", "detail")
    h.update(repr(list(events.values_list("timestamp", "user__username", "action"))).encode())
    return h.hexdigest()


def test_it_spreads_families_over_every_phase_and_coalition():
    summary = _generate()

    today = timezone.localdate()
    families = list(synthetic.synthetic_families().prefetch_related("pregnancies"))
    phases = Counter(family_phase(f.pregnancies.all(), today=today).code for f in families)
    assert summary.families == len(families) == 60
    assert set(phases) == set(PhaseCode)
    assert len({f.coalition_id for f in families}) == 2
    assert all(f.reference.startswith("SYN-") for f in families)
    assert all(f.pc4 == f.postcode[:4] for f in families)
    assert all(f.municipality.coalition_id == f.coalition_id for f in families)


def test_every_family_has_people_a_care_team_consent_history_and_about_twenty_access_events():
    _generate()

    families = synthetic.synthetic_families().annotate(
        team=Count("care_team_members", distinct=True),
        consent_rows=Count("consents", distinct=True),
        version_rows=Count("versions", distinct=True),
        timeline=Count("timeline_events", distinct=True),
        clients=Count("persons", distinct=True),
        events=Count("access_events", distinct=True),
    )
    for family in families:
        assert 2 <= family.team <= 4
        assert family.consent_rows == 3
        assert family.version_rows == 1
        assert family.timeline == 1
        assert family.clients >= 1
        # 16-24 events a family, of which a few are searches that name no family.
        assert 10 <= family.events <= 24
    assert 16 * 60 <= AccessEvent.objects.count() <= 24 * 60
    assert Person.objects.filter(role="client").count() == 60
    # Every family row carries the family's coalition (DESIGN.md section 2).
    assert not CareTeamMember.objects.exclude(coalition=F("family__coalition")).exists()
    assert (
        not AccessEvent.objects.filter(family__isnull=False)
        .exclude(coalition=F("family__coalition"))
        .exists()
    )


def test_caseloads_stay_within_bounds_at_tiny_scale():
    """Rule at tiny scale: no one is over 300 families, and no one is twice on a team."""
    _generate()

    caseloads = CareTeamMember.objects.values("professional").annotate(n=Count("family"))
    assert max(row["n"] for row in caseloads) <= synthetic.CASELOAD_BOUNDS[1]
    per_family = CareTeamMember.objects.values("family", "professional").annotate(n=Count("id"))
    assert {row["n"] for row in per_family} == {1}


@pytest.mark.parametrize("places", [75, 150, 224, 225, 376, 524, 1_000, 5_123, 31_000])
def test_the_care_team_deck_keeps_every_caseload_between_50_and_300(places):
    """At national scale a coalition's pool is sized from its expected places (`pool_size`)."""
    size = synthetic.pool_size(places)
    workloads = [k % 3 + 1 for k in range(size)]
    random.Random(places).shuffle(workloads)
    deck = synthetic.Deck(f"test:{places}", list(enumerate(workloads)))

    caseloads = Counter(deck.draw() for _ in range(places))

    low, high = synthetic.CASELOAD_BOUNDS
    assert len(caseloads) == size
    assert low <= min(caseloads.values())
    assert max(caseloads.values()) <= high


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    _generate()
    first = _digest()
    _generate(reset=True, batch_size=7)  # the batch size does not change the data
    second = _digest()
    _generate(reset=True, seed=8)
    other = _digest()

    assert first == second
    assert other != first


def test_a_generated_care_team_professional_sees_exactly_their_families():
    _generate()
    # Not a participant of a synthetic MDO (`kansrijk.mdo.synthetic`): that ground opens the
    # named families on its agendas as well.
    member = (
        CareTeamMember.objects.exclude(professional__mdo_meetings__isnull=False)
        .select_related("professional")
        .order_by("id")
        .first()
    )
    professional = member.professional

    visible = set(families_visible_to(professional).values_list("pk", flat=True))

    own = set(
        CareTeamMember.objects.filter(professional=professional).values_list("family", flat=True)
    )
    assert member.family_id in visible
    assert visible == own


def test_a_second_run_refuses_to_duplicate_and_reset_replaces_the_data():
    _generate()
    with pytest.raises(CommandError, match="Er staan al synthetische gegevens"):
        call_command("generate_synthetic", "--families", "60", "--no-progress")

    call_command(
        "generate_synthetic", "--families", "30", "--seed", "7", "--reset", "--no-progress"
    )

    assert synthetic.synthetic_families().count() == 30
    assert Professional.objects.filter(username__startswith="syn-").exists()


def test_it_refuses_a_database_with_other_families_unless_forced(cast_family):
    with pytest.raises(CommandError, match="niet synthetisch"):
        call_command("generate_synthetic", "--families", "10", "--no-progress")

    call_command("generate_synthetic", "--families", "10", "--force", "--no-progress")

    assert Family.objects.filter(pk=cast_family.pk).exists()
    assert synthetic.synthetic_families().count() == 10


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--families", "0"], "minstens 1"),
        (["--families", "-5"], "minstens 1"),
        (["--families", "tien"], "heel getal"),
        (["--families", "10", "--coalitions", "0"], "minstens 1"),
        (["--families", "3", "--coalitions", "4"], "meer coalities dan gezinnen"),
        (["--families", "10", "--batch-size", "0"], "minstens 1"),
    ],
)
def test_bad_arguments_get_a_clear_dutch_error(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_synthetic", *arguments, "--no-progress")
    assert not Family.objects.exists()
