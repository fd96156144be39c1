"""`GET /api/v1/families/?coalition=` takes a coalition id; anything else, including a
number no database id can be, is a 400 with a Dutch message, never a server error."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_the_filter_keeps_the_families_of_that_coalition(cast, cast_family):
    client = logged_in_client(cast.case_director)
    body = client.get("/api/v1/families/", {"coalition": cast.coalition.pk}).json()
    assert [row["id"] for row in body["results"]] == [cast_family.pk]
    body = client.get("/api/v1/families/", {"coalition": cast.other_coalition.pk}).json()
    assert body["results"] == []


@pytest.mark.parametrize("value", ["abc", "0", "-3", "99999999999999999999", "²"])
def test_a_value_that_is_no_coalition_id_is_a_400(cast, cast_family, value):
    """Found by the contract test: a 20-digit number overflowed the query (500)."""
    response = logged_in_client(cast.case_director).get("/api/v1/families/", {"coalition": value})
    assert response.status_code == 400
    assert "Geef het nummer (id) van de coalitie." in response.content.decode()


def test_the_schema_documents_the_400(cast):
    client = logged_in_client(cast.case_director)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "400" in schema["paths"]["/api/v1/families/"]["get"]["responses"]


def test_a_page_far_beyond_the_end_is_not_found_not_a_server_error(cast, cast_family):
    response = logged_in_client(cast.case_director).get(
        "/api/v1/families/", {"page": "99999999999999999999"}
    )

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
