"""MDO pages (meeting): meeting mode, attendance and the minutes."""

from django.urls import path

from . import views_meeting as views

urlpatterns = [
    path("mdo/overleg/<int:pk>/bespreken/", views.discuss, name="discuss"),
    path("mdo/overleg/<int:pk>/punt/<int:item_pk>/", views.item, name="item"),
    path(
        "mdo/overleg/<int:pk>/punt/<int:item_pk>/bespreking/",
        views.item_discussion,
        name="item_discussion",
    ),
    path(
        "mdo/overleg/<int:pk>/punt/<int:item_pk>/besluit/",
        views.decision_add,
        name="decision_add",
    ),
    path("mdo/overleg/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("mdo/overleg/<int:pk>/verslag/", views.minutes, name="minutes"),
    path(
        "mdo/overleg/<int:pk>/verslag/genereren/",
        views.minutes_generate,
        name="minutes_generate",
    ),
    path(
        "mdo/overleg/<int:pk>/verslag/definitief/",
        views.minutes_finalise,
        name="minutes_finalise",
    ),
    path("mdo/overleg/<int:pk>/verslag/afdrukken/", views.minutes_print, name="minutes_print"),
]
