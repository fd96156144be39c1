"""Authorization matrix rows for the landscape part; merged into the matrix test.

The regional landscape and the comparison within one VSV are read by coordinators and
analysts of the active coalition (for its region); managing partnerships (a coordinator of
any coalition in the region: here the active coalition's) and the coalition's central
reporting points is for coordinators; everyone else 403. The POSTs are covered by
`test_landscape_permissions.py`.
"""

from kansrijk.testing.landscape import municipality_kwargs, partnership_kwargs, vsv_kwargs
from kansrijk.testing.matrix import Row, only

READERS = only(["coordinator", "analyst"])
COORDINATOR = only(["coordinator"])

ROWS: dict[str, Row] = {
    "landscape:landscape": Row(READERS),
    "landscape:vsv_compare": Row(READERS, kwargs=vsv_kwargs),
    "landscape:partnership_create": Row(COORDINATOR),
    "landscape:partnership_edit": Row(COORDINATOR, kwargs=partnership_kwargs),
    "landscape:partnership_delete": Row(COORDINATOR, kwargs=partnership_kwargs),
    "landscape:central_point_edit": Row(COORDINATOR, kwargs=municipality_kwargs),
}
