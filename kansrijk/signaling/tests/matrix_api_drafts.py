"""Authorization matrix rows for one screening of a family through the API
(kansrijk/signaling/api_drafts.py); merged into the matrix test.

Reading a draft is a read of the family, as the questionnaire page: the care team and a
professional who broke the glass read it; to everyone else, coordinators, analysts and
administrators included, the family does not exist (404), and anonymous callers get 401.
"""

from kansrijk.signaling.services import assessment_start
from kansrijk.testing.matrix import Row, World, family_only


def _draft_assessment(world: World) -> dict:
    draft = assessment_start(
        actor=world.cast.case_director, family_pk=world.family.pk, instrument_key="r4u-kansrijk"
    )
    return {"pk": world.family.pk, "assessment_pk": draft.pk}


ROWS: dict[str, Row] = {
    "api:assessment_detail": Row({**family_only(), "anonymous": 401}, kwargs=_draft_assessment),
}
