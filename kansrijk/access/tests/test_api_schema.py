"""The OpenAPI 3 schema at /api/v1/schema/ describes the API; it needs a login like the rest
of the API, so the list of endpoints is not public."""

from io import StringIO

import pytest
from django.core.management import call_command

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_and_describes_me(cast):
    client = logged_in_client(cast.case_director)
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "kansrijk API"
    assert "/api/v1/me/" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"]["in"] == "header"
    assert schemes["cookieAuth"]["in"] == "cookie"


def test_the_schema_is_yaml_by_default(cast):
    response = logged_in_client(cast.case_director).get("/api/v1/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


def test_the_schema_needs_authentication(client, db):
    assert client.get("/api/v1/schema/").status_code == 401


def test_the_schema_generates_without_warnings(db):
    call_command("spectacular", "--fail-on-warn", stdout=StringIO(), stderr=StringIO())


def test_every_group_of_operations_is_declared_with_a_description_in_the_works_order(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"})
    schema = schema.json()
    declared = [tag["name"] for tag in schema["tags"]]
    used = {
        tag
        for operations in schema["paths"].values()
        for operation in operations.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", [])
    }
    # Swagger UI shows the groups in the declared order; an undeclared one would trail behind.
    assert used <= set(declared), used - set(declared)
    assert all(tag["description"] for tag in schema["tags"])
    assert declared[:2] == ["account", "gezinnen"]
