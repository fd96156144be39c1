"""Authorization matrix rows for a family's timeline and the history of its data through the
API (kansrijk/families/api_timeline.py); merged into the matrix test.

Reads of the family, as the pages, with 401 instead of a login page: the care team and a
professional who broke the glass read them; to everyone else, coordinators, analysts and
administrators included, the family does not exist (404).
"""

from kansrijk.testing.matrix import Row, family_kwargs, family_only

FAMILY = {**family_only(), "anonymous": 401}

ROWS: dict[str, Row] = {
    "api:family_timeline": Row(FAMILY, kwargs=family_kwargs),
    "api:family_history": Row(FAMILY, kwargs=family_kwargs),
}
