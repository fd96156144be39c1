"""The API keeps the contract its OpenAPI schema states (contract testing, issue 12).

Schemathesis reads the live schema at /api/v1/schema/ from Django's WSGI application, in
process and inside the test's transaction, and generates requests for every operation:
valid ones and ones that break the schema (wrong types, missing fields, odd strings). Each
request is sent with the API token of one actor of the shared cast; about half of the
requests take real ids for their path parameters (a seeded family, handover, meeting, ...),
the rest keep the generated ones. No answer may be a server error or differ from what the schema
declares: status code, content type, headers and body.

Examples are bounded and derandomized, so that CI (SQLite and PostgreSQL) runs the same
requests every time within a few minutes.

Each operation is its own hypothesis run (`operation.as_strategy()`) inside one test per
actor, rather than `schemathesis.pytest.from_fixture(...).parametrize()`: that lazy loader
sets `request.node._nodeid`, which pytest 9 no longer has, and the schema needs the database
(authentication) so it cannot be loaded when tests are collected.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kansrijk.testing.contract import (
    CONTRACT_ACTORS,
    ContractWorld,
    in_process_requests,
    real_path_parameters,
    seed_contract_world,
)
from kansrijk.wsgi import application

EXAMPLES_PER_OPERATION = 6

# The default response checks minus those that judge input handling rather than the
# contract: `negative_data_rejection` and `positive_data_acceptance` would demand that every
# schema-valid request succeeds and every invalid one is refused, but the answer to a valid
# request legitimately depends on data (an unknown id is 404, a stale version 409) and on
# the actor (403); `ignored_auth` and `use_after_free` need stateful runs without auth.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def contract_world(cast) -> ContractWorld:
    return seed_contract_world(cast)


@pytest.fixture
def live_schema(contract_world):
    """The schema as /api/v1/schema/ serves it (it needs authentication, as every API call)."""
    with in_process_requests():
        return schemathesis.openapi.from_wsgi(
            "/api/v1/schema/?format=json",
            application,
            headers=contract_world.authorization("administrator"),
        )


def operation_cases(operation, world: ContractWorld):
    """Valid and invalid requests for `operation`, with generated or with real path ids."""
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    real = real_path_parameters(world, operation.path)
    if real and operation.path_parameters:
        wanted = {parameter.name for parameter in operation.path_parameters}
        fixed = {name: value for name, value in real.items() if name in wanted}
        strategies += [
            operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed),
            operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=fixed),
        ]
    return st.one_of(strategies)


def check_operation(operation, world: ContractWorld, actor: str) -> None:
    """Send generated requests for `operation` with `actor`'s token; raise on the first
    failing check (hypothesis has shrunk the request by then)."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        case = data.draw(operation_cases(operation, world))
        with in_process_requests():
            case.call_and_validate(headers=world.authorization(actor), checks=CHECKS)

    run()


@pytest.mark.parametrize("actor", CONTRACT_ACTORS)
def test_api_keeps_its_contract(actor, live_schema, contract_world):
    """Every operation, for this actor: no server error, no answer outside the schema.

    The operations run one after another in the same database (writes of one are seen by
    the next); all failures are collected and reported together, one per operation.
    """
    failures = {}
    for result in live_schema.get_all_operations():
        operation = result.ok()
        try:
            check_operation(operation, contract_world, actor)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as failure:  # a FailureGroup: reported below
            failures[operation.label] = failure
    assert not failures, "\n\n".join(f"{label}:\n{failure}" for label, failure in failures.items())
