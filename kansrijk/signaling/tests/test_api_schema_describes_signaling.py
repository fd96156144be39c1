"""The OpenAPI schema describes the signaling endpoints: the assessments of a family with
their 404, the screening a record system submits (with an example), and the instruments."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_every_signaling_endpoint_is_in_the_schema(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assessments = paths["/api/v1/families/{id}/assessments/"]
    assert set(assessments) == {"get", "post"}
    assert set(paths["/api/v1/instruments/"]) == {"get"}
    assert set(paths["/api/v1/instruments/{key}/"]) == {"get"}
    for operation in (
        *assessments.values(),
        paths["/api/v1/instruments/"]["get"],
        paths["/api/v1/instruments/{key}/"]["get"],
    ):
        assert operation["tags"] == ["signalering"]
        assert operation["summary"]
    assert {"200", "404"} <= set(assessments["get"]["responses"])
    post = assessments["post"]
    assert {"201", "400", "404"} <= set(post["responses"])
    body = post["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"].endswith("/AssessmentCreate")
    [example] = body["examples"].values()
    assert example["value"]["instrument_key"] == "professioneel-oordeel"
    assert example["value"]["route"] == 3
    assert {"404"} <= set(paths["/api/v1/instruments/{key}/"]["get"]["responses"])

    components = schema["components"]["schemas"]
    assert {"route_decisions", "result", "recorded_by", "answers"} <= set(
        components["Assessment"]["properties"]
    )
    assert {"route", "priority", "route_reason", "answers"} <= set(
        components["AssessmentCreate"]["properties"]
    )
    assert components["RouteEnum"]["enum"] == [1, 2, 3]
    assert "domains" in components["Instrument"]["properties"]
