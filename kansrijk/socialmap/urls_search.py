"""URLs of the social map's search part: the search and the service page."""

from django.urls import path

from . import views_search

urlpatterns: list = [
    path("sociale-kaart/", views_search.search, name="search"),
    path("sociale-kaart/aanbod/<uuid:pk>/", views_search.service_detail, name="service"),
]
