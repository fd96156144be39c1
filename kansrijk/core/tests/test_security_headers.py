import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/inloggen/", "/healthz/"])
def test_responses_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_pages_may_not_be_framed(client):
    response = client.get("/inloggen/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_pages_of_a_logged_in_professional_carry_the_headers_too(cast):
    from kansrijk.testing.actors import logged_in_client

    response = logged_in_client(cast.case_director).get("/account/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
