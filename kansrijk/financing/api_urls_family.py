"""API URLs of financing's family part (names in the `api` namespace)."""

from django.urls import path

from . import api_family

urlpatterns: list = [
    path(
        "families/<int:pk>/financing/",
        api_family.FamilyFinancingView.as_view(),
        name="family_financing",
    ),
]
