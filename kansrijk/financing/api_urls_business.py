"""API URLs of financing's business part (names in the `api` namespace)."""

from django.urls import path

from . import api_business as api

urlpatterns: list = [
    path(
        "financing/business-cases/",
        api.BusinessCaseListView.as_view(),
        name="business_case_list",
    ),
    path(
        "financing/business-cases/<int:pk>/",
        api.BusinessCaseDetailView.as_view(),
        name="business_case_detail",
    ),
    path(
        "financing/business-cases/<int:pk>/result/",
        api.BusinessCaseResultView.as_view(),
        name="business_case_result",
    ),
]
