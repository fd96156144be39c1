from django.urls import path

from . import views, views_picker, views_settings

app_name = "organisations"
urlpatterns = [
    path("coalitie/wisselen/", views.switch_coalition, name="switch_coalition"),
    path(
        "professionals/zoeken/",
        views_picker.professional_search,
        name="professional_search",
    ),
    path("beheer/", views.manage, name="manage"),
    path("beheer/tijdelijk-wachtwoord/", views.temporary_password, name="temporary_password"),
    path("beheer/organisaties/", views.organisation_list, name="organisation_list"),
    path("beheer/organisaties/nieuw/", views.organisation_create, name="organisation_create"),
    path(
        "beheer/organisaties/<int:pk>/bewerken/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "beheer/organisaties/<int:pk>/status/",
        views.organisation_status,
        name="organisation_status",
    ),
    path("beheer/medewerkers/", views.membership_list, name="membership_list"),
    path("beheer/medewerkers/nieuw/", views.membership_add, name="membership_add"),
    path("beheer/medewerkers/<int:pk>/bewerken/", views.membership_edit, name="membership_edit"),
    path("beheer/medewerkers/<int:pk>/beeindigen/", views.membership_end, name="membership_end"),
    path("beheer/gebruikers/", views.professional_list, name="professional_list"),
    path("beheer/gebruikers/nieuw/", views.professional_create, name="professional_create"),
    path("beheer/gebruikers/<int:pk>/", views.professional_detail, name="professional_detail"),
    path(
        "beheer/gebruikers/<int:pk>/status/",
        views.professional_status,
        name="professional_status",
    ),
    path(
        "beheer/gebruikers/<int:pk>/wachtwoord/",
        views.professional_password,
        name="professional_password",
    ),
    path(
        "beheer/gebruikers/<int:pk>/tweede-factor/",
        views.professional_second_factor,
        name="professional_second_factor",
    ),
    path("beheer/audit/", views.audit_trail, name="audit_trail"),
    path("beheer/coalitie/", views_settings.coalition_settings, name="coalition_settings"),
]
