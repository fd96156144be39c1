import time

import pytest
import time_machine

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_an_active_professional_stays_logged_in(cast, settings):
    client = logged_in_client(cast.case_director)
    with time_machine.travel(time.time(), tick=False) as traveller:
        assert client.get("/").status_code == 200
        for _ in range(3):
            traveller.shift((settings.SESSION_IDLE_TIMEOUT_MINUTES - 1) * 60)
            assert client.get("/").status_code == 200


def test_an_idle_session_ends_with_an_explanation(cast, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 30
    client = logged_in_client(cast.case_director)
    with time_machine.travel(time.time(), tick=False) as traveller:
        assert client.get("/").status_code == 200
        traveller.shift(31 * 60)
        response = client.get("/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/inloggen/")
    assert "automatisch uitgelogd" in page


def test_an_htmx_request_after_logout_redirects_the_whole_page(client, db):
    response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/inloggen/"
