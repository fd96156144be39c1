"""The coalition's monitoring dashboard: the default period (the last full quarter), the
period and municipality filters with their Dutch errors, every figure suppressed, the
comparison with the previous period, the trend per month, the definitions and the empty
state. Only fake indicators are registered (kansrijk/testing/monitoring_dashboard.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from kansrijk.monitoring.periods import Period
from kansrijk.monitoring.selectors_dashboard import default_period
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.monitoring_dashboard import (  # noqa: F401 (fixture)
    fake_indicators,
    registered_families,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_indicators")]

URL = "/monitoring/"


def _indicator(response, code: str) -> str:
    content = response.content.decode()
    start = content.index(f'data-code="{code}"')
    return content[start : content.index("</article>", start)]


def _month_days(period: Period):
    return [month.first + timedelta(days=4) for month in period.months()]


def test_the_url_is_the_dashboard():
    assert reverse("monitoring:dashboard") == URL


def test_the_dashboard_shows_the_last_full_quarter_with_suppressed_figures(cast):
    period = default_period()
    first, second, third = _month_days(period)
    registered_families(cast.coalition, cast.coordinator, first, 10, low_income=True)
    registered_families(cast.coalition, cast.coordinator, second, 11, interpreter_needed=True)
    registered_families(cast.coalition, cast.coordinator, third, 12)

    response = logged_in_client(cast.analyst).get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert period.label in content
    assert period.previous().label in content
    new = _indicator(response, "test-nieuw")
    assert 'data-testid="cell-numerator">33<' in new
    assert 'data-testid="cell-previous">&lt;10<' in new  # nothing in the quarter before
    assert 'data-testid="cell-difference">—<' in new
    # The trend: every month of the quarter has at least 10, so each is shown.
    for month, count in zip(period.months(), (10, 11, 12), strict=True):
        assert f'data-month="{month.code}"' in new
        assert f"{month.label}: {count}" in new  # the point's <title> in the SVG
    interpreter = _indicator(response, "test-tolk")
    assert 'data-testid="cell-numerator">11<' in interpreter
    assert 'data-testid="cell-share">33,3%<' in interpreter
    income = _indicator(response, "test-inkomen")
    assert 'data-testid="cell-numerator">33<' in income  # the total
    # All 10 low-income families came in the first month: with the months' own tables
    # ("<10" low income in the other two), 10 would say those months had none. So the
    # split is hidden, and the total stays.
    assert 'data-testid="cell-numerator">10<' not in income
    assert 'data-testid="cell-numerator">23<' not in income
    assert income.count('data-testid="cell-numerator">x<') == 2
    median = _indicator(response, "test-mediaan")
    assert "12,5 dagen" in median
    assert reverse("monitoring:definition", args=["test-nieuw"]) in new


def test_small_numbers_show_as_less_than_10_and_their_complement_as_x(cast):
    day = _month_days(default_period())[0]
    registered_families(cast.coalition, cast.coordinator, day, 4, low_income=True)
    registered_families(cast.coalition, cast.coordinator, day, 20)

    response = logged_in_client(cast.coordinator).get(URL)

    income = _indicator(response, "test-inkomen")
    assert 'data-testid="cell-numerator">&lt;10<' in income
    assert 'data-testid="cell-numerator">x<' in income
    assert 'data-testid="cell-numerator">24<' in income
    assert ">4<" not in income
    assert ">20<" not in income
    # One month with families, two empty ones: the quarter would give the month away.
    new = _indicator(response, "test-nieuw")
    assert 'data-testid="cell-numerator">24<' in new
    assert ": 24</title>" not in new


def test_a_month_or_a_typed_year_can_be_chosen(cast):
    period = default_period()
    month = period.months()[1]
    client = logged_in_client(cast.coordinator)

    by_month = client.get(URL, {"periode": month.code})
    by_year = client.get(URL, {"periode": period.code, "code": str(period.first.year)})

    assert by_month.status_code == 200
    assert f"<strong>{month.label}</strong>" in by_month.content.decode()
    assert by_year.status_code == 200
    assert f"<strong>{period.first.year}</strong>" in by_year.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"periode": "2026-Q5"}, "Geef een periode als jaar (2026), kwartaal (2026-Q3)"),
        ({"code": "vorig jaar"}, "Geef een periode als jaar (2026), kwartaal (2026-Q3)"),
        ({"code": "1999"}, "Kies een jaar tussen 2000 en 2100."),
    ],
)
def test_a_bad_period_gets_a_dutch_error_and_the_default_period(cast, data, message):
    response = logged_in_client(cast.coordinator).get(URL, data)

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert f"<strong>{default_period().label}</strong>" in content


def test_a_municipality_of_the_coalition_narrows_the_figures(cast):
    day = _month_days(default_period())[0]
    other = MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9511", name="Derdedorp")
    registered_families(cast.coalition, cast.coordinator, day, 12)
    registered_families(cast.coalition, cast.coordinator, day, 15, municipality=other)
    client = logged_in_client(cast.coordinator)

    everywhere = _indicator(client.get(URL), "test-nieuw")
    response = client.get(URL, {"gemeente": other.pk})

    assert 'data-testid="cell-numerator">27<' in everywhere
    assert response.status_code == 200
    assert 'data-testid="cell-numerator">15<' in _indicator(response, "test-nieuw")
    assert "gemeente Derdedorp" in response.content.decode()


def test_a_municipality_of_another_coalition_is_refused(cast):
    foreign = cast.other_coalition.municipalities.get()

    response = logged_in_client(cast.coordinator).get(URL, {"gemeente": foreign.pk})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Kies een gemeente van je coalitie, of alle gemeenten." in content
    assert "alle gemeenten, vergeleken met" in content
    assert "Tweededorp" not in content


def test_without_families_the_dashboard_says_nothing_counts_yet(cast):
    response = logged_in_client(cast.coordinator).get(URL)

    assert 'data-testid="dashboard-empty"' in response.content.decode()
    assert 'data-testid="indicator"' not in response.content.decode()


def test_the_definition_shows_what_is_counted_and_its_version(cast):
    response = logged_in_client(cast.analyst).get(
        reverse("monitoring:definition", args=["test-tolk"])
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Gezinnen met een tolk" in content
    assert "Nieuwe gezinnen die een tolk nodig hebben." in content
    assert "families.Family.interpreter_needed" in content
    assert "Indicator test-tolk, versie 1" in content


def test_an_unknown_definition_is_not_found(cast):
    response = logged_in_client(cast.coordinator).get(
        reverse("monitoring:definition", args=["bestaat-niet"])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("actor", ["case_director", "outsider", "administrator"])
def test_professionals_and_administrators_get_nothing(cast, actor):
    client = logged_in_client(getattr(cast, actor))

    for name in ("monitoring:dashboard", "monitoring:export", "monitoring:report"):
        assert client.get(reverse(name)).status_code == 403, name
    url = reverse("monitoring:definition", args=["test-nieuw"])
    assert client.get(url).status_code == 403


def test_the_menu_shows_monitoring_to_coordinators_and_analysts_only(cast):
    for actor, shown in (("coordinator", True), ("analyst", True), ("case_director", False)):
        content = logged_in_client(getattr(cast, actor)).get("/").content.decode()
        assert (f'href="{URL}"' in content) is shown, actor


def test_a_month_the_trend_hides_is_hidden_in_the_table_too(cast):
    period = default_period()
    first, second, third = period.months()
    for month, number in ((first, 12), (second, 5), (third, 20)):
        registered_families(cast.coalition, cast.coordinator, month.first, number)

    response = logged_in_client(cast.coordinator).get(URL, {"periode": first.code})

    new = _indicator(response, "test-nieuw")
    # 12 would give the 5 of the next month away (the quarter's 37 minus 12 and 20).
    assert 'data-testid="cell-numerator">x<' in new
    assert ">12<" not in new
    assert f"{first.label}: x" in new  # the trend hides it the same way


def test_a_quarter_of_three_small_months_hides_its_own_count(cast):
    period = default_period()
    for month in period.months():
        registered_families(cast.coalition, cast.coordinator, month.first, 9)

    response = logged_in_client(cast.coordinator).get(URL)

    new = _indicator(response, "test-nieuw")
    # 27 with three months of "<10" would say each month had 9.
    assert 'data-testid="cell-numerator">x<' in new
    assert ">27<" not in new
