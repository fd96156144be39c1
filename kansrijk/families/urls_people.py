"""Pages for the people around a family: persons, pregnancies, consent, care team, timeline."""

from django.urls import path

from . import views_people as views

urlpatterns = [
    path("<int:pk>/personen/nieuw/", views.person_add, name="person_add"),
    path("<int:pk>/personen/<int:person_pk>/bewerken/", views.person_edit, name="person_edit"),
    path("<int:pk>/zwangerschappen/nieuw/", views.pregnancy_add, name="pregnancy_add"),
    path(
        "<int:pk>/zwangerschappen/<int:preg_pk>/bewerken/",
        views.pregnancy_edit,
        name="pregnancy_edit",
    ),
    path(
        "<int:pk>/zwangerschappen/<int:preg_pk>/geboorte/",
        views.birth_record,
        name="birth_record",
    ),
    path("<int:pk>/toestemming/", views.consent, name="consent"),
    path(
        "<int:pk>/toestemming/<str:purpose>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/zorgteam/", views.care_team, name="care_team"),
    path(
        "<int:pk>/zorgteam/<int:member_pk>/beeindigen/",
        views.care_team_end,
        name="care_team_end",
    ),
    path("<int:pk>/tijdlijn/", views.timeline, name="timeline"),
]
