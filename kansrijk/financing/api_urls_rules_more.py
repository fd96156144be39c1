"""API URLs (names in the `api` namespace) of a year's figures, the insurers' exceptions and
the municipalities' compensation routes (`api_rules_more.py`)."""

from django.urls import path

from . import api_rules_more as views

urlpatterns: list = [
    path(
        "financing/year-figures/",
        views.FinancingYearListCreateView.as_view(),
        name="financing_year_figures_list",
    ),
    path(
        "financing/year-figures/<int:pk>/",
        views.FinancingYearFiguresView.as_view(),
        name="financing_year_figures_detail",
    ),
    path(
        "financing/insurer-exceptions/",
        views.InsurerExceptionListCreateView.as_view(),
        name="financing_exception_list",
    ),
    path(
        "financing/insurer-exceptions/<int:pk>/",
        views.InsurerExceptionDetailView.as_view(),
        name="financing_exception_detail",
    ),
    path(
        "financing/compensation-routes/",
        views.CompensationRouteListCreateView.as_view(),
        name="financing_compensation_list",
    ),
    path(
        "financing/compensation-routes/<int:pk>/",
        views.CompensationRouteDetailView.as_view(),
        name="financing_compensation_detail",
    ),
]
