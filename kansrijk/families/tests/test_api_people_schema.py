"""The OpenAPI schema describes the persons and pregnancies endpoints: their methods, Dutch
summaries, the 400 and 404 problems, and a BSN that can be written but is never read."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/families/{id}"


@pytest.fixture
def schema(cast):
    return logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()


def test_every_people_endpoint_is_in_the_schema_with_its_methods(schema):
    paths = schema["paths"]
    assert set(paths[f"{BASE}/persons/"]) == {"get", "post"}
    assert set(paths[f"{BASE}/persons/{{person_pk}}/"]) == {"get", "patch"}
    assert set(paths[f"{BASE}/pregnancies/"]) == {"get", "post"}
    assert set(paths[f"{BASE}/pregnancies/{{pregnancy_pk}}/"]) == {"get", "patch"}
    assert set(paths[f"{BASE}/pregnancies/{{pregnancy_pk}}/birth/"]) == {"post"}


def test_writes_document_the_dutch_summary_the_400_and_the_404(schema):
    writes = {
        (f"{BASE}/persons/", "post"): "Persoon toevoegen",
        (f"{BASE}/persons/{{person_pk}}/", "patch"): "Persoonsgegevens wijzigen",
        (f"{BASE}/pregnancies/", "post"): "Zwangerschap toevoegen",
        (f"{BASE}/pregnancies/{{pregnancy_pk}}/", "patch"): "Zwangerschap wijzigen",
        (
            f"{BASE}/pregnancies/{{pregnancy_pk}}/birth/",
            "post",
        ): "Geboorte of einde van een zwangerschap vastleggen",
    }
    for (path, method), summary in writes.items():
        operation = schema["paths"][path][method]
        assert operation["summary"] == summary
        assert {"400", "404"} <= set(operation["responses"])
        problem = operation["responses"]["400"]["content"]
        assert "application/problem+json" in problem
        assert operation["requestBody"]["content"]["application/json"]["examples"]


def test_the_bsn_is_write_only(schema):
    components = schema["components"]["schemas"]
    assert components["PersonWrite"]["properties"]["bsn"]["writeOnly"] is True
    assert "bsn" not in components["Person"]["properties"]
    assert "bsn_masked" in components["Person"]["properties"]
    assert {"role", "first_name"} == set(components["PersonWrite"]["required"])
    assert components["PregnancyWrite"]["required"] == ["due_date"]
    assert set(components["BirthResult"]["properties"]) == {"pregnancy", "child"}
