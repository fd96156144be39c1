"""Clients of the two management roles, logged in with two factors (see testing/actors.py)."""

import pytest

from kansrijk.testing.actors import logged_in_client


@pytest.fixture
def coordinator_client(cast):
    return logged_in_client(cast.coordinator)


@pytest.fixture
def administrator_client(cast):
    return logged_in_client(cast.administrator)


def page(response) -> str:
    return response.content.decode()
