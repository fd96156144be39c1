import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_json_without_a_login(client):
    response = client.get("/healthz/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    checks = response.json()
    assert checks
    assert set(checks.values()) == {"OK"}


def test_healthz_does_not_redirect_to_the_login(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
