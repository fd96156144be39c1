"""The OpenAPI schema describes every families endpoint, including the 409 on a stale
version and the 404 that does not reveal whether a family exists."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_every_families_endpoint_is_in_the_schema(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert set(paths["/api/v1/families/"]) == {"get", "post"}
    assert set(paths["/api/v1/families/{id}/"]) == {"get", "put", "patch"}
    assert set(paths["/api/v1/families/{id}/access-log/"]) == {"get"}
    for method in "put", "patch":
        responses = paths["/api/v1/families/{id}/"][method]["responses"]
        assert {"200", "400", "404", "409"} <= set(responses)
        conflict = responses["409"]["content"]["application/problem+json"]["schema"]["allOf"]
        assert conflict[1]["$ref"].endswith("/VersionConflict")
    components = schema["components"]["schemas"]
    assert {"current", "submitted", "current_version"} <= set(
        components["VersionConflict"]["properties"]
    )
    person = components["Person"]["properties"]
    assert "bsn_masked" in person
    assert "bsn" not in person
    assert "username" in components["CareTeamMember"]["properties"]
