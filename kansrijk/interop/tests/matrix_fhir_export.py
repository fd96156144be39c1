"""Authorization matrix rows for the FHIR export of a family file; merged into the matrix test.

The export follows family access, like the file itself: those on the care team and the
break-the-glass visitor get it; everyone else, coordinators, analysts and administrators
included, gets "not found". The API answers 401 to anonymous callers.
"""

from kansrijk.testing.matrix import Row, family_kwargs, family_only

ROWS: dict[str, Row] = {
    "api:family_fhir": Row({**family_only(), "anonymous": 401}, kwargs=family_kwargs),
}
