"""URLs of the klantroute part: the grid, its poster and its XLSX export."""

from django.urls import path

from . import views_klantroute as views

urlpatterns: list = [
    path("klantroute/", views.klantroute_page, name="klantroute"),
    path("klantroute/poster/", views.klantroute_print, name="klantroute_print"),
    path("klantroute/export.xlsx", views.klantroute_xlsx, name="klantroute_xlsx"),
]
