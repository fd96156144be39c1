"""seed_demo gives the demo coalitions a social map: about 40 services with access that differs
per municipality, three care paths, and referrals of demo families in every status."""

import io
from collections import Counter
from datetime import timedelta
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from kansrijk.families.models import CareTeamMember, TimelineEvent
from kansrijk.organisations.models import Coalition, Membership, Municipality
from kansrijk.socialmap import demo as socialmap_demo
from kansrijk.socialmap.models import (
    AWAITING_RESPONSE,
    TRANSITIONS,
    CarePath,
    CarePathStepService,
    MapEditor,
    MunicipalityAccess,
    Organization,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Service,
)
from kansrijk.socialmap.terms import service_terms
from kansrijk.socialmap.timeline import KIND_OF_STATUS
from kansrijk.socialmap.vocabulary import (
    AccessRoute,
    Evidence,
    Law,
    Need,
    OwnCost,
    Payer,
    Phase,
    RouteTerm,
)

pytestmark = pytest.mark.django_db

LINDEOORD = "Kansrijke Start Lindeoord"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", allow_production=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _lindeoord() -> Coalition:
    return Coalition.objects.get(name=LINDEOORD)


def test_the_step_runs_after_the_plans_and_before_the_mdo():
    assert 50 < socialmap_demo.ORDER < 60


def test_about_forty_services_cover_every_term(demo):
    assert "Demo-sociale kaart: 43 nieuw aanbod, 3 nieuwe zorgpaden, 10 nieuwe verwijzingen." in (
        demo
    )
    services = Service.objects.filter(coalition__name__startswith="Kansrijke Start")
    assert 35 <= services.count() <= 45
    terms = service_terms(services.values_list("pk", flat=True)).values()
    seen = {field: {code for t in terms for code in t[field]} for field in next(iter(terms))}
    assert seen["needs"] == set(Need.values)
    assert seen["phases"] == set(Phase.values)
    assert seen["routes"] == set(RouteTerm.values)
    assert seen["evidence"] == set(Evidence.values)
    assert seen["laws"] == set(Law.values)
    assert seen["payers"] == set(Payer.values)
    assert seen["own_costs"] == set(OwnCost.values)
    for service in services.prefetch_related("at_locations__location__addresses", "phones"):
        (at_location,) = service.at_locations.all()
        assert at_location.location.addresses.get().postal_code
        assert service.phones.exists()
        assert service.schedules.exists()
        assert service.languages.exists()
        assert service.cost_options.exists()
        assert service.assured_date is not None
    named = set(services.values_list("name", flat=True))
    assert {"VoorZorg", "Stevig Ouderschap", "Nu Niet Zwanger"} <= named


def test_access_differs_per_municipality(demo):
    lindeoord, beekveld = (Municipality.objects.get(cbs_code=c) for c in ("GM9901", "GM9902"))
    services = Service.objects.filter(coalition=_lindeoord())
    routes = {
        (row.service_id, row.municipality_id): row.route
        for row in MunicipalityAccess.objects.filter(service__in=services)
    }
    differing = [s for s in services if routes[(s.pk, lindeoord.pk)] != routes[(s.pk, beekveld.pk)]]
    assert len(differing) >= 15
    for municipality in (lindeoord, beekveld):
        used = {route for (_s, m), route in routes.items() if m == municipality.pk}
        assert {AccessRoute.DIRECT, AccessRoute.BUURTTEAM, AccessRoute.NOT_AVAILABLE} <= used
    assert AccessRoute.CENTRAL_POINT in {r for (_s, m), r in routes.items() if m == beekveld.pk}
    assert AccessRoute.REFERRAL in set(routes.values())


def test_some_services_were_not_checked_for_a_year(demo):
    year_ago = timezone.localdate() - timedelta(days=365)
    services = Service.objects.filter(coalition=_lindeoord())
    stale = services.filter(assured_date__lt=year_ago)
    assert 3 <= stale.count() < services.count() // 2
    assert all(s.assurer_email == "coordinator@demo.kansrijk.invalid" for s in services)


def test_chain_partners_receive_referrals_and_the_buurtteam_login_edits_its_services(demo):
    linked = Organization.objects.filter(coalition=_lindeoord(), organisation__isnull=False)
    names = set(linked.values_list("organisation__name", flat=True))
    assert {"Buurtteam Lindeoord-Zuid", "JGZ Rivierenland", "Kraamzorg Het Nest"} <= names
    editor = MapEditor.objects.select_related("organization", "professional").get()
    assert editor.professional.username == "buurtteam"
    assert editor.organization.name == "Buurtteam Lindeoord-Zuid"


