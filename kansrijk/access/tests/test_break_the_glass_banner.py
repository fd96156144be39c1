"""The banner on every page while the professional's emergency access runs."""

from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import BreakTheGlass
from kansrijk.access.services import break_the_glass_open
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

BANNER = 'data-testid="break-the-glass-banner"'
START = "2030-03-18 09:00 +01:00"


def _open(cast, family):
    return break_the_glass_open(
        user=cast.outsider,
        family_pk=family.pk,
        reason="acute_care",
        explanation="Cliënt belt met bloedverlies, zorgteam niet bereikbaar.",
    )


def test_the_banner_shows_while_active_and_is_gone_after_three_hours(cast, cast_family):
    with time_machine.travel(START, tick=False):
        _open(cast, cast_family)
        page = logged_in_client(cast.outsider).get(reverse("core:home")).content.decode()
        assert BANNER in page
        assert cast_family.reference in page
        assert f'href="/gezinnen/{cast_family.pk}/"' in page
        assert "18 maart 2030 12:00" in page  # until when

    with time_machine.travel("2030-03-18 11:59 +01:00", tick=False):
        client = logged_in_client(cast.outsider)
        assert BANNER in client.get(reverse("access:account")).content.decode()

    with time_machine.travel("2030-03-18 12:00 +01:00", tick=False):
        client = logged_in_client(cast.outsider)
        assert BANNER not in client.get(reverse("core:home")).content.decode()


def test_others_see_no_banner(cast, cast_family):
    _open(cast, cast_family)
    page = logged_in_client(cast.case_director).get(reverse("core:home")).content.decode()
    assert BANNER not in page


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    banner = [q for q in queries.captured_queries if "access_breaktheglass" in q["sql"]]
    assert len(banner) == 1, banner
    return len(queries)


def test_the_banner_costs_one_query_however_many_accesses_run(cast, cast_family):
    client = logged_in_client(cast.outsider)
    client.get(reverse("core:home"))  # the first request also refreshes the session
    without = _home_queries(client)
    _open(cast, cast_family)
    one = _home_queries(client)
    for _ in range(3):
        _open(cast, make_family(cast))
    four = _home_queries(client)
    assert BreakTheGlass.objects.active().filter(user=cast.outsider).count() == 4
    # Without an access the banner query runs too (and finds nothing): the same count.
    assert without == one == four


def test_the_banner_lists_every_running_access(cast, cast_family):
    other = make_family(cast)
    _open(cast, cast_family)
    with time_machine.travel(timedelta(hours=1)):
        _open(cast, other)
        page = logged_in_client(cast.outsider).get(reverse("core:home")).content.decode()
    assert cast_family.reference in page
    assert other.reference in page


def test_the_unread_count_and_the_banner_are_one_query_and_count_right(cast, cast_family):
    """Read together (the professional joined to each running access): the number of unread
    notifications is not multiplied by the accesses, and is there without any access."""
    from django.utils import timezone

    from kansrijk.core.models import Notification

    def notify(read: bool):
        Notification.objects.create(
            recipient=cast.outsider,
            coalition=cast_family.coalition,
            text="Bericht",
            read_at=timezone.now() if read else None,
        )

    def header(client) -> str:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("core:home")).content.decode()
        together = [
            q["sql"]
            for q in queries.captured_queries
            if "core_notification" in q["sql"] or "access_breaktheglass" in q["sql"]
        ]
        assert len(together) == 1, together
        return page.split('data-testid="notifications-link"', 1)[1].split("</a>", 1)[0]

    client = logged_in_client(cast.outsider)
    assert "(0<" in header(client)
    for read in [False, False, True, False]:
        notify(read)
    assert "(3<" in header(client)
    _open(cast, cast_family)
    for _ in range(2):
        _open(cast, make_family(cast))
    page = client.get(reverse("core:home")).content.decode()
    assert page.count("<li>Gezin <a") == 3
    assert "(3<" in header(client)
