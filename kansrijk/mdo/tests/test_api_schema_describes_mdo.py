"""The OpenAPI schema describes the MDO endpoints: tagged "mdo", with a Dutch summary, their
403/404 answers, the 400/409 of the status change and the request bodies of the writes."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

MEETING = "/api/v1/mdo/meetings/{id}"


def test_every_mdo_endpoint_is_in_the_schema(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    expected = {
        "/api/v1/mdo/series/": {"get", "post"},
        "/api/v1/mdo/series/{id}/": {"get", "put", "patch"},
        "/api/v1/mdo/series/{id}/meetings/": {"get", "post"},
        f"{MEETING}/": {"get", "patch"},
        f"{MEETING}/items/": {"post"},
        f"{MEETING}/transition/": {"post"},
        f"{MEETING}/items/{{item_pk}}/decisions/": {"get", "post"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
        for operation in paths[path].values():
            assert operation["tags"] == ["mdo"], path
            assert operation["summary"], path
            assert "403" in operation["responses"], path
            if "{id}" in path:
                assert "404" in operation["responses"], path
    transition = paths[f"{MEETING}/transition/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(transition["responses"])
    conflict = transition["responses"]["409"]["content"]["application/problem+json"]["schema"]
    assert [part["$ref"].rsplit("/", 1)[1] for part in conflict["allOf"]] == [
        "Problem",
        "MeetingConflict",
    ]
    assert {"201", "400", "404"} <= set(paths[f"{MEETING}/items/"]["post"]["responses"])
    assert {"201", "400"} <= set(
        paths[f"{MEETING}/items/{{item_pk}}/decisions/"]["post"]["responses"]
    )

    components = schema["components"]["schemas"]
    assert {"status", "version"} <= set(components["MeetingTransition"]["required"])
    assert {"family", "question"} <= set(components["ItemSubmit"]["required"])
    item = components["AgendaItem"]["properties"]
    assert {"named", "identified", "family", "family_reference", "summary"} <= set(item)
    assert set(components["ItemSummary"]["properties"]) == {"age_band", "phase", "level", "route"}
    assert components["MdoMeetingStatusEnum"]["enum"] == [
        "draft",
        "published",
        "held",
        "final",
        "cancelled",
    ]
