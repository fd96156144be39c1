"""A method an API endpoint does not have answers 405 with the methods it allows (a problem
detail), not 403: the client asked for something that does not exist, not for something it
may not do. A method the endpoint has but the caller may not use stays refused."""

import pytest

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("get", "/api/v1/families/{id}/jgz-contact/", "POST"),
        ("delete", "/api/v1/families/", "GET, POST"),
        ("put", "/api/v1/families/{id}/close/", "POST"),
    ],
)
def test_a_method_the_endpoint_does_not_have_is_405(cast, cast_family, method, path, allowed):
    client = logged_in_client(cast.case_director)

    response = getattr(client, method)(path.format(id=cast_family.pk))

    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"].startswith(allowed)


def test_without_a_login_a_missing_method_is_405_as_well(cast_family, client):
    response = client.get(f"/api/v1/families/{cast_family.pk}/close/")

    assert response.status_code == 405
