"""API URLs of the landscape part (read only, for coordinators and analysts)."""

from django.urls import path

from . import api_landscape as api

urlpatterns: list = [
    path("regio/landschap/", api.LandscapeView.as_view(), name="landscape"),
    path(
        "regio/landschap/vsv/<int:pk>/vergelijking/",
        api.VsvCompareView.as_view(),
        name="vsv_compare",
    ),
]
