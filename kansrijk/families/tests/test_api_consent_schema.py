"""The OpenAPI schema describes the consent, close and reopen endpoints of a family: tagged,
with a Dutch summary, their request bodies, the purposes a consent can be for, and their
400/404/409 answers."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FAMILY = "/api/v1/families/{id}"


def test_the_lifecycle_endpoints_are_in_the_schema(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    expected = {
        f"{FAMILY}/consents/": {"get", "post"},
        f"{FAMILY}/consents/{{purpose}}/withdraw/": {"post"},
        f"{FAMILY}/close/": {"post"},
        f"{FAMILY}/reopen/": {"post"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
        for operation in paths[path].values():
            assert operation["tags"] == ["gezinnen"]
            assert operation["summary"]
            assert "404" in operation["responses"], path

    assert {"201", "400", "404"} <= set(paths[f"{FAMILY}/consents/"]["post"]["responses"])
    withdraw = paths[f"{FAMILY}/consents/{{purpose}}/withdraw/"]["post"]
    assert {"200", "400", "404"} <= set(withdraw["responses"])
    [purpose] = [p for p in withdraw["parameters"] if p["name"] == "purpose"]
    assert purpose["in"] == "path"
    assert purpose["schema"]["enum"] == ["care_team", "mdo_named", "monitoring"]
    for action in ("close", "reopen"):
        operation = paths[f"{FAMILY}/{action}/"]["post"]
        assert {"200", "400", "404", "409"} <= set(operation["responses"])
        conflict = operation["responses"]["409"]["content"]["application/problem+json"]["schema"]
        assert [part["$ref"].rsplit("/", 1)[1] for part in conflict["allOf"]] == [
            "Problem",
            "VersionConflict",
        ]

    components = schema["components"]["schemas"]
    assert set(components["ConsentRecord"]["required"]) == {"purpose", "given", "method"}
    assert set(components["FamilyClose"]["required"]) == {"reason", "version"}
    assert components["FamilyReopen"]["required"] == ["version"]
    assert components["DecisionEnum"]["enum"] == ["given", "refused", "none"]
