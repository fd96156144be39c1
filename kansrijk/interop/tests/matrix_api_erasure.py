"""Authorization matrix rows for inzage and erasure through the API
(kansrijk/interop/api_erasure.py); merged into the matrix test.

As the pages (kansrijk/interop/tests/matrix_inzage.py), with 401 instead of a login page:
the export and the request are the current case director's (the care-team member and the
break-the-glass visitor get 403, everyone without a ground "not found"); the list and the
decisions are for coordinators (403 for everyone else). The writes are posted without input,
so that who may act gets 400 (no reason, no reference typed over) and nothing changes.
"""

from kansrijk.interop.tests.matrix_inzage import _directed_family
from kansrijk.testing.matrix import Row, only

CASE_DIRECTOR = {
    **only(["case_director"], others=404, anonymous=401),
    "care_team_member": 403,
    "break_the_glass": 403,
}
ASKING = {**CASE_DIRECTOR, "case_director": 400}
COORDINATORS = only(["coordinator"], anonymous=401)
DECIDING = only(["coordinator"], 400, anonymous=401)

ROWS: dict[str, Row] = {
    "api:family_inzage": Row(CASE_DIRECTOR, kwargs=_directed_family),
    "api:family_erasure_request": Row(ASKING, method="post", kwargs=_directed_family),
    "api:erasure_request_list": Row(COORDINATORS),
    "api:erasure_request_confirm": Row(
        DECIDING, method="post", kwargs=lambda world: {"pk": world.family.pk}
    ),
    "api:erasure_request_decline": Row(
        DECIDING, method="post", kwargs=lambda world: {"pk": world.family.pk}
    ),
}
