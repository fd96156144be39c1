"""Authorization matrix rows for financing's family part; merged into the matrix test.

The family's financing page and API follow family access, like the plan: those on the care
team and the break-the-glass visitor get it; everyone else, coordinators, analysts and
administrators included, gets "not found". The API answers 401 to anonymous callers.
"""

from kansrijk.testing.matrix import Row, family_kwargs, family_only

ROWS: dict[str, Row] = {
    "financing:family": Row(family_only(), kwargs=family_kwargs),
    "api:family_financing": Row({**family_only(), "anonymous": 401}, kwargs=family_kwargs),
}
