"""API URLs of financing's rules part (names in the `api` namespace): the financing rules
and a year's figures, read only (`api_rules.py`)."""

from django.urls import path

from . import api_rules

urlpatterns: list = [
    path(
        "financing/rules/",
        api_rules.FinancingRuleListView.as_view(),
        name="financing_rule_list",
    ),
    path(
        "financing/years/<int:year>/",
        api_rules.FinancingYearDetailView.as_view(),
        name="financing_year_detail",
    ),
]
