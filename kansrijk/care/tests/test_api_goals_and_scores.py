"""Goals on Positive Health and the family's own scores through the API: the services'
rules and Dutch messages under the request's fields, the goal's version check, and 404 for
whoever may not see the family."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.care.models import Goal, GoalStatus, HealthScore
from kansrijk.care.services_plan import goal_add, goal_update, health_score_record
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db
Action = AccessEvent.Action
SCORES = {
    "bodily_functions": 6,
    "mental_wellbeing": 4,
    "meaningfulness": 7,
    "quality_of_life": 5,
    "participation": 3,
    "daily_functioning": 6,
}


def _url(family, suffix: str = "") -> str:
    return f"/api/v1/families/{family.pk}/plan/{suffix}"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def _goal(cast, family, **data) -> Goal:
    return goal_add(
        actor=cast.case_director,
        family_pk=family.pk,
        **{"text": "Rust in mijn hoofd", "dimension": "mental_wellbeing", **data},
    )


def test_a_goal_is_added_on_a_dimension(cast, cast_family):
    target = timezone.localdate() + timedelta(days=60)
    response = _post(
        logged_in_client(cast.care_team_member),
        _url(cast_family, "goals/"),
        {"text": "Meer bewegen", "dimension": "bodily_functions", "target_date": str(target)},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["dimension"] == "bodily_functions"
    assert body["dimension_display"] == "Lichaamsfuncties"
    assert (body["status"], body["status_display"]) == ("open", "Loopt")
    assert body["version"] == 1
    assert body["target_date"] == target.isoformat()
    assert Goal.objects.get(pk=body["id"]).family == cast_family


def test_a_goal_needs_text_a_dimension_and_a_target_date_ahead(cast, cast_family):
    client = logged_in_client(cast.case_director)
    empty = _post(client, _url(cast_family, "goals/"), {})
    assert empty.status_code == 400
    assert empty.json()["errors"] == {
        "text": ["Beschrijf het doel in de woorden van het gezin."],
        "dimension": ["Kies bij welke dimensie van Positieve Gezondheid het doel hoort."],
    }
    past = _post(
        client,
        _url(cast_family, "goals/"),
        {
            "text": "Meer bewegen",
            "dimension": "bodily_functions",
            "target_date": str(timezone.localdate() - timedelta(days=1)),
        },
    )
    assert past.status_code == 400
    assert past.json()["errors"] == {"target_date": ["De streefdatum ligt in het verleden."]}
    assert not Goal.objects.exists()


def test_the_goals_are_listed_open_first_and_one_can_be_read(cast, cast_family):
    closed = _goal(cast, cast_family, text="Oud doel")
    client = logged_in_client(cast.care_team_member)
    _post(client, _url(cast_family, f"goals/{closed.pk}/close/"), {"status": "achieved"})
    _goal(cast, cast_family, text="Nieuw doel", dimension="participation")
    before = AccessEvent.objects.count()
    listed = client.get(_url(cast_family, "goals/")).json()
    assert [(g["text"], g["status"]) for g in listed] == [
        ("Nieuw doel", "open"),
        ("Oud doel", "achieved"),
    ]
    one = client.get(_url(cast_family, f"goals/{closed.pk}/"))
    assert one.status_code == 200
    assert one.json()["status_display"] == "Behaald"
    assert [e.action for e in AccessEvent.objects.order_by("id")[before:]] == [
        Action.READ,
        Action.READ,
    ]


def test_a_goal_is_changed_on_its_version_and_a_stale_one_gets_409(cast, cast_family):
    goal = _goal(cast, cast_family)
    client = logged_in_client(cast.care_team_member)
    changed = _patch(
        client, _url(cast_family, f"goals/{goal.pk}/"), {"version": 1, "text": "Beter slapen"}
    )
    assert changed.status_code == 200
    assert (changed.json()["text"], changed.json()["version"]) == ("Beter slapen", 2)

    stale = _patch(
        logged_in_client(cast.case_director),
        _url(cast_family, f"goals/{goal.pk}/"),
        {"version": 1, "dimension": "participation"},
    )
    assert stale.status_code == 409
    body = stale.json()
    assert (body["submitted_version"], body["current_version"]) == (1, 2)
    assert body["current"]["text"] == "Beter slapen"
    assert body["submitted"]["dimension"] == "participation"
    goal.refresh_from_db()
    assert (goal.dimension, goal.version) == ("mental_wellbeing", 2)


def test_a_goal_change_needs_a_version(cast, cast_family):
    goal = _goal(cast, cast_family)
    response = _patch(
        logged_in_client(cast.case_director), _url(cast_family, f"goals/{goal.pk}/"), {"text": "x"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "version": ["Geef de versie mee waarop de wijziging is gebaseerd."]
    }


def test_a_closed_goal_cannot_be_closed_or_changed_again(cast, cast_family):
    goal = _goal(cast, cast_family)
    client = logged_in_client(cast.case_director)
    wrong = _post(client, _url(cast_family, f"goals/{goal.pk}/close/"), {"status": "open"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"status": ["Kies of het doel behaald is of gestopt."]}
    closed = _post(client, _url(cast_family, f"goals/{goal.pk}/close/"), {"status": "stopped"})
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["version"]) == ("stopped", 2)
    again = _post(client, _url(cast_family, f"goals/{goal.pk}/close/"), {"status": "achieved"})
    assert again.json()["errors"] == {"non_field_errors": ["Dit doel is al afgesloten."]}
    edit = _patch(client, _url(cast_family, f"goals/{goal.pk}/"), {"version": 2, "text": "x"})
    assert edit.status_code == 400
    assert edit.json()["errors"] == {
        "non_field_errors": ["Dit doel is afgesloten en kan niet meer worden gewijzigd."]
    }
    assert Goal.objects.get(pk=goal.pk).status == GoalStatus.STOPPED


def test_a_goal_of_another_family_is_not_found(cast, cast_family):
    other_goal = _goal(cast, make_family(cast))
    client = logged_in_client(cast.case_director)
    assert client.get(_url(cast_family, f"goals/{other_goal.pk}/")).status_code == 404
    response = _patch(
        client, _url(cast_family, f"goals/{other_goal.pk}/"), {"version": 1, "text": "x"}
    )
    assert response.status_code == 404
    assert Goal.objects.get(pk=other_goal.pk).text == "Rust in mijn hoofd"


def test_the_family_scores_itself_on_six_dimensions(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    today = timezone.localdate()
    first = _post(
        client,
        _url(cast_family, "health-scores/"),
        {"measured_on": str(today - timedelta(days=30)), "respondent": "moeder", "scores": SCORES},
    )
    assert first.status_code == 201, first.content
    assert first.json()["scores"] == SCORES
    later = {**SCORES, "mental_wellbeing": 7}
    _post(
        client,
        _url(cast_family, "health-scores/"),
        {"measured_on": str(today), "respondent": "moeder", "scores": later},
    )
    listed = client.get(_url(cast_family, "health-scores/")).json()
    assert [s["scores"]["mental_wellbeing"] for s in listed] == [4, 7]
    plan = client.get(_url(cast_family)).json()
    assert plan["first_health_score"]["scores"] == SCORES
    assert plan["latest_health_score"]["scores"] == later


def test_scores_out_of_range_or_missing_are_refused_per_dimension_in_dutch(cast, cast_family):
    client = logged_in_client(cast.case_director)
    scores = {**SCORES, "mental_wellbeing": 11}
    scores.pop("participation")
    response = _post(
        client,
        _url(cast_family, "health-scores/"),
        {"measured_on": str(timezone.localdate()), "respondent": "moeder", "scores": scores},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "scores": {"participation": ["Vul een score in voor Meedoen (0 tot en met 10)."]}
    }
    scores["participation"] = 5
    response = _post(
        client,
        _url(cast_family, "health-scores/"),
        {
            "measured_on": str(timezone.localdate() + timedelta(days=1)),
            "respondent": "moeder",
            "scores": scores,
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "measured_on": ["De datum kan niet in de toekomst liggen."],
        "scores": {
            "mental_wellbeing": [
                "Een score is een heel getal van 0 tot en met 10 (Mentaal welbevinden)."
            ]
        },
    }
    no_respondent = _post(
        client,
        _url(cast_family, "health-scores/"),
        {"measured_on": str(timezone.localdate()), "respondent": "", "scores": SCORES},
    )
    assert no_respondent.json()["errors"] == {
        "respondent": ["Vul in wie van het gezin de scores gaf."]
    }
    assert not HealthScore.objects.exists()


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst"]
)
def test_whoever_may_not_see_the_family_gets_no_goals_or_scores(actor, cast, cast_family):
    goal = _goal(cast, cast_family, text="Geheim doel")
    health_score_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        measured_on=timezone.localdate(),
        respondent="moeder",
        scores=SCORES,
    )
    goal_update(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        goal_pk=goal.pk,
        expected_version=1,
        data={"text": "Nog steeds geheim"},
    )
    client = logged_in_client(getattr(cast, actor))
    for url in (
        _url(cast_family, "goals/"),
        _url(cast_family, f"goals/{goal.pk}/"),
        _url(cast_family, "health-scores/"),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "geheim" not in response.content.decode().lower()
    writes = [
        _post(client, _url(cast_family, "goals/"), {"text": "x", "dimension": "participation"}),
        _patch(client, _url(cast_family, f"goals/{goal.pk}/"), {"version": 2, "text": "x"}),
        _post(client, _url(cast_family, f"goals/{goal.pk}/close/"), {"status": "achieved"}),
        _post(
            client,
            _url(cast_family, "health-scores/"),
            {"measured_on": str(timezone.localdate()), "respondent": "x", "scores": SCORES},
        ),
    ]
    assert [w.status_code for w in writes] == [404] * 4
    assert Goal.objects.filter(family=cast_family).count() == 1
    assert Goal.objects.get(pk=goal.pk).status == GoalStatus.OPEN
    assert HealthScore.objects.filter(family=cast_family).count() == 1
