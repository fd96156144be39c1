"""URLs of the landscape part: the region's partnerships and coalitions, the central
reporting points and the comparison within one VSV (`views_landscape`)."""

from django.urls import path

from . import views_landscape as views

LANDSCAPE = "regio/landschap/"
PARTNERSHIPS = LANDSCAPE + "samenwerkingsverbanden/"

urlpatterns: list = [
    path(LANDSCAPE, views.landscape, name="landscape"),
    path(PARTNERSHIPS + "nieuw/", views.partnership_create, name="partnership_create"),
    path(PARTNERSHIPS + "<int:pk>/", views.partnership_edit, name="partnership_edit"),
    path(
        PARTNERSHIPS + "<int:pk>/verwijderen/", views.partnership_delete, name="partnership_delete"
    ),
    path(
        LANDSCAPE + "meldpunt/<int:municipality_pk>/",
        views.central_point_edit,
        name="central_point_edit",
    ),
    path(LANDSCAPE + "vsv/<int:pk>/vergelijking/", views.vsv_compare, name="vsv_compare"),
]
