"""Writing the plan: the first save creates version 1, every change keeps the previous
version, and a closed file is not changed."""

import pytest
from django.core.exceptions import ValidationError

from kansrijk.access.models import AccessEvent
from kansrijk.care import services_plan
from kansrijk.care.models import CarePlan, PlanVersion
from kansrijk.families.models import TimelineEvent
from kansrijk.families.services import family_close

pytestmark = pytest.mark.django_db

TEXT = {
    "strengths": "Moeder heeft een steunend netwerk.",
    "own_contribution": "Oma past twee dagen per week op.",
    "support_needed": "Hulp bij de schulden.",
}


def write(cast, family, version, **changes):
    return services_plan.care_plan_update(
        actor=cast.case_director,
        family_pk=family.pk,
        expected_version=version,
        data={**TEXT, **changes},
    )


def test_the_first_save_creates_the_plan_at_version_1(cast, cast_family):
    plan = write(cast, cast_family, 0)
    assert (plan.version, plan.support_needed) == (1, "Hulp bij de schulden.")
    kept = PlanVersion.objects.get(plan=plan)
    assert (kept.version, kept.snapshot) == (1, TEXT)
    assert kept.changes["support_needed"] == ["", "Hulp bij de schulden."]
    event = TimelineEvent.objects.filter(family=cast_family, kind="plan_changed").get()
    assert event.summary == "Gezinsplan opgesteld"
    access = AccessEvent.objects.order_by("-pk").first()
    assert (access.action, access.detail) == ("U", "Gezinsplan gewijzigd")


def test_every_change_keeps_the_previous_version(cast, cast_family):
    write(cast, cast_family, 0)
    plan = write(cast, cast_family, 1, support_needed="Hulp bij de schulden en bij opvoeden.")
    plan = services_plan.care_plan_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=2,
        data={**TEXT, "support_needed": "Hulp bij opvoeden.", "strengths": "Vader is er ook."},
    )
    assert plan.version == 3
    history = list(
        PlanVersion.objects.filter(plan=plan)
        .order_by("version")
        .values_list("snapshot__support_needed", flat=True)
    )
    assert history == [
        "Hulp bij de schulden.",
        "Hulp bij de schulden en bij opvoeden.",
        "Hulp bij opvoeden.",
    ]
    latest = PlanVersion.objects.get(plan=plan, version=3)
    assert latest.changed_by == cast.care_team_member
    assert set(latest.changes) == {"strengths", "support_needed"}
    assert latest.changes["strengths"] == ["Moeder heeft een steunend netwerk.", "Vader is er ook."]
    event = TimelineEvent.objects.filter(family=cast_family, kind="plan_changed").first()
    assert event.summary == "Gewijzigd: wat gaat goed, welke ondersteuning is nodig"


def test_saving_the_same_text_again_writes_no_new_version(cast, cast_family):
    write(cast, cast_family, 0)
    # A browser sends line breaks as \r\n; the same text is no change.
    plan = write(cast, cast_family, 1, strengths="Moeder heeft een steunend netwerk.\r\n")
    assert plan.version == 1
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_an_empty_first_save_is_refused_in_dutch(cast, cast_family):
    with pytest.raises(ValidationError) as error:
        services_plan.care_plan_update(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            expected_version=0,
            data=dict.fromkeys(TEXT, " "),
        )
    assert error.value.messages == ["Vul minstens één deel van het plan in."]
    assert not CarePlan.objects.exists()


def test_a_closed_file_keeps_its_plan_as_it_was(cast, cast_family):
    write(cast, cast_family, 0)
    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    with pytest.raises(ValidationError) as error:
        write(cast, cast_family, 1, strengths="Anders")
    assert error.value.messages == ["Dit gezinsdossier is gesloten; heropen het eerst."]
    assert CarePlan.objects.get().strengths == TEXT["strengths"]


def test_someone_off_the_care_team_cannot_write_the_plan(cast, cast_family):
    from django.http import Http404

    with pytest.raises(Http404):
        services_plan.care_plan_update(
            actor=cast.outsider, family_pk=cast_family.pk, expected_version=0, data=TEXT
        )
    assert not CarePlan.objects.exists()
