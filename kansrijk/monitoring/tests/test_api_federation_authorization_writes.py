"""The federation API's POSTs, for every actor of the authorization matrix's world
(`matrix_api_federation.WRITE_ROWS`): posted without input, the coordinator (and for an
import the analyst) gets the Dutch message, everyone else is refused, and nothing is stored."""

import pytest
from django.urls import reverse

from kansrijk.monitoring.models import ImportedDocument, PublishedDocument, TrustedPublisher
from kansrijk.monitoring.tests.matrix_api_federation import WRITE_ROWS
from kansrijk.testing.matrix import ACTORS, with_family_defaults
from kansrijk.testing.monitoring_federation import fake_indicators_fixture  # noqa: F401
from kansrijk.tests.test_authorization_matrix import _client_for, _outcome, world  # noqa: F401


@pytest.mark.parametrize("url_name", sorted(WRITE_ROWS))
def test_each_actor_gets_exactly_what_the_policy_allows_when_writing(
    url_name,
    world,  # noqa: F811
    fake_indicators,
):
    row = WRITE_ROWS[url_name]
    path = reverse(url_name, kwargs=row.kwargs(world))
    outcomes = {}
    for actor in ACTORS:
        response = getattr(_client_for(actor, world), row.method)(path, data=row.data)
        outcomes[actor] = _outcome(response)
    assert outcomes == with_family_defaults(row.expect)
    assert not PublishedDocument.objects.exists()
    assert not ImportedDocument.objects.exists()
    assert not TrustedPublisher.objects.exists()
