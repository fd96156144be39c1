"""Searches and wrong API tokens are rate limited: above the limit a page answers 429 with a
Dutch explanation, the API a problem detail, both with Retry-After; the next window is free.
"""

import time

import pytest
import time_machine
from axes.helpers import get_client_ip_address
from django.test import Client, RequestFactory
from django.urls import reverse

from kansrijk.access.services import api_token_create
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.ratelimits import one_second_into_a_window

pytestmark = pytest.mark.django_db

LIMIT = 3
WINDOW = 60


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = {
        "search": {**settings.RATE_LIMITS["search"], "requests": LIMIT, "seconds": WINDOW},
        "api_token_failure": {"requests": LIMIT, "seconds": WINDOW},
    }


@pytest.fixture(autouse=True)
def start_of_a_window():
    with one_second_into_a_window(WINDOW):
        yield


def _token_client(professional, address: str = "192.0.2.10") -> Client:
    _token, key = api_token_create(professional=professional, name="koppeling")
    return Client(headers={"authorization": f"Token {key}"}, REMOTE_ADDR=address)


def _assert_retry_after(response) -> None:
    assert 1 <= int(response["Retry-After"]) <= WINDOW


@pytest.mark.parametrize("path", ["/gezinnen/?naam=Jansen", "/sociale-kaart/?q=hulp", "/gezinnen/"])
def test_a_page_search_above_the_limit_gets_a_dutch_429_page(cast, path):
    client = logged_in_client(cast.case_director)
    for _ in range(LIMIT):
        assert client.get(path).status_code == 200

    response = client.get(path)

    assert response.status_code == 429
    _assert_retry_after(response)
    page = response.content.decode()
    assert "Even wachten" in page
    assert "Je hebt in korte tijd heel vaak gezocht." in page


def test_the_limit_is_per_professional_and_ends_with_the_window(cast):
    client = logged_in_client(cast.case_director)
    for _ in range(LIMIT + 1):
        response = client.get("/gezinnen/?naam=Jansen")
    assert response.status_code == 429

    colleague = logged_in_client(cast.care_team_member)
    assert colleague.get("/gezinnen/?naam=Jansen").status_code == 200
    # Other pages are not searches and stay open.
    assert client.get(reverse("access:account")).status_code == 200

    with time_machine.travel(time.time() + WINDOW + 1):
        assert client.get("/gezinnen/?naam=Jansen").status_code == 200


@pytest.mark.parametrize("url_name", ["api:family_list", "api:socialmap_service_list"])
def test_an_api_search_above_the_limit_gets_a_429_problem(cast, url_name):
    client = _token_client(cast.case_director)
    for _ in range(LIMIT):
        assert client.get(reverse(url_name)).status_code == 200

    response = client.get(reverse(url_name))

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    _assert_retry_after(response)
    problem = response.json()
    assert problem["type"] == "https://kansrijk.nl/problemen/te-veel-verzoeken"
    assert problem["status"] == 429
    assert problem["title"] == "Te veel verzoeken"
    assert problem["detail"].startswith("Te veel verzoeken achter elkaar.")


def test_limits_can_be_switched_off(cast, settings):
    settings.RATE_LIMITS_ENABLED = False
    client = logged_in_client(cast.case_director)
    for _ in range(LIMIT + 2):
        assert client.get("/gezinnen/?naam=Jansen").status_code == 200


def test_wrong_api_tokens_from_one_address_are_blocked_for_a_while(cast):
    guesser = Client(headers={"authorization": "Token kr_geraden"}, REMOTE_ADDR="192.0.2.66")
    for _ in range(LIMIT):
        response = guesser.get(reverse("api:me"))
        assert response.status_code == 401

    response = guesser.get(reverse("api:me"))
    assert response.status_code == 429
    _assert_retry_after(response)
    problem = response.json()
    assert problem["type"] == "https://kansrijk.nl/problemen/te-veel-verzoeken"
    assert "Te veel ongeldige API-tokens vanaf dit adres." in problem["detail"]

    # Even a valid token is refused from that address until the window ends...
    blocked = _token_client(cast.case_director, address="192.0.2.66")
    assert blocked.get(reverse("api:me")).status_code == 429
    # ...while other addresses, and sessions, are not affected.
    assert _token_client(cast.case_director).get(reverse("api:me")).status_code == 200
    with time_machine.travel(time.time() + WINDOW + 1):
        assert blocked.get(reverse("api:me")).status_code == 200


def test_valid_tokens_do_not_count_as_failures(cast):
    client = _token_client(cast.case_director, address="192.0.2.67")
    for _ in range(LIMIT + 2):
        assert client.get(reverse("api:me")).status_code == 200


def test_behind_a_proxy_each_forwarded_address_has_its_own_limit(cast, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = "10.0.0.1"

    def guesser(address: str) -> Client:
        return Client(
            # What the client sent, then what the proxy saw.
            headers={"authorization": "Token kr_geraden", "x-forwarded-for": f"1.2.3.4, {address}"},
            REMOTE_ADDR=proxy,
        )

    for _ in range(LIMIT):
        guesser("198.51.100.7").get(reverse("api:me"))
    assert guesser("198.51.100.7").get(reverse("api:me")).status_code == 429
    assert guesser("198.51.100.8").get(reverse("api:me")).status_code == 401


def test_behind_a_proxy_the_login_lockout_counts_the_forwarded_address(cast, settings):
    from kansrijk.core.ratelimit import client_address

    settings.AXES_IPWARE_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    assert client_address(request) == "198.51.100.7"
    assert get_client_ip_address(request) == "198.51.100.7"
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert get_client_ip_address(request) == "10.0.0.1"
