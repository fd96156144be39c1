"""The monitoring API gives coordinators and analysts the suppressed figures of their
coalition for a period (by default the last full quarter) and, if asked, one municipality;
a bad period or municipality is a 400 with a Dutch message; the number of queries does not
grow with the number of families."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.monitoring.api import default_period
from kansrijk.monitoring.indicators import Cell, Definition, Indicator
from kansrijk.monitoring.models import IndicatorSnapshot
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, MunicipalityFactory
from kansrijk.testing.monitoring import monitored_family
from kansrijk.testing.monitoring_api import fake_indicators, families_indicator

pytestmark = pytest.mark.django_db
URL = "/api/v1/monitoring/indicators/"


@pytest.fixture(autouse=True)
def calls():
    calls: list = []
    with fake_indicators(families_indicator(calls)):
        yield calls


@pytest.fixture
def analyst(cast):
    return logged_in_client(cast.analyst)


def make_families(cast, number: int, **fields) -> None:
    for _ in range(number):
        monitored_family(cast.coalition, cast.coordinator, **fields)


def test_the_default_period_is_the_last_full_quarter():
    assert default_period(date(2026, 11, 26)).code == "2026-Q3"
    assert default_period(date(2026, 1, 5)).code == "2025-Q4"


def test_an_analyst_reads_the_suppressed_figures_with_their_definition(cast, analyst):
    make_families(cast, 12)
    make_families(cast, 3, interpreter_needed=True)

    body = analyst.get(URL, {"period": "2026"}).json()

    assert body["coalition"] == {"id": cast.coalition.pk, "name": cast.coalition.name}
    assert body["municipality"] is None
    assert body["period"] == {
        "code": "2026",
        "label": "2026",
        "first": "2026-01-01",
        "last": "2026-12-31",
    }
    (indicator,) = body["indicators"]
    assert indicator["code"] == "test_families"
    assert indicator["version"] == 1
    assert indicator["kind"] == "share"
    assert indicator["definition"]["sources"] == ["Family.created_at", "Family.interpreter_needed"]
    assert indicator["stale"] is False
    assert indicator["total"] is None
    (interpreter,) = indicator["cells"]
    assert interpreter["numerator"] == "<10"
    assert interpreter["denominator"] == "15"
    assert interpreter["percentage"] is None
    assert interpreter["suppressed"] is True


def test_a_count_of_ten_or_more_is_shown_with_its_share(cast, analyst):
    make_families(cast, 10, interpreter_needed=True)
    make_families(cast, 10)

    (indicator,) = analyst.get(URL, {"period": "2026"}).json()["indicators"]

    assert indicator["cells"] == [
        {
            "key": "interpreter",
            "label": "Met tolk",
            "numerator": "10",
            "denominator": "20",
            "percentage": "50.0",
            "value": None,
            "suppressed": False,
        }
    ]


def test_without_a_period_the_last_full_quarter_is_given(cast):
    # The cast's memberships start today, so the clock cannot be turned back here.
    response = logged_in_client(cast.coordinator).get(URL)

    assert response.status_code == 200
    assert response.json()["period"]["code"] == default_period(timezone.localdate()).code


@pytest.mark.parametrize("period", ["2026-Q5", "Q3", "1999", "2026-13"])
def test_a_bad_period_is_refused_in_dutch(cast, analyst, period):
    response = analyst.get(URL, {"period": period})

    assert response.status_code == 400
    assert response.json()["errors"]["period"][0].startswith(("Geef een periode", "Kies een jaar"))


def test_a_municipality_is_given_by_cbs_code_or_id(cast, analyst, calls):
    elsewhere = MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9503", name="Derdedorp")
    make_families(cast, 11, municipality=elsewhere)
    make_families(cast, 12)

    by_code = analyst.get(URL, {"period": "2026", "municipality": "gm9503"}).json()
    computed = len(calls)
    by_id = analyst.get(URL, {"period": "2026", "municipality": str(elsewhere.pk)}).json()

    assert by_code["municipality"] == {
        "id": elsewhere.pk,
        "cbs_code": "GM9503",
        "name": "Derdedorp",
    }
    assert by_code["indicators"][0]["cells"][0]["denominator"] == "11"
    assert by_id == by_code
    assert len(calls) == computed  # the second answer came from the kept figures


@pytest.mark.parametrize("municipality", ["GM9502", "GM0000", "999999", "Tweededorp"])
def test_a_municipality_outside_the_coalition_is_refused(cast, analyst, municipality):
    response = analyst.get(URL, {"municipality": municipality})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "municipality": ["Deze gemeente hoort niet bij je coalitie."]
    }


def test_who_works_in_two_coalitions_names_one(cast):
    MembershipFactory(
        professional=cast.analyst,
        coalition=cast.other_coalition,
        is_professional=False,
        is_analyst=True,
    )
    client = logged_in_client(cast.analyst)

    assert client.get(URL).status_code == 400
    other = client.get(URL, {"coalition": cast.other_coalition.pk}).json()
    assert other["coalition"]["id"] == cast.other_coalition.pk
    assert client.get(URL, {"coalition": 999999}).status_code == 404


def test_another_coalitions_id_is_not_found(cast, analyst):
    assert analyst.get(URL, {"coalition": cast.other_coalition.pk}).status_code == 404


@pytest.mark.parametrize("actor", ["case_director", "outsider", "administrator"])
def test_professionals_and_administrators_get_nothing(cast, actor):
    response = logged_in_client(getattr(cast, actor)).get(URL)

    assert response.status_code == 403
    assert "coördinatoren en analisten" in response.json()["detail"]


def test_without_a_login_the_answer_is_401(client):
    assert client.get(URL).status_code == 401


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"period": "2026"}).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_families(cast, analyst):
    analyst.get(URL, {"period": "2025"})  # the session's first request does more
    make_families(cast, 2)
    cold_few, warm_few = _queries(analyst), _queries(analyst)
    IndicatorSnapshot.objects.all().delete()
    make_families(cast, 25, interpreter_needed=True)
    cold_many, warm_many = _queries(analyst), _queries(analyst)

    assert cold_few == cold_many
    assert warm_few == warm_many
    assert warm_many < cold_many  # the second read only reads the kept figures


def test_the_schema_describes_the_endpoint(cast, analyst):
    schema = analyst.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"][URL]["get"]

    assert operation["tags"] == ["monitoring"]
    assert operation["summary"] == "Indicatoren"
    assert {"200", "400", "403"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"period", "municipality", "coalition"}


def test_a_distribution_hides_the_count_that_would_give_a_small_one_away(cast, analyst):
    def compute(scope, period):
        return [Cell("a", "A", 30, 45), Cell("b", "B", 3, 45), Cell("c", "C", 12, 45)]

    split = Indicator(
        code="test_split",
        version=1,
        title="Verdeling (test)",
        kind="distribution",
        definition=Definition(numerator="Een verdeling"),
        compute=compute,
    )
    with fake_indicators(split):
        (indicator,) = analyst.get(URL, {"period": "2026"}).json()["indicators"]

    assert indicator["total"] == "45"
    assert [cell["numerator"] for cell in indicator["cells"]] == ["30", "<10", "x"]
    assert [cell["suppressed"] for cell in indicator["cells"]] == [False, True, True]
    assert indicator["cells"][0]["percentage"] == "66.7"


@pytest.mark.parametrize("query", [{"coalition": "²"}, {"municipality": "²"}])
def test_odd_digits_are_refused_not_a_server_error(cast, analyst, query):
    """`str.isdigit()` accepts "²", which `int()` refuses: the check wants ASCII digits."""
    response = analyst.get(URL, {"period": "2026", **query})
    assert response.status_code in (400, 404)
