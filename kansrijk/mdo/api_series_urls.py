"""API URLs of the MDO series (names in the `api` namespace), answered by the views of
`api_series.py`: the reads of `api.py` plus setting up, changing and archiving a series and
planning a meeting."""

from django.urls import path

from . import api_series

urlpatterns: list = [
    path("mdo/series/", api_series.SeriesListCreateView.as_view(), name="mdo_series_list"),
    path(
        "mdo/series/<int:pk>/",
        api_series.SeriesDetailUpdateView.as_view(),
        name="mdo_series_detail",
    ),
    path(
        "mdo/series/<int:pk>/meetings/",
        api_series.SeriesMeetingsPlanView.as_view(),
        name="mdo_series_meetings",
    ),
]
