"""Every form of the financing pages refuses a POST from whoever may not write there (403,
nothing changes), and sends an anonymous visitor to the login page. The matrix rows
(`matrix_rules.py`) cover the GETs; this covers the POSTs behind them."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.financing.models import (
    CompensationRoute,
    FinancingRule,
    FinancingYear,
    InsurerException,
)
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_compensation, make_exception, make_rule, make_year
from kansrijk.testing.financing_rules import compensation_form_data, rule_form_data, year_form_data

pytestmark = pytest.mark.django_db
CAST = [
    "case_director",
    "care_team_member",
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]
ADMINISTRATOR = {"administrator"}
COMPENSATION = {"administrator", "coordinator"}


def _posts(cast) -> list[tuple[str, str, dict, set[str]]]:
    """(name, path, data, who may) for every write of the rules part."""
    make_year(cast.coalition, 2020)
    rule = make_rule(
        cast.coalition, "kraamzorg", contribution_kind="per_hour", contribution_amount="4.20"
    )
    exception = make_exception(cast.coalition)
    municipality = Municipality.objects.get(coalition=cast.coalition)
    route = make_compensation(cast.coalition, municipality)
    exception_data = {
        "insurance_kind": "basis",
        "care_kind": "kraamzorg",
        "effect": "contribution",
        "source": "Polis",
        "version": "1",
    }
    return [
        ("defaults_load", reverse("financing:defaults_load"), {}, ADMINISTRATOR),
        ("rule_add", f"{reverse('financing:rule_add')}?jaar=2021", rule_form_data(), ADMINISTRATOR),
        (
            "rule_edit",
            reverse("financing:rule_edit", args=[rule.pk]),
            rule_form_data(version="1"),
            ADMINISTRATOR,
        ),
        ("rule_delete", reverse("financing:rule_delete", args=[rule.pk]), {}, ADMINISTRATOR),
        (
            "year_add",
            reverse("financing:year_add"),
            {**year_form_data(), "year": "2027"},
            ADMINISTRATOR,
        ),
        (
            "year_edit",
            reverse("financing:year_edit", args=[2020]),
            year_form_data(version="1"),
            ADMINISTRATOR,
        ),
        (
            "year_copy",
            reverse("financing:year_copy", args=[2020]),
            {"target_year": "2026"},
            ADMINISTRATOR,
        ),
        (
            "exception_add",
            f"{reverse('financing:exception_add')}?jaar=2020",
            {**exception_data, "version": "0"},
            ADMINISTRATOR,
        ),
        (
            "exception_edit",
            reverse("financing:exception_edit", args=[exception.pk]),
            exception_data,
            ADMINISTRATOR,
        ),
        (
            "exception_delete",
            reverse("financing:exception_delete", args=[exception.pk]),
            {},
            ADMINISTRATOR,
        ),
        (
            "compensation_add",
            reverse("financing:compensation_add"),
            compensation_form_data(municipality),
            COMPENSATION,
        ),
        (
            "compensation_edit",
            reverse("financing:compensation_edit", args=[route.pk]),
            compensation_form_data(municipality, version="1"),
            COMPENSATION,
        ),
        (
            "compensation_delete",
            reverse("financing:compensation_delete", args=[route.pk]),
            {},
            COMPENSATION,
        ),
    ]


def _state() -> tuple:
    return (
        list(FinancingRule.objects.order_by("pk").values_list("pk", "version", "year")),
        list(FinancingYear.objects.order_by("pk").values_list("pk", "version")),
        list(InsurerException.objects.order_by("pk").values_list("pk", "version")),
        list(CompensationRoute.objects.order_by("pk").values_list("pk", "version")),
        AuditEvent.objects.filter(object_type__startswith="financing.").count(),
    )


def test_whoever_may_not_write_gets_403_and_nothing_changes(cast):
    posts = _posts(cast)
    before = _state()
    for actor in CAST:
        client = logged_in_client(getattr(cast, actor))
        for name, path, data, allowed in posts:
            if actor in allowed:
                continue
            response = client.post(path, data)
            assert response.status_code == 403, (actor, name)
    assert _state() == before


def test_an_anonymous_post_goes_to_the_login_page(client, cast):
    for name, path, data, _allowed in _posts(cast):
        response = client.post(path, data)
        assert response.status_code == 302, name
        assert "/inloggen/" in response.url, name


@pytest.mark.parametrize("actor", ["administrator", "coordinator"])
def test_those_who_may_write_get_through(cast, actor):
    client = logged_in_client(getattr(cast, actor))
    for name, path, data, allowed in _posts(cast):
        if actor not in allowed:
            continue
        response = client.post(path, data)
        assert response.status_code == 302, (name, response.content[:3000])
