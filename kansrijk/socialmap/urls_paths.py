"""URLs of the social map's paths part: care paths (zorgpaden) of the coalition."""

from django.urls import path

from . import views_paths as views

PREFIX = "sociale-kaart/zorgpaden/"
STEP = PREFIX + "<int:pk>/stappen/<int:step_pk>/"

urlpatterns: list = [
    path(PREFIX, views.path_list, name="path_list"),
    path(PREFIX + "nieuw/", views.path_edit, name="path_add"),
    path(PREFIX + "<int:pk>/", views.path_detail, name="path_detail"),
    path(PREFIX + "<int:pk>/bewerken/", views.path_edit, name="path_edit"),
    path(PREFIX + "<int:pk>/stappen/nieuw/", views.path_step_edit, name="path_step_add"),
    path(STEP + "bewerken/", views.path_step_edit, name="path_step_edit"),
    path(STEP + "verwijderen/", views.path_step_remove, name="path_step_remove"),
    path(STEP + "verplaatsen/", views.path_step_move, name="path_step_move"),
    path(STEP + "aanbod/nieuw/", views.path_step_service_add, name="path_step_service_add"),
    path(
        STEP + "aanbod/<int:link_pk>/weghalen/",
        views.path_step_service_remove,
        name="path_step_service_remove",
    ),
]
