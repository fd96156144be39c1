"""The indicators' definitions through the API: coordinators and analysts read every
definition and one by its code; an unknown code is 404, other roles 403."""

import pytest

from kansrijk.monitoring import indicators as registry
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
URL = "/api/v1/monitoring/definitions/"


def test_an_analyst_reads_every_definition_and_one(cast):
    client = logged_in_client(cast.analyst)
    body = client.get(URL).json()
    codes = [row["code"] for row in body["results"]]
    assert codes == [indicator.code for indicator in registry.indicators()]
    assert body["count"] == len(codes)
    first = registry.indicators()[0]
    one = client.get(f"{URL}{first.code}/").json()
    assert one["version"] == first.version
    assert one["definition"]["numerator"] == str(first.definition.numerator)
    assert one["definition"]["sources"] == [str(s) for s in first.definition.sources]


def test_an_unknown_code_is_not_found(cast):
    response = logged_in_client(cast.coordinator).get(f"{URL}bestaat_niet/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Deze indicator bestaat niet."


def test_only_coordinators_and_analysts(cast, client):
    for actor in (cast.case_director, cast.administrator, cast.other_coalition_professional):
        assert logged_in_client(actor).get(URL).status_code == 403
    assert client.get(URL).status_code == 401
