"""Two people editing the plan at once never lose text: a stale version raises the conflict,
nothing is overwritten, and the conflict page shows both versions with the second writer's
text still in the form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.care import services_plan
from kansrijk.care.models import CarePlan, Goal, PlanVersion
from kansrijk.families.services import VersionConflict
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

TEXT = {
    "strengths": "Moeder heeft een steunend netwerk.",
    "own_contribution": "",
    "support_needed": "Hulp bij de schulden.",
}


@pytest.fixture
def plan(cast, cast_family):
    return services_plan.care_plan_update(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=0, data=TEXT
    )


def test_a_stale_version_raises_the_conflict_and_overwrites_nothing(cast, cast_family, plan):
    services_plan.care_plan_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={**TEXT, "support_needed": "Hulp bij opvoeden."},
    )
    with pytest.raises(VersionConflict) as raised:
        services_plan.care_plan_update(
            actor=cast.case_director,
            family_pk=cast_family.pk,
            expected_version=1,
            data={**TEXT, "support_needed": "Hulp bij werk."},
        )
    conflict = raised.value
    assert (conflict.expected_version, conflict.current_version) == (1, 2)
    assert conflict.current["support_needed"] == "Hulp bij opvoeden."
    assert conflict.submitted["support_needed"] == "Hulp bij werk."
    stored = CarePlan.objects.get(pk=plan.pk)
    assert (stored.support_needed, stored.version) == ("Hulp bij opvoeden.", 2)
    assert PlanVersion.objects.filter(plan=plan).count() == 2


def test_two_first_saves_at_once_conflict_too(cast, cast_family, plan):
    with pytest.raises(VersionConflict) as raised:
        services_plan.care_plan_update(
            actor=cast.care_team_member,
            family_pk=cast_family.pk,
            expected_version=0,
            data={**TEXT, "strengths": "Vader is betrokken."},
        )
    assert raised.value.current["strengths"] == TEXT["strengths"]
    assert CarePlan.objects.get().strengths == TEXT["strengths"]


def form_data(version, **changes):
    return {**TEXT, **changes, "version": version}


def test_the_conflict_page_keeps_the_second_writers_text(cast, cast_family, plan):
    url = reverse("care:plan_edit", args=[cast_family.pk])
    first = logged_in_client(cast.care_team_member)
    second = logged_in_client(cast.case_director)
    # Both open the edit page at version 1 ...
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()
    # ... the care-team member saves first ...
    response = first.post(url, form_data(1, support_needed="Hulp bij opvoeden."))
    assert response.status_code == 302
    # ... and the case director's save meets the conflict page.
    response = second.post(url, form_data(1, support_needed="Hulp bij werk en inkomen."))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft het gezinsplan intussen gewijzigd" in page
    assert "Je bewerkte versie 1, maar de opgeslagen versie is nu 2." in page
    assert "Hulp bij opvoeden." in page  # the stored version, in the table
    assert page.count("Hulp bij werk en inkomen.") == 2  # in the table and in the form
    assert "Verschilt" in page
    form_text = page.split('name="support_needed"', 1)[1].split("</textarea>", 1)[0]
    assert "Hulp bij werk en inkomen." in form_text
    assert 'name="version" value="2"' in page
    assert CarePlan.objects.get().support_needed == "Hulp bij opvoeden."

    # Saving again from the conflict page is a conscious choice; both stay in the history.
    response = second.post(url, form_data(2, support_needed="Hulp bij werk en inkomen."))
    assert response.status_code == 302
    history = list(
        PlanVersion.objects.filter(plan=plan)
        .order_by("version")
        .values_list("snapshot__support_needed", flat=True)
    )
    assert history == ["Hulp bij de schulden.", "Hulp bij opvoeden.", "Hulp bij werk en inkomen."]
    history_page = second.get(reverse("care:plan_history", args=[cast_family.pk]))
    assert "3 versies" in history_page.content.decode()


def test_a_stale_goal_edit_shows_both_versions_and_keeps_the_input(cast, cast_family):
    goal = services_plan.goal_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        text="Beter slapen",
        dimension="bodily_functions",
    )
    services_plan.goal_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        goal_pk=goal.pk,
        expected_version=1,
        data={"text": "Zes uur per nacht slapen", "dimension": "bodily_functions"},
    )
    response = logged_in_client(cast.case_director).post(
        reverse("care:goal_edit", args=[cast_family.pk, goal.pk]),
        {
            "text": "Elke dag een uur naar buiten",
            "dimension": "daily_functioning",
            "target_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "version": 1,
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit doel intussen gewijzigd" in page
    assert "Zes uur per nacht slapen" in page
    assert 'value="Elke dag een uur naar buiten"' in page
    assert 'name="version" value="2"' in page
    assert Goal.objects.get().text == "Zes uur per nacht slapen"
