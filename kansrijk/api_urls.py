"""The REST API, version 1. Every app adds its endpoints here."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from kansrijk.organisations.api import MeView

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("me/", MeView.as_view(), name="me"),
]
