"""API URLs (names in the `api` namespace) for the meeting itself: an item's discussion and
the minutes (`api_meeting_write.py`). Changing the meeting is PATCH on its detail (`api.py`)."""

from django.urls import path

from . import api_meeting_write as views

MEETING = "mdo/meetings/<int:pk>/"

urlpatterns: list = [
    path(
        MEETING + "items/<int:item_pk>/discussion/",
        views.ItemDiscussionView.as_view(),
        name="mdo_item_discussion",
    ),
    path(MEETING + "minutes/", views.MinutesView.as_view(), name="mdo_minutes"),
    path(
        MEETING + "minutes/generate/",
        views.MinutesGenerateView.as_view(),
        name="mdo_minutes_generate",
    ),
    path(
        MEETING + "minutes/finalise/",
        views.MinutesFinaliseView.as_view(),
        name="mdo_minutes_finalise",
    ),
]
