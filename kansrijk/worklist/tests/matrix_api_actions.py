"""Authorization matrix rows for the work queue's actions on a family through the API
(api_actions.py); merged into the matrix test.

They are writes of the family file: those with a ground for the family (the care team,
break-the-glass) may, everyone else gets "not found" (404, the refusal logged), and without
a session or token 401. Each action leaves one open task: the case director (first in
`ACTORS`) makes it (201); the next ones with a ground are refused in Dutch because it is
already there (400), which still shows they got past the access policy.
"""

from kansrijk.testing.matrix import Row, family_kwargs, family_only

_DONE_ONCE = {"care_team_member": 400, "break_the_glass": 400}

ROWS: dict[str, Row] = {
    "api:family_jgz_contact": Row(
        {**family_only(outcome=201), "anonymous": 401, **_DONE_ONCE},
        method="post",
        kwargs=family_kwargs,
    ),
    "api:family_aftercare": Row(
        {**family_only(outcome=201), "anonymous": 401, **_DONE_ONCE},
        method="post",
        kwargs=family_kwargs,
        data={"agreement": "JGZ ziet het gezin op het consultatiebureau."},
    ),
}
