"""The OpenAPI schema describes the plan, goal, score, task and chain-signal endpoints: tags,
Dutch summaries, their 404/400/409 answers, and the shapes a client builds on."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FAMILY = "/api/v1/families/{id}"
EXPECTED = {
    f"{FAMILY}/plan/": ({"get", "put", "patch"}, "plan"),
    f"{FAMILY}/plan/history/": ({"get"}, "plan"),
    f"{FAMILY}/plan/discussed/": ({"post"}, "plan"),
    f"{FAMILY}/plan/concerns/": ({"get", "post"}, "plan"),
    f"{FAMILY}/plan/concerns/{{concern_pk}}/move/": ({"post"}, "plan"),
    f"{FAMILY}/plan/concerns/{{concern_pk}}/resolve/": ({"post"}, "plan"),
    f"{FAMILY}/plan/goals/": ({"get", "post"}, "plan"),
    f"{FAMILY}/plan/goals/{{goal_pk}}/": ({"get", "patch"}, "plan"),
    f"{FAMILY}/plan/goals/{{goal_pk}}/close/": ({"post"}, "plan"),
    f"{FAMILY}/plan/health-scores/": ({"get", "post"}, "plan"),
    f"{FAMILY}/tasks/": ({"get", "post"}, "taken"),
    f"{FAMILY}/tasks/{{task_pk}}/complete/": ({"post"}, "taken"),
    "/api/v1/tasks/mine/": ({"get"}, "taken"),
    "/api/v1/chain-signals/": ({"get"}, "ketensignalen"),
}


@pytest.fixture
def schema(cast):
    return logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()


def test_every_endpoint_is_in_the_schema_with_its_tag_and_a_dutch_summary(schema):
    paths = schema["paths"]
    for url, (methods, tag) in EXPECTED.items():
        assert set(paths[url]) == methods, url
        for method, operation in paths[url].items():
            assert operation["tags"] == [tag], (url, method)
            assert operation["summary"], (url, method)
            if url.startswith(FAMILY):
                assert "404" in operation["responses"], (url, method)
            if method in {"post", "put", "patch"}:
                assert "400" in operation["responses"], (url, method)
    assert paths[f"{FAMILY}/plan/"]["get"]["summary"] == "Gezinsplan"
    assert "409" in paths[f"{FAMILY}/plan/"]["put"]["responses"]
    assert "409" in paths[f"{FAMILY}/plan/"]["patch"]["responses"]
    assert "409" in paths[f"{FAMILY}/plan/goals/{{goal_pk}}/"]["patch"]["responses"]
    assert {"403"} <= set(paths["/api/v1/tasks/mine/"]["get"]["responses"])
    signals = paths["/api/v1/chain-signals/"]["get"]
    assert {"kind", "coalition", "view", "ordering"} <= {p["name"] for p in signals["parameters"]}


def test_the_shapes_a_client_builds_on(schema):
    components = schema["components"]["schemas"]
    assert {
        "version",
        "text",
        "discussed",
        "concerns",
        "goals",
        "first_health_score",
        "latest_health_score",
        "actions",
    } <= set(components["Plan"]["properties"])
    assert set(components["HealthScores"]["properties"]) == {
        "bodily_functions",
        "mental_wellbeing",
        "meaningfulness",
        "quality_of_life",
        "participation",
        "daily_functioning",
    }
    assert components["HealthDimensionEnum"]["enum"] == [
        "bodily_functions",
        "mental_wellbeing",
        "meaningfulness",
        "quality_of_life",
        "participation",
        "daily_functioning",
    ]
    assert components["GoalStatusEnum"]["enum"] == ["open", "achieved", "stopped"]
    assert {"overdue", "owner", "due_date", "goal"} <= set(components["Task"]["properties"])
    assert {"family", "family_reference"} <= set(components["MyTask"]["properties"])
    assert {"submitted", "current", "current_version"} <= set(
        components["PlanVersionConflict"]["properties"]
    )
    assert {
        "kind",
        "why",
        "since",
        "family",
        "family_reference",
        "responsible_organisation",
    } <= set(components["ChainSignal"]["properties"])
    assert "urgent_no_action" in components["ChainSignalKindEnum"]["enum"]
    body = schema["paths"]["/api/v1/families/{id}/plan/health-scores/"]["post"]["requestBody"]
    [example] = body["content"]["application/json"]["examples"].values()
    assert example["value"]["scores"]["mental_wellbeing"] == 4
