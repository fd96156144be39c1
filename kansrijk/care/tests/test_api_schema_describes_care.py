"""The OpenAPI schema describes the care-team, casusregie and handover endpoints: tagged,
with a Dutch summary, their 400/404/409 answers and the request bodies of the actions."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FAMILY = "/api/v1/families/{id}"
HANDOVER = f"{FAMILY}/handovers/{{handover_pk}}"


def test_every_care_endpoint_is_in_the_schema(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    expected = {
        f"{FAMILY}/care-team/": ({"get", "post"}, "zorgteam"),
        f"{FAMILY}/care-team/{{member_pk}}/end/": ({"post"}, "zorgteam"),
        f"{FAMILY}/case-director/": ({"get", "post"}, "zorgteam"),
        f"{FAMILY}/handovers/": ({"get", "post"}, "overdrachten"),
        f"{HANDOVER}/": ({"get"}, "overdrachten"),
        f"{HANDOVER}/accept/": ({"post"}, "overdrachten"),
        f"{HANDOVER}/decline/": ({"post"}, "overdrachten"),
        f"{HANDOVER}/complete/": ({"post"}, "overdrachten"),
        f"{HANDOVER}/cancel/": ({"post"}, "overdrachten"),
        "/api/v1/handovers/incoming/": ({"get"}, "overdrachten"),
    }
    for path, (methods, tag) in expected.items():
        assert set(paths[path]) == methods, path
        for operation in paths[path].values():
            assert operation["tags"] == [tag]
            assert operation["summary"]
            if path.startswith(FAMILY):
                assert "404" in operation["responses"], path
    for action in ("accept", "decline", "complete", "cancel"):
        operation = paths[f"{HANDOVER}/{action}/"]["post"]
        assert {"200", "400", "404", "409"} <= set(operation["responses"])
        conflict = operation["responses"]["409"]["content"]["application/problem+json"]["schema"]
        assert [part["$ref"].rsplit("/", 1)[1] for part in conflict["allOf"]] == [
            "Problem",
            "HandoverConflict",
        ]
    assert {"201", "400", "404"} <= set(paths[f"{FAMILY}/handovers/"]["post"]["responses"])
    assert {"201", "400", "404"} <= set(paths[f"{FAMILY}/care-team/"]["post"]["responses"])
    assert "former" in {p["name"] for p in paths[f"{FAMILY}/care-team/"]["get"]["parameters"]}

    components = schema["components"]["schemas"]
    assert {"version", "allowed_actions", "summary", "status"} <= set(
        components["Handover"]["properties"]
    )
    assert "summary" not in components["IncomingHandover"]["properties"]
    assert {"version", "reason"} <= set(components["HandoverDecline"]["required"])
    assert {"version", "contact_kind", "contact_on"} <= set(
        components["HandoverComplete"]["required"]
    )
    assert components["HandoverStatusEnum"]["enum"] == [
        "proposed",
        "accepted",
        "declined",
        "completed",
        "cancelled",
    ]
    assert {"current", "history", "running_transfer"} <= set(
        components["CaseDirectorOverview"]["properties"]
    )
    assert "is_case_director" in components["CareTeamEntry"]["properties"]