def test_three_care_paths_with_steps_services_and_a_municipal_alternative(demo):
    paths = CarePath.objects.filter(coalition=_lindeoord())
    assert sorted(paths.values_list("need", "route")) == [
        ("finances", 0),
        ("mental_health", 2),
        ("parenting", 3),
    ]
    for path in paths:
        assert path.steps.count() >= 3
        assert CarePathStepService.objects.filter(step__care_path=path).exists()
    alternatives = CarePathStepService.objects.filter(
        step__care_path__in=paths, municipality__isnull=False
    )
    assert {a.municipality.cbs_code for a in alternatives} == {"GM9901", "GM9902"}
    parenting = paths.get(need="parenting")
    beekveld = alternatives.filter(step__care_path=parenting).get()
    assert (
        beekveld.service.name == "Moeders van Beekveld: een vaste coach van zwangerschap tot peuter"
    )


def test_referrals_in_every_status_with_their_events(demo):
    # The social map's own demo referrals (monitoring adds a history of its own).
    referrals = Referral.objects.filter(
        coalition=_lindeoord(), family__reference__in={r.family for r in socialmap_demo.REFERRALS}
    ).prefetch_related("events")
    assert Counter(r.status for r in referrals).keys() == set(ReferralStatus.values)
    for referral in referrals:
        events = list(referral.events.all())
        assert events[0].from_status == ""
        assert events[0].to_status == ReferralStatus.SENT
        assert events[-1].to_status == referral.status
        for before, after in pairwise(events):
            assert before.at < after.at
            action = next(
                a
                for (s, a), t in TRANSITIONS.items()
                if s == before.to_status and t == after.to_status
            )
            assert action
            assert after.from_status == before.to_status
        assert events[0].at == referral.sent_at
        # The sender is on the care team; the receiving organisation is the provider's.
        assert CareTeamMember.objects.filter(
            family=referral.family, professional=referral.sent_by
        ).exists()
        assert referral.service.organization.organisation_id == referral.receiving_organisation_id
        assert referral.person.family_id == referral.family_id
        assert referral.consent_to_share
        assert referral.shared_data
        if referral.handled_by_id:
            assert Membership.objects.filter(
                professional=referral.handled_by,
                organisation=referral.receiving_organisation,
            ).exists()
        # Each step is on the family's timeline; whoever accepted joined the care team.
        timeline = TimelineEvent.objects.filter(
            object_type="socialmap.Referral", object_id=str(referral.pk)
        ).order_by("at")
        assert [t.kind for t in timeline] == [KIND_OF_STATUS[e.to_status] for e in events]
        if ReferralStatus.ACCEPTED in {e.to_status for e in events}:
            assert CareTeamMember.objects.filter(
                family=referral.family, professional=referral.handled_by
            ).exists()
    declined = referrals.get(status=ReferralStatus.DECLINED)
    assert declined.decline_reason
    assert declined.closed_at
    assert referrals.get(status=ReferralStatus.COMPLETED).outcome


def test_one_referral_waits_past_its_answer_date_and_the_inboxes_have_new_ones(demo):
    today = timezone.localdate()
    waiting = Referral.objects.filter(status__in=AWAITING_RESPONSE)
    overdue = waiting.filter(respond_by__lt=today)
    assert [r.family.reference for r in overdue] == ["DEMO-012"]
    inboxes = set(
        waiting.values_list(
            "receiving_organisation__memberships__professional__username", flat=True
        )
    )
    assert {"buurtteam", "jgz", "kraamzorg"} <= inboxes


def test_running_it_again_changes_nothing(demo):
    def counts():
        return (
            Service.objects.count(),
            Organization.objects.count(),
            MunicipalityAccess.objects.count(),
            CarePath.objects.count(),
            Referral.objects.count(),
            ReferralEvent.objects.count(),
            MapEditor.objects.count(),
        )

    before = counts()
    out = io.StringIO()
    call_command("seed_demo", allow_production=True, stdout=out)
    assert "Demo-sociale kaart: 0 nieuw aanbod, 0 nieuwe zorgpaden, 0 nieuwe verwijzingen." in (
        out.getvalue()
    )
    assert counts() == before
