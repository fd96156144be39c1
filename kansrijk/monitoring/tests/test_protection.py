"""Small numbers stay hidden between tables (`protection`): a year minus its other quarters,
a coalition minus its other municipalities, a quarter minus its other months; and every
door (dashboard, API, published document) shows a table the same way. Only the fake
indicators of kansrijk/testing/monitoring_dashboard.py are registered ("test-nieuw": the
families registered in the period, additive over time)."""

from datetime import date, timedelta

import pytest
import time_machine

from kansrijk.monitoring.federation.document import build_document
from kansrijk.monitoring.periods import Period
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.monitoring_dashboard import (  # noqa: F401 (fixture)
    fake_indicators,
    registered_families,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("fake_indicators"),
]

DASHBOARD = "/monitoring/"
API = "/api/v1/monitoring/indicators/"
TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _api_count(client, period: str, **params) -> str:
    body = client.get(API, {"period": period, **params}).json()
    indicator = next(i for i in body["indicators"] if i["code"] == "test-nieuw")
    return indicator["cells"][0]["numerator"]


def _dashboard_count(client, period: str, **params) -> str:
    content = client.get(DASHBOARD, {"periode": period, **params}).content.decode()
    start = content.index('data-code="test-nieuw"')
    part = content[start : content.index("</article>", start)]
    marker = 'data-testid="cell-numerator">'
    begin = part.index(marker) + len(marker)
    return part[begin : part.index("<", begin)].replace("&lt;", "<")


def _document_count(coalition, period: str) -> object:
    document = build_document(coalition, Period.parse(period), version=1)
    indicator = next(i for i in document["indicators"] if i["code"] == "test-nieuw")
    return indicator["cells"][0]["numerator"]


def test_a_small_quarter_cannot_be_had_as_the_year_minus_the_other_three(cast):
    for quarter, number in (("2026-Q1", 5), ("2026-Q2", 20), ("2026-Q3", 30)):
        day = Period.parse(quarter).first + timedelta(days=40)
        registered_families(cast.coalition, cast.coordinator, day, number)
    registered_families(cast.coalition, cast.coordinator, date(2026, 10, 10), 12)
    client = logged_in_client(cast.analyst)

    # Each quarter as it is asked for: the first one is small.
    assert _api_count(client, "2026-Q1") == "<10"
    assert _api_count(client, "2026-Q2") == "20"
    assert _api_count(client, "2026-Q3") == "30"
    assert _api_count(client, "2026-Q4") == "12"
    # 67 for the year would give the 5 away (67 - 20 - 30 - 12).
    assert _api_count(client, "2026") == "x"
    assert _dashboard_count(client, "2026") == "x"
    assert _document_count(cast.coalition, "2026") == "x"


def test_a_year_of_quarters_of_ten_or_more_is_shown(cast):
    for quarter, number in (("2026-Q1", 15), ("2026-Q2", 20), ("2026-Q3", 30)):
        registered_families(
            cast.coalition,
            cast.coordinator,
            Period.parse(quarter).first + timedelta(days=40),
            number,
        )
    registered_families(cast.coalition, cast.coordinator, date(2026, 10, 10), 12)
    client = logged_in_client(cast.analyst)

    assert _api_count(client, "2026") == "77"


def test_a_small_municipality_cannot_be_had_as_the_coalition_minus_the_others(cast):
    first = cast.coalition.municipalities.order_by("pk").first()
    second = MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9503", name="Derdedorp")
    day = date(2026, 8, 5)
    registered_families(cast.coalition, cast.coordinator, day, 25, municipality=first)
    registered_families(cast.coalition, cast.coordinator, day, 4, municipality=second)
    client = logged_in_client(cast.coordinator)

    # The coalition's 29 stays: the larger municipality's 25 is hidden instead (29 - 25).
    assert _api_count(client, "2026-Q3") == "29"
    assert _api_count(client, "2026-Q3", municipality="GM9503") == "<10"
    assert _api_count(client, "2026-Q3", municipality=first.cbs_code) == "x"
    assert _dashboard_count(client, "2026-Q3", gemeente=first.pk) == "x"


def test_a_small_month_cannot_be_had_as_the_quarter_minus_the_other_months(cast):
    for day, number in ((date(2026, 7, 3), 15), (date(2026, 8, 3), 3), (date(2026, 9, 3), 22)):
        registered_families(cast.coalition, cast.coordinator, day, number)
    client = logged_in_client(cast.analyst)

    assert _api_count(client, "2026-Q3") == "40"
    assert _api_count(client, "2026-08") == "<10"
    # 15 would give the 3 away (40 - 15 - 22): the smaller of the other two is hidden.
    assert _api_count(client, "2026-07") == "x"
    assert _api_count(client, "2026-09") == "22"
    assert _dashboard_count(client, "2026-07") == "x"
