"""Authorization matrix rows for the failed tasks and mails through the API
(kansrijk/organisations/api_admin_operations.py); merged into the matrix test.

The page's policy (kansrijk/core/tests/matrix_tasks.py), with 401 instead of a login page:
administrators of a coalition list failed tasks and mails and try them again; every other
professional, the coordinator and the analyst get 403. The retries act on a failed task and a
failed mail of the coalition made for the row: the administrator's retry succeeds, everyone
else is refused before the lookup.
"""

from kansrijk.testing.matrix import Row, World, only
from kansrijk.testing.operations import failed_mail, failed_task

ADMINISTRATOR = only(["administrator"], anonymous=401)


def _task(world: World) -> dict:
    return {"pk": failed_task().pk}


def _mail(world: World) -> dict:
    return {"pk": failed_mail(world.cast.coalition).pk}


ROWS: dict[str, Row] = {
    "api:admin_operations_task_list": Row(ADMINISTRATOR),
    "api:admin_operations_task_retry": Row(ADMINISTRATOR, method="post", kwargs=_task),
    "api:admin_operations_mail_list": Row(ADMINISTRATOR),
    "api:admin_operations_mail_retry": Row(ADMINISTRATOR, method="post", kwargs=_mail),
}
