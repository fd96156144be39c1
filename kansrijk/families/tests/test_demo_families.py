"""seed_demo adds about 40 fictional families to the first demo coalition, in every phase of
the 1000 days, with care teams of the demo professionals, and a few to the second one."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import kansrijk.families.demo
from kansrijk.access.policy import families_visible_to, registered_grounds
from kansrijk.families.models import CareTeamMember, Consent, Family, FamilyStatus, Person
from kansrijk.families.phases import PhaseCode, family_phase
from kansrijk.organisations.models import Professional

pytestmark = pytest.mark.django_db

FIRST, SECOND = "Kansrijke Start Lindeoord", "Kansrijke Start Heuvelrande"
# The families of this app's demo; monitoring adds history families without a care team.
CAST = [family.reference for family in kansrijk.families.demo.FAMILIES]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for this module (it writes a few thousand rows).

    Loaded in a transaction that is rolled back after the module; each test runs in a
    savepoint inside it, so nothing is left for other tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", allow_production=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _phases(families) -> Counter:
    today = timezone.localdate()
    return Counter(family_phase(f.pregnancies.all(), today=today).code for f in families)


def test_about_40_families_in_the_first_coalition_in_every_phase(demo):
    families = Family.objects.filter(coalition__name=FIRST, reference__in=CAST).prefetch_related(
        "pregnancies"
    )
    assert 38 <= len(families) <= 45
    phases = _phases(families)
    assert set(phases) == set(PhaseCode)
    assert all(count >= 3 for count in phases.values()), phases
    assert all(f.reference.startswith("DEMO-") for f in families)
    assert families.filter(status=FamilyStatus.CLOSED).count() == 2


def test_a_few_families_in_the_second_coalition(demo):
    families = Family.objects.filter(coalition__name=SECOND)
    assert 3 <= families.count() <= 6
    for family in families:
        team = set(family.care_team_members.values_list("professional__username", flat=True))
        assert "verloskundige2" in team


def test_every_family_has_a_client_consent_and_a_care_team_of_demo_professionals(demo):
    demo_logins = {"verloskundige", "gynaecoloog", "kraamzorg", "jgz", "buurtteam"}
    for family in Family.objects.filter(coalition__name=FIRST, reference__in=CAST):
        team = set(
            CareTeamMember.objects.current()
            .filter(family=family)
            .values_list("professional__username", flat=True)
        )
        assert team, family.reference
        assert team <= demo_logins, family.reference
        assert family.persons.filter(role="client").exists()
        assert Consent.objects.in_force().filter(family=family, purpose="care_team", given=True)


def test_the_care_team_fits_the_phase(demo):
    today = timezone.localdate()
    families = Family.objects.filter(coalition__name=FIRST, reference__in=CAST)
    for family in families.prefetch_related("pregnancies"):
        phase = family_phase(family.pregnancies.all(), today=today).code
        team = set(family.care_team_members.values_list("professional__username", flat=True))
        if phase in (PhaseCode.TRIMESTER_1, PhaseCode.TRIMESTER_2, PhaseCode.TRIMESTER_3):
            assert "verloskundige" in team, family.reference
        if phase == PhaseCode.KRAAMPERIODE:
            assert {"verloskundige", "kraamzorg"} <= team, family.reference
        if phase in (PhaseCode.GAP, PhaseCode.INFANCY, PhaseCode.TODDLER, PhaseCode.CLOSED):
            assert "jgz" in team, family.reference


def test_children_are_born_from_the_pregnancies(demo):
    born = Person.objects.filter(role="child", pregnancy__isnull=False)
    assert born.count() >= 20
    for child in born.select_related("pregnancy"):
        assert child.date_of_birth == child.pregnancy.birth_date


def test_no_demo_person_has_a_bsn(demo):
    assert not Person.objects.exclude(bsn="").exists()


@pytest.mark.parametrize(
    ("login", "at_least"),
    [
        ("verloskundige", 20),
        ("kraamzorg", 8),
        ("jgz", 20),
        ("buurtteam", 8),
        ("gynaecoloog", 2),
        ("verloskundige2", 4),
    ],
)
def test_the_documented_demo_logins_see_their_families(demo, login, at_least):
    """Their care team's families, and those named on a published MDO agenda they take part
    in (the demo's upcoming MDO), nothing else."""
    professional = Professional.objects.get(username=login)
    visible = set(families_visible_to(professional).values_list("pk", flat=True))
    care_team = set(
        CareTeamMember.objects.current()
        .filter(professional=professional)
        .values_list("family_id", flat=True)
    )
    [mdo] = [g for g in registered_grounds() if g.code == "mdo_participant"]
    named_on_agenda = set(mdo.family_ids(professional).values_list("family_id", flat=True))
    assert len(care_team) >= at_least
    assert visible == care_team | named_on_agenda


@pytest.mark.parametrize("login", ["coordinator", "analist", "beheerder"])
def test_managers_see_no_demo_family(demo, login):
    assert not families_visible_to(Professional.objects.get(username=login)).exists()


def test_running_it_again_adds_nothing(demo):
    counts = (Family.objects.count(), Person.objects.count(), CareTeamMember.objects.count())
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    assert counts == (
        Family.objects.count(),
        Person.objects.count(),
        CareTeamMember.objects.count(),
    )
    assert "Demo-gezinnen: 0 nieuw" in out.getvalue()
