"""URLs of financing's rules part: the rules per year, the year's figures, the insurers'
exceptions and the municipalities' compensation routes (`views_rules`)."""

from django.urls import path

from . import views_rules as views

RULES = "financiering/regels/"
YEARS = "financiering/jaren/"
EXCEPTIONS = "financiering/uitzonderingen/"
COMPENSATION = "financiering/vergoedingen/"

urlpatterns: list = [
    path(RULES, views.rules, name="rules"),
    path(RULES + "standaardcijfers-laden/", views.defaults_load, name="defaults_load"),
    path(RULES + "nieuw/", views.rule_edit, name="rule_add"),
    path(RULES + "<int:pk>/bewerken/", views.rule_edit, name="rule_edit"),
    path(RULES + "<int:pk>/verwijderen/", views.rule_delete, name="rule_delete"),
    path(YEARS + "nieuw/", views.year_add, name="year_add"),
    path(YEARS + "<int:year>/bewerken/", views.year_edit, name="year_edit"),
    path(YEARS + "<int:year>/kopieren/", views.year_copy, name="year_copy"),
    path(EXCEPTIONS + "nieuw/", views.exception_edit, name="exception_add"),
    path(EXCEPTIONS + "<int:pk>/bewerken/", views.exception_edit, name="exception_edit"),
    path(EXCEPTIONS + "<int:pk>/verwijderen/", views.exception_delete, name="exception_delete"),
    path(COMPENSATION + "nieuw/", views.compensation_edit, name="compensation_add"),
    path(COMPENSATION + "<int:pk>/bewerken/", views.compensation_edit, name="compensation_edit"),
    path(
        COMPENSATION + "<int:pk>/verwijderen/",
        views.compensation_delete,
        name="compensation_delete",
    ),
]
