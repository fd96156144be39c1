"""Authorization matrix rows for the agreements part; merged into the matrix test.

Agreements are coalition data without families: the list is read by coordinators and
analysts of the active coalition; recording, changing and deleting (the form and the
confirmation pages) are for coordinators; everyone else 403. The POSTs behind the forms are
covered by `test_agreement_permissions.py`.
"""

from kansrijk.testing.landscape import agreement_kwargs
from kansrijk.testing.matrix import Row, only

READERS = only(["coordinator", "analyst"])
COORDINATOR = only(["coordinator"])

ROWS: dict[str, Row] = {
    "landscape:agreement_list": Row(READERS),
    "landscape:agreement_create": Row(COORDINATOR),
    "landscape:agreement_edit": Row(COORDINATOR, kwargs=agreement_kwargs),
    "landscape:agreement_delete": Row(COORDINATOR, kwargs=agreement_kwargs),
}
