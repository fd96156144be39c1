"""Every state-changing request from a browser session needs the CSRF token.

The test walks every named URL of the project (the authorization matrix has a row, and so
the path arguments, for each) and POSTs to it without a token, with a client that enforces
CSRF checks as a browser request would meet them: logged in as a professional with two
factors for the professional pages and the API, as a family member for the family portal.
Every such POST is refused with 403, whatever the URL does with a POST otherwise.

By design exempt, and so not walked here with a session:
- API requests authenticated with `Authorization: Token ...` (kansrijk.access.api_auth): a
  browser never sends that header by itself, so another site cannot make it send one; DRF
  checks CSRF only for session-authenticated requests.
- The login page without a session is walked too: a login form needs the token as well
  (no login CSRF).
"""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.matrix import FAMILY_ACTORS
from kansrijk.testing.portal import portal_client
from kansrijk.tests.test_authorization_matrix import (
    COVERED_BY_PREFIX,
    MATRIX,
    _named_patterns,
    world,  # noqa: F401 (the fixture)
)

PORTAL_PREFIX = "portal:"


def _csrf_client(url_name: str, world) -> Client:  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    if url_name.startswith(PORTAL_PREFIX):
        return portal_client(world.actors[FAMILY_ACTORS[0]], client=client)
    return logged_in_client(world.cast.case_director, client=client)


def test_every_named_url_is_walked():
    walked = set(MATRIX)
    named = {name for name in _named_patterns() if not name.startswith(COVERED_BY_PREFIX)}
    assert named <= walked


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_a_post_without_the_csrf_token_is_refused(url_name, world):  # noqa: F811
    path = reverse(url_name, kwargs=MATRIX[url_name].kwargs(world))
    client = _csrf_client(url_name, world)

    response = client.post(path, data={"naam": "x"})

    assert response.status_code == 403, f"{url_name} ({path}) answered {response.status_code}"
    # Refused for the missing token, not by the access policy: Django's CSRF failure page,
    # or DRF's "CSRF Failed" problem for a session on the API.
    assert b"CSRF" in response.content, f"{url_name} ({path}) refused for another reason"


def test_a_post_with_the_token_still_reaches_the_view(world):  # noqa: F811
    client = _csrf_client("access:account", world)
    page = client.get(reverse("access:account")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    response = client.post(
        reverse("access:account"), {"csrfmiddlewaretoken": token, "name": "koppeling"}
    )

    assert response.status_code == 200
    assert "Je nieuwe token staat hieronder." in response.content.decode()


def test_an_api_post_with_a_session_needs_the_token_but_one_with_an_api_token_does_not(
    world,  # noqa: F811
):
    from kansrijk.access.services import api_token_create

    session = _csrf_client("api:family_list", world)
    assert session.post(reverse("api:family_list"), data={}).status_code == 403

    _token, key = api_token_create(professional=world.cast.case_director, name="koppeling")
    token_client = Client(enforce_csrf_checks=True, headers={"authorization": f"Token {key}"})
    response = token_client.post(
        reverse("api:family_list"), data={}, content_type="application/json"
    )
    assert response.status_code == 400  # the body is checked, not the (absent) CSRF token
