"""URLs of the social map's referrals part."""

from django.urls import path

from . import views_referrals as views

urlpatterns: list = [
    path(
        "gezinnen/<int:pk>/verwijzingen/nieuw/",
        views.referral_create,
        name="referral_create",
    ),
    path("verwijzingen/", views.referral_inbox, name="referral_inbox"),
    path("verwijzingen/overzicht/", views.referral_overview, name="referral_overview"),
    path("verwijzingen/<int:referral_pk>/", views.referral_detail, name="referral_detail"),
    path(
        "verwijzingen/<int:referral_pk>/<str:action>/",
        views.referral_action,
        name="referral_action",
    ),
]
