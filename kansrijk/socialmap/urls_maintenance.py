"""URLs of the social map's maintenance part ("Beheer sociale kaart", issue 9)."""

from django.urls import path

from . import views_map

urlpatterns: list = [
    path("sociale-kaart/beheer/", views_map.map_overview, name="map_overview"),
    path("sociale-kaart/beheer/aanbieders/", views_map.map_providers, name="map_providers"),
    path(
        "sociale-kaart/beheer/aanbieders/nieuw/",
        views_map.map_provider_create,
        name="map_provider_create",
    ),
    path(
        "sociale-kaart/beheer/aanbieders/<uuid:pk>/",
        views_map.map_provider_edit,
        name="map_provider_edit",
    ),
    path(
        "sociale-kaart/beheer/aanbieders/<uuid:pk>/aanbod/nieuw/",
        views_map.map_service_create,
        name="map_service_create",
    ),
    path(
        "sociale-kaart/beheer/aanbieders/<uuid:pk>/redacteuren/",
        views_map.map_editors,
        name="map_editors",
    ),
    path(
        "sociale-kaart/beheer/aanbieders/<uuid:pk>/redacteuren/<int:editor_pk>/verwijderen/",
        views_map.map_editor_remove,
        name="map_editor_remove",
    ),
    path(
        "sociale-kaart/beheer/aanbod/<uuid:pk>/",
        views_map.map_service_edit,
        name="map_service_edit",
    ),
    path(
        "sociale-kaart/beheer/aanbod/<uuid:pk>/gecontroleerd/",
        views_map.map_service_check,
        name="map_service_check",
    ),
]
