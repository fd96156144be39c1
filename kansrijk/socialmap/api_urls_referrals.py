"""API URLs of the social map's referrals part (names in the `api` namespace)."""

from django.urls import path

from . import api_referrals as api

urlpatterns: list = [
    path(
        "families/<int:pk>/referrals/",
        api.FamilyReferralsView.as_view(),
        name="socialmap_family_referrals",
    ),
    path(
        "referrals/incoming/",
        api.IncomingReferralsView.as_view(),
        name="socialmap_referrals_incoming",
    ),
    path("referrals/<int:pk>/", api.ReferralDetailView.as_view(), name="socialmap_referral"),
    path(
        "referrals/<int:pk>/<str:action>/",
        api.ReferralActionView.as_view(),
        name="socialmap_referral_action",
    ),
]
