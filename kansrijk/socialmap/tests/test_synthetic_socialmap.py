"""generate_synthetic also gives every synthetic coalition a social map (about 40 services with
access for each of its municipalities, three care paths) and referrals for about 5% of the
families, so the benchmark can measure the social map at national scale."""

from collections import Counter
from itertools import pairwise

import pytest
from django.db.models import F

from kansrijk.families.synthetic import all_columns, generate, table_order
from kansrijk.organisations.models import Coalition, Membership, Municipality
from kansrijk.socialmap import synthetic as socialmap_synthetic
from kansrijk.socialmap.demo_services import SERVICES
from kansrijk.socialmap.models import (
    TRANSITIONS,
    Attribute,
    CarePath,
    CarePathStepService,
    Location,
    MunicipalityAccess,
    Organization,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Service,
)
from kansrijk.socialmap.terms import service_terms

pytestmark = pytest.mark.django_db

FAMILIES = 600


def _generate(**overrides):
    return generate(
        **{"families": FAMILIES, "coalitions": 2, "seed": 7, "force": True, **overrides}
    )


def test_every_referral_column_is_written_after_the_families():
    order = table_order()
    for model in socialmap_synthetic.COLUMNS:
        written = set(all_columns()[model])
        for field in model._meta.concrete_fields:
            assert field.attname in written, (model.__name__, field.attname)
    assert order.index(Referral) < order.index(ReferralEvent)


def test_each_coalition_gets_the_map_with_access_in_every_municipality_and_three_paths():
    _generate()
    coalitions = Coalition.objects.filter(name__startswith="SYN ")
    assert coalitions.count() == 2
    for coalition in coalitions:
        services = Service.objects.filter(coalition=coalition)
        assert services.count() == len(SERVICES)
        municipalities = set(
            Municipality.objects.filter(coalition=coalition).values_list("pk", flat=True)
        )
        access = Counter(
            MunicipalityAccess.objects.filter(service__coalition=coalition).values_list(
                "municipality_id", flat=True
            )
        )
        assert access == dict.fromkeys(municipalities, len(SERVICES))
        terms = service_terms(services.values_list("pk", flat=True))
        assert all(t["needs"] and t["phases"] and t["routes"] for t in terms.values())
        linked = Organization.objects.filter(coalition=coalition, organisation__isnull=False)
        assert linked.filter(organisation__coalitions=coalition).count() == linked.count() >= 5
        paths = CarePath.objects.filter(coalition=coalition)
        assert paths.count() == 3
        assert CarePathStepService.objects.filter(step__care_path__in=paths).count() >= 12


def test_about_five_percent_of_the_families_have_a_referral_with_its_events():
    _generate()
    referrals = Referral.objects.select_related("family", "person", "service__organization")
    assert 0.02 * FAMILIES <= referrals.count() <= 0.09 * FAMILIES
    assert len({r.status for r in referrals}) >= 5
    for referral in referrals.prefetch_related("events"):
        assert referral.family.reference.startswith("SYN-")
        assert referral.person.family_id == referral.family_id
        assert referral.consent_to_share
        assert (
            referral.service.coalition_id == referral.family.coalition_id == referral.coalition_id
        )
        assert referral.service.organization.organisation_id == referral.receiving_organisation_id
        assert referral.sent_at >= referral.family.created_at
        assert referral.respond_by > referral.sent_at.date()
        events = list(referral.events.all())
        assert events[0].to_status == ReferralStatus.SENT
        assert events[0].at == referral.sent_at
        assert events[-1].to_status == referral.status
        for before, after in pairwise(events):
            assert before.at < after.at
            assert after.from_status == before.to_status
            assert (before.to_status, after.to_status) in {
                (status, to) for (status, _action), to in TRANSITIONS.items()
            }
        if referral.handled_by_id:
            assert Membership.objects.filter(
                professional_id=referral.handled_by_id,
                organisation_id=referral.receiving_organisation_id,
            ).exists()
        if referral.status == ReferralStatus.DECLINED:
            assert referral.decline_reason
    # Nothing happens after a closed file was closed.
    assert not ReferralEvent.objects.filter(
        referral__family__closed_at__isnull=False, at__gt=F("referral__family__closed_at")
    ).exists()


def test_the_same_seed_gives_the_same_map_and_reset_removes_it():
    _generate()
    first = set(Service.objects.values_list("pk", flat=True))
    referrals = list(Referral.objects.order_by("pk").values_list("service_id", "status"))
    _generate(reset=True)
    assert set(Service.objects.values_list("pk", flat=True)) == first
    assert list(Referral.objects.order_by("pk").values_list("service_id", "status")) == referrals
    assert Attribute.objects.count() == Attribute.objects.filter(link_id__in=first).count()
    assert Location.objects.count() == Organization.objects.count()
