"""URLs of the agreements part: the coalition's improvement agreements on the klantroute's
gaps (`views_agreements`)."""

from django.urls import path

from . import views_agreements as views

AGREEMENTS = "klantroute/afspraken/"

urlpatterns: list = [
    path(AGREEMENTS, views.agreement_list, name="agreement_list"),
    path(AGREEMENTS + "nieuw/", views.agreement_create, name="agreement_create"),
    path(AGREEMENTS + "<int:pk>/", views.agreement_edit, name="agreement_edit"),
    path(AGREEMENTS + "<int:pk>/verwijderen/", views.agreement_delete, name="agreement_delete"),
]
