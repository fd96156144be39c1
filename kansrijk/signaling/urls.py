from django.urls import path

from . import views

app_name = "signaling"
urlpatterns = [
    path("gezinnen/<int:pk>/signalering/", views.family_assessments, name="family"),
    path(
        "gezinnen/<int:pk>/signalering/<int:assessment_pk>/",
        views.assessment,
        name="assessment",
    ),
    path(
        "gezinnen/<int:pk>/signalering/<int:assessment_pk>/concept/",
        views.assessment_autosave,
        name="autosave",
    ),
    path(
        "gezinnen/<int:pk>/signalering/<int:assessment_pk>/route/",
        views.route_choose,
        name="route",
    ),
    path(
        "gezinnen/<int:pk>/signalering/<int:assessment_pk>/verwijderen/",
        views.assessment_discard,
        name="discard",
    ),
    path("signalering/overzicht/", views.overview, name="overview"),
    path(
        "signalering/instrumenten/<slug:key>/v<int:version>/",
        views.instrument_detail,
        name="instrument_detail",
    ),
    path("beheer/instrumenten/", views.instrument_settings, name="instruments"),
    path("beheer/routestappen/", views.route_steps, name="route_steps"),
    path("beheer/routestappen/nieuw/", views.route_step_edit, name="route_step_add"),
    path(
        "beheer/routestappen/<int:step_pk>/bewerken/",
        views.route_step_edit,
        name="route_step_edit",
    ),
]
