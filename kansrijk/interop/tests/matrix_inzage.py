"""Authorization matrix rows for inzage and erasure; merged into the matrix test.

Inzage follows family access and then narrows it to the current case director (DESIGN.md
section 5, need to know: the one who hands the export to the family): the care-team member
and the break-the-glass visitor are refused (403), everyone without a ground gets "not
found". Erasure is confirmed by a coordinator of the active coalition; everyone else 403.
"""

from kansrijk.care.models import CaseDirector
from kansrijk.care.services_handovers import case_director_set
from kansrijk.testing.matrix import Row, World, only

CASE_DIRECTOR = {
    **only(["case_director"], others=404),
    "care_team_member": 403,
    "break_the_glass": 403,
}
COORDINATORS = only(["coordinator"])


def _directed_family(world: World) -> dict:
    family = world.family
    if not CaseDirector.objects.current().filter(family=family).exists():
        case_director_set(
            actor=world.cast.case_director,
            family_pk=family.pk,
            professional=world.cast.case_director,
        )
    return {"pk": family.pk}


ROWS: dict[str, Row] = {
    "interop:inzage": Row(CASE_DIRECTOR, kwargs=_directed_family),
    "interop:inzage_json": Row(CASE_DIRECTOR, kwargs=_directed_family),
    "interop:inzage_pdf": Row(CASE_DIRECTOR, kwargs=_directed_family),
    "interop:erasure_request": Row(CASE_DIRECTOR, kwargs=_directed_family),
    "interop:erasure_list": Row(COORDINATORS),
    # The confirmation page, without an open request; its POST goes through the same check.
    "interop:erasure_confirm": Row(COORDINATORS, kwargs=lambda world: {"pk": world.family.pk}),
}
