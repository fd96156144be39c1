"""The safety plan is seen only by the case director and the care-team members the case
director granted it; everyone else gets "not found", and a refusal through a page is logged.
Every view and change is in the access log; the timeline never shows its text."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.care import selectors, services_plan
from kansrijk.care.models import SafetyPlan, SafetyPlanGrant, SafetyPlanVersion
from kansrijk.families.models import CareTeamMember, TimelineEvent
from kansrijk.families.services import VersionConflict, care_team_member_end
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

SECRET = "Partner is eerder gewelddadig geweest."
TEXT = {"risks": SECRET, "agreements": "Moeder belt bij spanning.", "contacts": "Veilig Thuis"}


def write(actor, family, version=0, **changes):
    return services_plan.safety_plan_update(
        actor=actor, family_pk=family.pk, expected_version=version, data={**TEXT, **changes}
    )


def grant(cast, family, professional=None):
    return services_plan.safety_plan_grant(
        actor=cast.case_director,
        family_pk=family.pk,
        professional=professional or cast.care_team_member,
    )


def test_the_case_director_is_the_member_with_that_role(cast, cast_family):
    assert selectors.is_case_director(cast.case_director, cast_family)
    assert not selectors.is_case_director(cast.care_team_member, cast_family)
    assert not selectors.is_case_director(cast.outsider, cast_family)


def test_the_case_director_writes_it_and_every_version_is_kept(cast, cast_family):
    write(cast.case_director, cast_family)
    safety = write(cast.case_director, cast_family, 1, agreements="Moeder gaat naar haar zus.")
    assert safety.version == 2
    assert list(
        SafetyPlanVersion.objects.order_by("version").values_list("snapshot__agreements", flat=True)
    ) == ["Moeder belt bij spanning.", "Moeder gaat naar haar zus."]
    # The timeline (read by the whole care team) says that it changed, never what it says.
    events = TimelineEvent.objects.filter(family=cast_family, kind="safety_plan_changed")
    assert [e.summary for e in events] == ["Versie 2", "Versie 1"]
    assert not TimelineEvent.objects.filter(summary__contains="gewelddadig").exists()
    assert all(not e.changes for e in events)


def test_a_stale_version_conflicts_and_overwrites_nothing(cast, cast_family):
    write(cast.case_director, cast_family)
    grant(cast, cast_family)
    write(cast.care_team_member, cast_family, 1, contacts="Veilig Thuis en wijkagent")
    with pytest.raises(VersionConflict):
        write(cast.case_director, cast_family, 1, contacts="Alleen Veilig Thuis")
    assert SafetyPlan.objects.get().contacts == "Veilig Thuis en wijkagent"


@pytest.mark.parametrize("actor", ["care_team_member", "outsider", "other_coalition_professional"])
def test_others_cannot_write_it(cast, cast_family, actor):
    with pytest.raises(Http404):
        write(getattr(cast, actor), cast_family)
    assert not SafetyPlan.objects.exists()


def test_a_granted_member_sees_and_writes_it_until_the_grant_is_revoked(cast, cast_family):
    write(cast.case_director, cast_family)
    assert not selectors.may_see_safety_plan(cast.care_team_member, cast_family)
    given = grant(cast, cast_family)
    assert selectors.may_see_safety_plan(cast.care_team_member, cast_family)
    write(cast.care_team_member, cast_family, 1, risks="Geen nieuwe zorgen.")
    services_plan.safety_plan_grant_revoke(
        actor=cast.case_director, family_pk=cast_family.pk, grant_pk=given.pk
    )
    assert not selectors.may_see_safety_plan(cast.care_team_member, cast_family)
    with pytest.raises(Http404):
        write(cast.care_team_member, cast_family, 2, risks="Toch wel.")
    assert SafetyPlan.objects.get().risks == "Geen nieuwe zorgen."
    kinds = list(
        TimelineEvent.objects.filter(family=cast_family, kind__startswith="safety_plan_grant")
        .order_by("at", "id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["safety_plan_granted", "safety_plan_grant_revoked"]


def test_a_grant_stops_working_when_the_member_leaves_the_care_team(cast, cast_family):
    grant(cast, cast_family)
    member = CareTeamMember.objects.get(family=cast_family, professional=cast.care_team_member)
    member.start_date = timezone.localdate() - timedelta(days=10)
    member.save()
    care_team_member_end(actor=cast.case_director, member_pk=member.pk)
    assert not selectors.may_see_safety_plan(cast.care_team_member, cast_family)


def test_only_the_case_director_grants_and_only_to_the_care_team(cast, cast_family):
    with pytest.raises(Http404):
        services_plan.safety_plan_grant(
            actor=cast.care_team_member,
            family_pk=cast_family.pk,
            professional=cast.care_team_member,
        )
    with pytest.raises(ValidationError) as error:
        grant(cast, cast_family, professional=cast.outsider)
    assert error.value.message_dict == {
        "professional": ["Deze professional zit niet in het zorgteam."]
    }
    grant(cast, cast_family)
    with pytest.raises(ValidationError) as error:
        grant(cast, cast_family)
    assert error.value.message_dict == {
        "professional": ["Deze professional heeft al toegang tot het veiligheidsplan."]
    }
    assert SafetyPlanGrant.objects.active().count() == 1


def _refusals(family, user):
    return AccessEvent.objects.filter(
        family=family, user=user, authorisation=False, detail__contains="veiligheidsplan"
    )


def test_a_care_team_member_without_a_grant_gets_404_and_the_refusal_is_logged(cast, cast_family):
    write(cast.case_director, cast_family)
    client = logged_in_client(cast.care_team_member)
    url = reverse("care:safety_plan", args=[cast_family.pk])
    response = client.get(url)
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert _refusals(cast_family, cast.care_team_member).count() == 1
    response = client.post(url, {**TEXT, "risks": "Overschreven", "version": 1})
    assert response.status_code == 404
    assert SafetyPlan.objects.get().risks == SECRET
    refusals = _refusals(cast_family, cast.care_team_member)
    assert sorted(refusals.values_list("action", flat=True)) == ["R", "U"]
    # The plan page does not link to it either.
    plan_page = client.get(reverse("care:plan", args=[cast_family.pk])).content.decode()
    assert reverse("care:safety_plan", args=[cast_family.pk]) not in plan_page


def test_break_the_glass_does_not_open_the_safety_plan(cast, cast_family):
    write(cast.case_director, cast_family)
    now = timezone.now()
    BreakTheGlass.objects.create(
        user=cast.outsider,
        family=cast_family,
        coalition=cast.coalition,
        reason="acute_care",
        explanation="Acute situatie.",
        started_at=now,
        expires_at=now + timedelta(hours=3),
    )
    client = logged_in_client(cast.outsider)
    assert client.get(reverse("care:plan", args=[cast_family.pk])).status_code == 200
    assert client.get(reverse("care:safety_plan", args=[cast_family.pk])).status_code == 404
    assert _refusals(cast_family, cast.outsider).count() == 1


def test_the_case_director_sees_it_and_each_view_is_logged(cast, cast_family):
    write(cast.case_director, cast_family)
    response = logged_in_client(cast.case_director).get(
        reverse("care:safety_plan", args=[cast_family.pk])
    )
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    event = AccessEvent.objects.order_by("-pk").first()
    assert (event.action, event.detail, event.authorisation) == (
        "R",
        "Veiligheidsplan ingezien",
        True,
    )


def test_the_case_director_grants_and_revokes_through_the_pages(cast, cast_family):
    client = logged_in_client(cast.case_director)
    url = reverse("care:safety_grants", args=[cast_family.pk])
    response = client.post(url, {"professional": cast.care_team_member.pk})
    assert response.status_code == 302
    granted = SafetyPlanGrant.objects.get()
    member = logged_in_client(cast.care_team_member)
    assert member.get(reverse("care:safety_plan", args=[cast_family.pk])).status_code == 200
    # A granted member does not manage the grants.
    assert member.get(url).status_code == 404
    response = client.post(reverse("care:safety_grant_revoke", args=[cast_family.pk, granted.pk]))
    assert response.status_code == 302
    assert member.get(reverse("care:safety_plan", args=[cast_family.pk])).status_code == 404


def test_the_conflict_page_of_the_safety_plan_keeps_the_second_writers_text(cast, cast_family):
    write(cast.case_director, cast_family)
    grant(cast, cast_family)
    write(cast.care_team_member, cast_family, 1, agreements="Moeder slaapt bij haar zus.")
    response = logged_in_client(cast.case_director).post(
        reverse("care:safety_plan", args=[cast_family.pk]),
        {**TEXT, "agreements": "Moeder belt de wijkagent.", "version": 1},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft het veiligheidsplan intussen gewijzigd" in page
    assert "Moeder slaapt bij haar zus." in page
    assert page.count("Moeder belt de wijkagent.") == 2
    assert 'name="version" value="2"' in page
    assert SafetyPlan.objects.get().agreements == "Moeder slaapt bij haar zus."
