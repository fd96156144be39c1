"""The OpenAPI schema describes the meeting's write endpoints: tagged "mdo", a Dutch summary,
the request bodies with examples, their 400/403/404 answers and the 409 version conflict."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

MEETING = "/api/v1/mdo/meetings/{id}"


def _conflict_schema(operation) -> list[str]:
    schema = operation["responses"]["409"]["content"]["application/problem+json"]["schema"]
    return [part["$ref"].rsplit("/", 1)[1] for part in schema["allOf"]]


def test_the_meeting_write_endpoints_are_described(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    writes = {
        (f"{MEETING}/", "patch"): "Overleg wijzigen",
        (f"{MEETING}/items/{{item_pk}}/discussion/", "post"): "Bespreking vastleggen",
        (f"{MEETING}/minutes/", "put"): "Verslag opslaan",
        (f"{MEETING}/minutes/generate/", "post"): "Verslag genereren",
        (f"{MEETING}/minutes/finalise/", "post"): "Verslag definitief maken",
    }
    for (path, method), summary in writes.items():
        operation = paths[path][method]
        assert operation["tags"] == ["mdo"], path
        assert operation["summary"] == summary
        assert {"200", "400", "403", "404", "409"} <= set(operation["responses"]), path
        body = operation["requestBody"]["content"]["application/json"]
        assert body["examples"], path
    assert _conflict_schema(paths[f"{MEETING}/"]["patch"]) == ["Problem", "MeetingConflict"]
    assert _conflict_schema(paths[f"{MEETING}/minutes/"]["put"]) == ["Problem", "MeetingConflict"]
    discussion = paths[f"{MEETING}/items/{{item_pk}}/discussion/"]
    assert _conflict_schema(discussion["post"]) == ["Problem", "DiscussionConflict"]
    for path in (f"{MEETING}/minutes/", f"{MEETING}/items/{{item_pk}}/discussion/"):
        assert {"200", "403", "404"} <= set(paths[path]["get"]["responses"]), path

    components = schema["components"]["schemas"]
    assert set(components["MeetingEdit"]["required"]) == {"version"}
    assert {"discussion", "version"} <= set(components["DiscussionWrite"]["required"])
    assert {"minutes", "version"} <= set(components["MinutesWrite"]["required"])
    assert {"minutes", "version", "may_write", "may_finalise"} <= set(
        components["Minutes"]["properties"]
    )
