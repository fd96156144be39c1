"""Authorization matrix rows for the coalition's access log and emergency access through the
API (kansrijk/families/api_privacy.py); merged into the matrix test.

The pages' policy, with 401 instead of a login page: searching the log, reading and marking
the review list are for coordinators (403 for everyone else). Breaking the glass on a family
is for a professional of its coalition: posted without input, who may break it (off the care
team, an expired access included) gets 400 for the missing reason, and who already sees the
family gets 400 "not needed"; to everyone else the family does not exist (404).
"""

from kansrijk.access.models import BreakTheGlass
from kansrijk.testing.matrix import CARE_TEAM, Row, World, family_kwargs, family_only, only

COORDINATORS = only(["coordinator"], anonymous=401)
MAY_ASK = [*CARE_TEAM, "outsider", "break_the_glass", "break_the_glass_expired"]


def _glass(world: World) -> dict:
    return {"pk": BreakTheGlass.objects.get(user=world.actors["break_the_glass"]).pk}


ROWS: dict[str, Row] = {
    "api:access_log_search": Row(COORDINATORS),
    "api:break_the_glass_list": Row(COORDINATORS),
    "api:break_the_glass_review": Row(COORDINATORS, method="post", kwargs=_glass),
    "api:family_break_the_glass": Row(
        {**family_only(MAY_ASK, outcome=400), "anonymous": 401},
        method="post",
        kwargs=family_kwargs,
    ),
}
