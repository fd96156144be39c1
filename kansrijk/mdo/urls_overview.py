"""MDO pages (overview): the figures of one series."""

from django.urls import path

from . import views_overview

urlpatterns = [
    path(
        "mdo/reeks/<int:pk>/overzicht/",
        views_overview.series_overview_page,
        name="series_overview",
    ),
]
