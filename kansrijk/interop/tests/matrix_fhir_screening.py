"""Authorization matrix rows for screening in FHIR; merged into the matrix test.

A Questionnaire holds no family data: everyone working in a coalition reads it, as the
instrument itself (`api:instrument_detail`). The QuestionnaireResponse is a POST-only FHIR
endpoint: the matrix's client posts a form, which it refuses before anything is read (415,
an OperationOutcome) once logged in, and 401 without a login. The real writes, with a
QuestionnaireResponse about the world's family, are `WRITE_ROWS`, checked for every actor by
test_fhir_screening_authorization_writes.py: those who may change the family (care team,
break-the-glass) record it (201), everyone else gets "not found" (404).
"""

from kansrijk.testing.matrix import Row, World, everyone, family_only

JUDGEMENT = "professioneel-oordeel"


def judgement_response(world: World) -> dict:
    """A complete professional judgement about the world's family, as a record system sends."""
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"urn:kansrijk:questionnaire:{JUDGEMENT}|1",
        "status": "completed",
        "subject": {"reference": f"urn:kansrijk:family:{world.family.pk}"},
        "item": [
            {
                "linkId": "oordeel",
                "item": [
                    {
                        "linkId": "niveau",
                        "answer": [
                            {
                                "valueCoding": {
                                    "system": f"urn:kansrijk:questionnaire:{JUDGEMENT}:niveau",
                                    "code": "potentially_vulnerable",
                                }
                            }
                        ],
                    },
                    {"linkId": "reden", "answer": [{"valueString": "Weinig steun in de buurt."}]},
                ],
            }
        ],
    }


ROWS: dict[str, Row] = {
    "api:fhir_questionnaire": Row(
        everyone(200, anonymous=401), kwargs=lambda world: {"key": "r4u-kansrijk"}
    ),
    # A form is no FHIR resource: refused (415) before anything is read.
    "api:fhir_questionnaire_response": Row(everyone(415, anonymous=401), method="post"),
}

WRITE_ROWS: dict[str, Row] = {
    "api:fhir_questionnaire_response": Row(
        {**family_only(outcome=201), "anonymous": 401},
        method="post",
        data=judgement_response,
    ),
}
