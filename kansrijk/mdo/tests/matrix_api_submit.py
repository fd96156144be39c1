"""Authorization matrix rows for the meetings a family can be submitted for, through the API
(kansrijk/mdo/api_submit.py); merged into the matrix test.

As the page "Aanmelden voor het MDO": the care team gets them; a professional who broke the
glass reads the file but does not submit it (403); to everyone else the family does not
exist (404), and anonymous callers get 401.
"""

from kansrijk.testing.matrix import Row, family_kwargs, family_only

ROWS: dict[str, Row] = {
    "api:family_mdo_meetings": Row(
        {**family_only(), "break_the_glass": 403, "anonymous": 401}, kwargs=family_kwargs
    ),
}
