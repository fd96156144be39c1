"""MDO pages (agenda): the MDO area, series, meetings with their agenda, and submitting a
family from its file."""

from django.urls import path

from . import views_agenda as views

urlpatterns = [
    path("mdo/", views.home, name="home"),
    path("mdo/reeksen/nieuw/", views.series_edit, name="series_add"),
    path("mdo/reeksen/<int:pk>/", views.series_detail, name="series"),
    path("mdo/reeksen/<int:pk>/bewerken/", views.series_edit, name="series_edit"),
    path(
        "mdo/reeksen/<int:pk>/deelnemers/nieuw/",
        views.series_participant_add,
        name="series_participant_add",
    ),
    path(
        "mdo/reeksen/<int:pk>/deelnemers/<int:participant_pk>/verwijderen/",
        views.series_participant_remove,
        name="series_participant_remove",
    ),
    path(
        "mdo/reeksen/<int:pk>/deelnemers/zoeken/",
        views.series_participant_search,
        name="series_participant_search",
    ),
    path("mdo/reeksen/<int:pk>/overleg/nieuw/", views.meeting_add, name="meeting_add"),
    path("mdo/overleg/<int:pk>/", views.meeting_detail, name="meeting"),
    path("mdo/overleg/<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path(
        "mdo/overleg/<int:pk>/status/<slug:action>/",
        views.meeting_transition,
        name="meeting_transition",
    ),
    path(
        "mdo/overleg/<int:pk>/deelnemers/nieuw/",
        views.meeting_participant_add,
        name="meeting_participant_add",
    ),
    path(
        "mdo/overleg/<int:pk>/deelnemers/zoeken/",
        views.meeting_participant_search,
        name="meeting_participant_search",
    ),
    path(
        "mdo/overleg/<int:pk>/agenda/<int:item_pk>/verplaatsen/",
        views.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "mdo/overleg/<int:pk>/agenda/<int:item_pk>/agenderen/",
        views.agenda_item_schedule,
        name="agenda_item_schedule",
    ),
    path(
        "mdo/overleg/<int:pk>/agenda/<int:item_pk>/van-de-agenda/",
        views.agenda_item_withdraw,
        name="agenda_item_withdraw",
    ),
    path("gezinnen/<int:pk>/mdo/aanmelden/", views.submit, name="submit"),
]
