"""The landscape's write API keeps the contract its OpenAPI schema states: the contract test
of kansrijk/tests/test_contract_api.py (schemathesis, valid and invalid generated requests,
with real ids for about half of them), run for this API's operations only, for every actor
of the contract cast."""

import pytest

from kansrijk.organisations.models import Municipality
from kansrijk.testing.contract import CONTRACT_ACTORS
from kansrijk.testing.landscape import (
    make_agreement,
    make_central_point,
    make_partnership,
    region_municipalities,
)
from kansrijk.tests.test_contract_api import (  # noqa: F401 (fixtures)
    check_operation,
    contract_world,
    live_schema,
)

pytestmark = pytest.mark.django_db
PATHS = (
    "/api/v1/klantroute/afspraken/",
    "/api/v1/regio/landschap/samenwerkingsverbanden/",
    "/api/v1/regio/landschap/meldpunten/",
)


@pytest.fixture
def landscape_world(contract_world):  # noqa: F811
    cast = contract_world.cast
    region = cast.coalition.region
    agreement = make_agreement(cast.coalition)
    partnership = make_partnership(region, municipalities=region_municipalities(cast))
    point = make_central_point(Municipality.objects.get(coalition=cast.coalition))
    contract_world.ids["klantroute/afspraken"] = {"id": agreement.pk}
    contract_world.ids["regio/landschap/samenwerkingsverbanden"] = {"id": partnership.pk}
    contract_world.ids["regio/landschap/meldpunten"] = {"id": point.pk}
    return contract_world


@pytest.mark.parametrize("actor", CONTRACT_ACTORS)
def test_the_write_api_keeps_its_contract(actor, live_schema, landscape_world):  # noqa: F811
    failures = {}
    operations = [result.ok() for result in live_schema.get_all_operations()]
    ours = [operation for operation in operations if operation.path.startswith(PATHS)]
    assert len(ours) == 15  # list, create, retrieve, change, delete of each
    for operation in ours:
        try:
            check_operation(operation, landscape_world, actor)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as failure:  # a FailureGroup: reported below
            failures[operation.label] = failure
    assert not failures, "\n\n".join(f"{label}:\n{failure}" for label, failure in failures.items())
