"""API URLs of financing's rules part (names in the `api` namespace): the financing rules
and a year's figures (`api_rules.py`); adding, changing and removing a rule
(`api_rules_write.py`)."""

from django.urls import path

from . import api_rules, api_rules_write

urlpatterns: list = [
    path(
        "financing/rules/",
        api_rules_write.FinancingRuleListCreateView.as_view(),
        name="financing_rule_list",
    ),
    path(
        "financing/rules/<int:pk>/",
        api_rules_write.FinancingRuleDetailView.as_view(),
        name="financing_rule_detail",
    ),
    path(
        "financing/years/<int:year>/",
        api_rules.FinancingYearDetailView.as_view(),
        name="financing_year_detail",
    ),
]
