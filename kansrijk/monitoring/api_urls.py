"""Monitoring's API endpoints, included in `kansrijk/api_urls.py` under the `api` namespace."""

from django.urls import path

from . import api

urlpatterns: list = [
    path(
        "monitoring/indicators/",
        api.IndicatorFiguresView.as_view(),
        name="monitoring_indicators",
    ),
]
