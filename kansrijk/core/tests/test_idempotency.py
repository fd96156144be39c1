"""An API create with an Idempotency-Key is answered once: the same request again replays the
stored answer without a second row; the key is the caller's own and fits one request."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kansrijk.access.services import api_token_create
from kansrijk.core.models import IdempotentRequest
from kansrijk.families.models import Family
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db

FAMILIES = "/api/v1/families/"


def _family(cast, **overrides):
    return {
        "municipality": cast.coalition.municipalities.get().pk,
        "postcode": "1234ab",
        "role_in_family": "verloskundige",
        **overrides,
    }


def _post(client, data, key=None):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(FAMILIES, data, content_type="application/json", headers=headers)


def _token_client(professional) -> Client:
    _token, key = api_token_create(professional=professional, name="koppeling")
    return Client(headers={"Authorization": f"Token {key}"})


def test_the_same_request_twice_creates_one_family_and_replays_the_answer(cast):
    client = logged_in_client(cast.case_director)
    first = _post(client, _family(cast), key="gezin-1")
    second = _post(client, _family(cast), key="gezin-1")
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert Family.objects.count() == 1
    assert IdempotentRequest.objects.get().status_code == 201


def test_a_token_client_gets_the_same_replay(cast):
    client = _token_client(cast.case_director)
    first = _post(client, _family(cast), key="k")
    second = _post(client, _family(cast), key="k")
    assert first.status_code == 201
    assert second.json() == first.json()
    assert Family.objects.count() == 1


def test_the_same_key_with_another_request_is_refused_with_422(cast):
    client = logged_in_client(cast.case_director)
    assert _post(client, _family(cast), key="gezin-1").status_code == 201
    response = _post(client, _family(cast, postcode="9999ZZ"), key="gezin-1")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "https://kansrijk.nl/problemen/idempotentiesleutel-hergebruikt"
    assert body["detail"].startswith("Deze Idempotency-Key is al gebruikt voor een ander verzoek")
    assert Family.objects.count() == 1


def test_a_key_still_in_progress_gets_409(cast):
    client = logged_in_client(cast.case_director)
    data = _family(cast)
    # What a request that is still running leaves behind: the key without an answer.
    request = client.post(FAMILIES, data, content_type="application/json").wsgi_request
    from kansrijk.core.idempotency import fingerprint

    IdempotentRequest.objects.create(
        actor=cast.case_director,
        key="bezig",
        fingerprint=fingerprint(request),
        method="POST",
        path=FAMILIES,
    )
    response = _post(client, data, key="bezig")
    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "https://kansrijk.nl/problemen/idempotentiesleutel-in-behandeling"
    assert "nog in behandeling" in body["detail"]


def test_keys_are_per_caller(cast):
    first = _post(logged_in_client(cast.case_director), _family(cast), key="zelfde")
    second = _post(logged_in_client(cast.care_team_member), _family(cast), key="zelfde")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert not second.has_header("Idempotent-Replayed")
    assert Family.objects.count() == 2


def test_without_a_key_every_request_creates(cast):
    client = logged_in_client(cast.case_director)
    assert _post(client, _family(cast)).status_code == 201
    assert _post(client, _family(cast)).status_code == 201
    assert Family.objects.count() == 2
    assert not IdempotentRequest.objects.exists()


def test_a_validation_error_is_replayed_too(cast):
    client = logged_in_client(cast.case_director)
    first = _post(client, _family(cast, postcode="12345"), key="fout")
    second = _post(client, _family(cast, postcode="12345"), key="fout")
    assert first.status_code == second.status_code == 400
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"


def test_a_caller_who_is_not_logged_in_is_not_remembered(client, cast):
    response = _post(client, _family(cast), key="anoniem")
    assert response.status_code == 401
    assert not IdempotentRequest.objects.exists()


def test_a_too_long_key_is_a_400_problem(cast):
    response = _post(logged_in_client(cast.case_director), _family(cast), key="x" * 256)
    assert response.status_code == 400
    assert response.json()["type"] == "https://kansrijk.nl/problemen/idempotentiesleutel-ongeldig"
    assert Family.objects.count() == 0


def test_keys_older_than_a_day_are_purged_and_may_be_used_again(cast):
    client = logged_in_client(cast.case_director)
    assert _post(client, _family(cast), key="oud").status_code == 201
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    again = _post(client, _family(cast), key="oud")
    assert again.status_code == 201
    assert not again.has_header("Idempotent-Replayed")
    assert Family.objects.count() == 2
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    out = StringIO()
    call_command("purge_idempotency_keys", stdout=out)
    assert not IdempotentRequest.objects.exists()
    assert out.getvalue().startswith("1 ")
