"""API URLs of the klantroute part."""

from django.urls import path

from . import api_klantroute

urlpatterns: list = [
    path("klantroute/", api_klantroute.KlantrouteView.as_view(), name="klantroute"),
]
