"""A recorded screening is read back as a FHIR QuestionnaireResponse at the POST's `Location`,
by those who may see the family only (404 for everyone else, as an OperationOutcome), and the
read is in the access log."""

import pytest
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from kansrijk.access.models import AccessEvent
from kansrijk.signaling.services import assessment_start
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.interop_screening import FHIR_JSON, fill, post_response, questionnaire_path

pytestmark = pytest.mark.django_db

JUDGEMENT = "professioneel-oordeel"
ANSWERS = {"niveau": "vulnerable", "reden": "Geen steun; zorgen over veiligheid thuis."}


def _record(client, family_pk: int):
    questionnaire = client.get(questionnaire_path(JUDGEMENT)).json()
    response = post_response(client, fill(questionnaire, ANSWERS, family_pk=family_pk))
    assert response.status_code == 201, response.content
    return response


def _not_found(response) -> None:
    assert response.status_code == 404
    assert response["Content-Type"] == FHIR_JSON
    outcome = OperationOutcome.model_validate(response.json())
    assert [(issue.code, issue.diagnostics) for issue in outcome.issue] == [
        ("not-found", "Niet gevonden of geen toegang.")
    ]


def test_the_location_of_a_recorded_screening_gives_it_back(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    posted = _record(client, cast_family.pk)
    stored = posted.json()
    assert posted["Location"] == (
        f"http://testserver/api/v1/fhir/QuestionnaireResponse/{stored['id']}"
    )
    last_event = AccessEvent.objects.order_by("-id").values_list("id", flat=True).first()

    response = client.get(posted["Location"])

    assert response.status_code == 200
    assert response["Content-Type"] == FHIR_JSON
    assert response.json() == stored
    resource = QuestionnaireResponse.model_validate(response.json())
    assert resource.status == "completed"
    assert resource.subject.reference == f"urn:kansrijk:family:{cast_family.pk}"
    # Reading it is a read of the family's file, by the reader, in the access log.
    events = AccessEvent.objects.filter(id__gt=last_event)
    assert [(e.action, e.family_id, e.user_id) for e in events] == [
        (AccessEvent.Action.READ, cast_family.pk, cast.care_team_member.pk)
    ]


def test_a_draft_is_in_progress(cast, cast_family):
    draft = assessment_start(
        actor=cast.case_director, family_pk=cast_family.pk, instrument_key=JUDGEMENT
    )
    response = logged_in_client(cast.case_director).get(
        f"/api/v1/fhir/QuestionnaireResponse/{draft.pk}"
    )
    assert response.status_code == 200
    assert QuestionnaireResponse.model_validate(response.json()).status == "in-progress"


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst", "administrator"]
)
def test_whoever_may_not_see_the_family_gets_not_found(cast, cast_family, actor):
    stored = _record(logged_in_client(cast.case_director), cast_family.pk).json()
    _not_found(
        logged_in_client(getattr(cast, actor)).get(
            f"/api/v1/fhir/QuestionnaireResponse/{stored['id']}"
        )
    )
    assert not AccessEvent.objects.filter(
        user=getattr(cast, actor), action=AccessEvent.Action.READ, authorisation=True
    ).exists()


@pytest.mark.parametrize("pk", ["999999", "abc", "1.5", "9" * 30])
def test_an_id_that_is_no_screening_is_not_found(cast, pk):
    _not_found(logged_in_client(cast.case_director).get(f"/api/v1/fhir/QuestionnaireResponse/{pk}"))


def test_without_a_login_the_answer_is_401_as_an_operation_outcome(client, cast, cast_family):
    stored = _record(logged_in_client(cast.case_director), cast_family.pk).json()
    response = client.get(f"/api/v1/fhir/QuestionnaireResponse/{stored['id']}")
    assert response.status_code == 401
    assert response["Content-Type"] == FHIR_JSON
    assert OperationOutcome.model_validate(response.json()).issue[0].code == "login"
