"""The MDO series writes of the API for every actor of the authorization matrix's world
(`matrix_series_api.WRITE_ROWS`): only the coordinator of the coalition sets up, changes and
plans; everyone else is refused before anything is written."""

import json

import pytest
from django.urls import reverse

from kansrijk.mdo.tests.matrix_series_api import WRITE_ROWS
from kansrijk.testing.matrix import ACTORS, with_family_defaults
from kansrijk.tests.test_authorization_matrix import _client_for, _outcome, world  # noqa: F401


@pytest.mark.parametrize("url_name", sorted(WRITE_ROWS))
def test_each_actor_gets_exactly_what_the_policy_allows_when_writing(url_name, world):  # noqa: F811
    row = WRITE_ROWS[url_name]
    path = reverse(url_name, kwargs=row.kwargs(world))
    data = row.data(world) if callable(row.data) else row.data
    outcomes = {}
    for actor in ACTORS:
        client = _client_for(actor, world)
        if path.startswith("/api/"):
            response = getattr(client, row.method)(
                path, data=json.dumps(data), content_type="application/json"
            )
        else:
            response = getattr(client, row.method)(path, data=data)
        outcomes[actor] = _outcome(response)
    assert outcomes == with_family_defaults(row.expect)
