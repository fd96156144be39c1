"""API URLs (names in the `api` namespace) for managing an MDO (`api_manage.py`)."""

from django.urls import path

from . import api_manage as views

MEETING = "mdo/meetings/<int:pk>/"
ITEM = MEETING + "items/<int:item_pk>/"

urlpatterns: list = [
    path(
        "mdo/series/<int:pk>/participants/",
        views.SeriesParticipantsView.as_view(),
        name="mdo_series_participants",
    ),
    path(
        "mdo/series/<int:pk>/participants/<int:participant_pk>/",
        views.SeriesParticipantDetailView.as_view(),
        name="mdo_series_participant_detail",
    ),
    path(
        MEETING + "participants/",
        views.MeetingParticipantsView.as_view(),
        name="mdo_meeting_participants",
    ),
    path(MEETING + "attendance/", views.MeetingAttendanceView.as_view(), name="mdo_attendance"),
    path(ITEM + "move/", views.AgendaItemMoveView.as_view(), name="mdo_item_move"),
    path(ITEM + "schedule/", views.AgendaItemScheduleView.as_view(), name="mdo_item_schedule"),
    path(ITEM + "withdraw/", views.AgendaItemWithdrawView.as_view(), name="mdo_item_withdraw"),
]
