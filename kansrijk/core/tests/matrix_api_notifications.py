"""Authorization matrix rows for the notifications API; merged into the matrix test.

As on the page: every logged-in professional reads and marks their own notifications; without
a session or token 401. One notification belongs to one person: for everyone else its id is
"not found" (404), which test_api_notifications.py shows leaves it unread.
"""

from kansrijk.core.models import Notification
from kansrijk.testing.matrix import Row, World, everyone, only


def _case_directors_notification(world: World) -> dict:
    notification = Notification.objects.create(
        recipient=world.cast.case_director, coalition=world.cast.coalition, text="Test"
    )
    return {"pk": notification.pk}


ROWS: dict[str, Row] = {
    "api:notification_list": Row(everyone(200, anonymous=401)),
    "api:notification_read_all": Row(everyone(200, anonymous=401), method="post"),
    "api:notification_read": Row(
        only(["case_director"], others=404, anonymous=401),
        method="post",
        kwargs=_case_directors_notification,
    ),
}
