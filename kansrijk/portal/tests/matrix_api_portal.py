"""Authorization matrix rows of the professionals' side of the family portal through the API:
inviting family members (kansrijk/portal/api_invite.py) and answering their questions about
accesses (kansrijk/portal/api_questions.py); merged into the matrix test.

Inviting and revoking are the case director's: others with a ground on the family get 403,
everyone else "not found" (404). The questions are the coordinators' and the case
director's; every other professional gets 403. Anonymous callers, and family members (the
API knows no portal session), get 401. Answering is posted without an answer: 400 for those
who may answer.
"""

from kansrijk.families.models import PersonRole
from kansrijk.families.services import person_add
from kansrijk.portal.tests.matrix_choices import _question, _questions
from kansrijk.testing.matrix import Row, World, family_kwargs, family_only, only
from kansrijk.testing.portal import make_account

DIRECTOR_ONLY = {
    **family_only(["case_director", "care_team_member", "break_the_glass"]),
    "care_team_member": 403,
    "break_the_glass": 403,
    "anonymous": 401,
}


def _partner_account(world: World) -> dict:
    """An account of the family's partner, so that revoking it leaves the world's own
    family member logged in."""
    partner = person_add(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        data={
            "role": PersonRole.PARTNER,
            "first_name": "Jan",
            "last_name": "Bakker",
            "email": "jan@example.org",
        },
    )
    account = make_account(partner, world.cast.case_director)
    return {"pk": world.family.pk, "account": account.pk}


def _answerers(outcome) -> dict:
    return only(["coordinator", "case_director"], outcome, others=403, anonymous=401)


ROWS: dict[str, Row] = {
    "api:portal_invitations": Row(DIRECTOR_ONLY, kwargs=family_kwargs),
    # Only the case director revokes (first among the actors), the others are refused.
    "api:portal_invitation_revoke": Row({**DIRECTOR_ONLY}, method="post", kwargs=_partner_account),
    "api:access_question_list": Row(_answerers(200), kwargs=_questions),
    "api:access_question_detail": Row(_answerers(200), kwargs=_question),
    "api:access_question_answer": Row(_answerers(400), method="post", kwargs=_question),
}
