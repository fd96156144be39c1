"""The writes of the federation pages, for every actor of the authorization matrix's world
(`matrix_federation.WRITE_ROWS`): the coordinator publishes and manages the trusted
publishers, the coordinator and the analyst import; everyone else is refused before anything
is read or stored."""

import pytest
from django.urls import reverse

from kansrijk.monitoring.models import ImportedDocument, PublishedDocument
from kansrijk.monitoring.tests.matrix_federation import WRITE_ROWS
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
    data = row.data(world) if callable(row.data) else row.data
    outcomes = {}
    for actor in ACTORS:
        response = getattr(_client_for(actor, world), row.method)(path, data=data)
        outcomes[actor] = _outcome(response)
    assert outcomes == with_family_defaults(row.expect)


def test_only_the_allowed_writes_leave_a_trace(world, fake_indicators):  # noqa: F811 (world)
    """One publication by the coordinator, two refused imports (coordinator and analyst)."""
    for name in ("monitoring:federation_publish", "monitoring:federation_import"):
        row = WRITE_ROWS[name]
        for actor in ACTORS:
            _client_for(actor, world).post(reverse(name), data=row.data)
    assert PublishedDocument.objects.count() == 1
    assert ImportedDocument.objects.count() == 2
    assert set(ImportedDocument.objects.values_list("status", flat=True)) == {"refused"}
