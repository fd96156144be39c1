"""Recording a screening as a FHIR QuestionnaireResponse, for every actor of the authorization
matrix's world (`matrix_fhir_screening.WRITE_ROWS`): the care team and break-the-glass record
it, everyone else gets "not found" as an OperationOutcome, whether the family exists or not,
and only the allowed writes leave an assessment."""

import json

import pytest
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.signaling.models import Assessment
from kansrijk.testing.matrix import ACTORS, CARE_TEAM, with_family_defaults
from kansrijk.tests import test_authorization_matrix as matrix_test

from .matrix_fhir_screening import WRITE_ROWS, judgement_response

# The matrix's world (the cast, its family, the break-the-glass actors) as a fixture here.
world = matrix_test.world
ALLOWED = [*CARE_TEAM, "break_the_glass"]


def _post(actor, world, body):
    return matrix_test._client_for(actor, world).post(
        reverse("api:fhir_questionnaire_response"),
        json.dumps(body),
        content_type="application/fhir+json",
    )


@pytest.mark.parametrize("url_name", sorted(WRITE_ROWS))
def test_each_actor_gets_exactly_what_the_policy_allows_when_writing(url_name, world):
    row = WRITE_ROWS[url_name]
    outcomes = {actor: _post(actor, world, row.data(world)).status_code for actor in ACTORS}
    assert outcomes == with_family_defaults(row.expect)
    recorders = set(Assessment.objects.values_list("recorded_by__username", flat=True))
    assert recorders == {world.actors[actor].username for actor in ALLOWED}


def test_a_refusal_is_an_operation_outcome_that_does_not_tell_whether_the_family_exists(world):
    existing = _post("outsider", world, judgement_response(world))
    body = judgement_response(world)
    body["subject"] = {"reference": "urn:kansrijk:family:999999"}
    missing = _post("case_director", world, body)
    assert existing.status_code == missing.status_code == 404
    assert existing["Content-Type"] == "application/fhir+json"
    assert (
        existing.json()
        == missing.json()
        == {
            "resourceType": "OperationOutcome",
            "issue": [
                {
                    "severity": "error",
                    "code": "not-found",
                    "diagnostics": "Niet gevonden of geen toegang.",
                }
            ],
        }
    )
    assert not Assessment.objects.exists()


def test_refused_attempts_are_logged(world):
    before = AccessEvent.objects.count()
    for actor in ("outsider", "other_coalition_professional", "coordinator"):
        _post(actor, world, judgement_response(world))
    events = AccessEvent.objects.order_by("id")[before:]
    assert [(e.user_id, e.family_id, e.action, e.authorisation) for e in events] == [
        (world.actors[actor].pk, world.family.pk, AccessEvent.Action.UPDATE, False)
        for actor in ("outsider", "other_coalition_professional", "coordinator")
    ]
