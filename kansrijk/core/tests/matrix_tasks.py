"""Authorization matrix rows for the faults page under Beheer ("Taken en e-mails"); merged
into the matrix test.

The page and its "Opnieuw proberen" buttons are for administrators of the active coalition;
every other professional, the coordinator and the analyst get 403, and without a session the
pages send to the login page. The retry rows name a task and a mail that do not exist: the
administrator gets 404, everyone else is refused before the lookup.
"""

from kansrijk.testing.matrix import Row, only

ADMINISTRATORS = ["administrator"]
MISSING_TASK = "00000000-0000-4000-8000-000000000000"
MISSING_MAIL = 999999

ROWS: dict[str, Row] = {
    "core:operations": Row(only(ADMINISTRATORS)),
    "core:operations_task_retry": Row(
        only(ADMINISTRATORS, 404), method="post", kwargs=lambda world: {"pk": MISSING_TASK}
    ),
    "core:operations_mail_retry": Row(
        only(ADMINISTRATORS, 404), method="post", kwargs=lambda world: {"pk": MISSING_MAIL}
    ),
}
