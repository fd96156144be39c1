"""Authorization matrix rows for reading a recorded screening as a FHIR QuestionnaireResponse;
merged into the matrix test.

The screening is family data: it follows family access, as the family's assessments
(`api:assessment_list`): those on the care team and the break-the-glass visitor read it;
everyone else, coordinators, analysts and administrators included, gets "not found". The API
answers 401 to anonymous callers (an OperationOutcome, as every FHIR error). Any other path
under `/api/v1/fhir/` is "not found" to everyone.
"""

from kansrijk.signaling.services import assessment_record
from kansrijk.testing.matrix import Row, World, everyone, family_only


def _recorded_screening(world: World) -> dict:
    """A finished professional judgement of the world's family."""
    assessment = assessment_record(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        instrument_key="professioneel-oordeel",
        answers={"niveau": "potentially_vulnerable", "reden": "Weinig steun in de buurt."},
    )
    return {"pk": assessment.pk}


ROWS: dict[str, Row] = {
    "api:fhir_questionnaire_response_detail": Row(
        {**family_only(), "anonymous": 401}, kwargs=_recorded_screening
    ),
    # Any other path under /api/v1/fhir/: "not found" (an OperationOutcome) for everyone.
    "api:fhir_unknown": Row(everyone(404, anonymous=404)),
}
