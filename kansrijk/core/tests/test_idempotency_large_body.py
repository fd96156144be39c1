"""A create sent with an Idempotency-Key whose body is larger than Django reads into memory
(DATA_UPLOAD_MAX_MEMORY_SIZE) gets a clear 413 problem, in Dutch or in the language asked for,
and nothing is created or remembered."""

import json

import pytest
from django.test import override_settings

from kansrijk.core.models import IdempotentRequest
from kansrijk.families.models import Family
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FAMILIES = "/api/v1/families/"


def _large_family(cast) -> str:
    return json.dumps(
        {
            "municipality": cast.coalition.municipalities.get().pk,
            "postcode": "1234AB",
            "role_in_family": "verloskundige",
            "notes": "x" * 2000,
        }
    )


def _post(client, body: str, **headers):
    headers = {"Idempotency-Key": "groot", **headers}
    return client.post(FAMILIES, body, content_type="application/json", headers=headers)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_too_large_create_with_a_key_is_a_dutch_413_problem(cast):
    response = _post(logged_in_client(cast.case_director), _large_family(cast))
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://kansrijk.nl/problemen/verzoek-te-groot",
        "title": "Verzoek te groot",
        "status": 413,
        "detail": (
            "Het verzoek is te groot: een aanmaakverzoek met een Idempotency-Key mag hoogstens "
            "1000\xa0bytes zijn. Stuur minder gegevens in één verzoek."
        ),
        "instance": FAMILIES,
    }
    assert not Family.objects.exists()
    assert not IdempotentRequest.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_in_english_when_asked(cast):
    client = logged_in_client(cast.case_director)
    response = _post(client, _large_family(cast), **{"Accept-Language": "en"})
    assert response.status_code == 413
    body = response.json()
    assert body["title"] == "Request too large"
    assert body["detail"].startswith("The request is too large")
