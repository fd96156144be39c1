"""URLs of monitoring's dashboard part: the dashboard, the definitions, the exports and the
printable report."""

from django.urls import path

from . import views_dashboard as views

urlpatterns: list = [
    path("monitoring/", views.dashboard_page, name="dashboard"),
    path("monitoring/definities/<str:code>/", views.definition_page, name="definition"),
    path("monitoring/export/", views.export, name="export"),
    path("monitoring/rapport/", views.report, name="report"),
]
