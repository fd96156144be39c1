"""API URLs of the social map's HSDS part (names in the `api` namespace): the read-only HSDS
3.0 records of the caller's coalitions (`api_hsds.py`), and the coordinators' HSDS export and
import (`api_hsds_transfer.py`)."""

from django.urls import path

from . import api_hsds, api_hsds_transfer

urlpatterns: list = [
    path("socialmap/services/", api_hsds.ServiceListView.as_view(), name="socialmap_service_list"),
    path(
        "socialmap/services/<uuid:pk>/",
        api_hsds.ServiceDetailView.as_view(),
        name="socialmap_service_detail",
    ),
    path(
        "socialmap/organizations/",
        api_hsds.OrganizationListView.as_view(),
        name="socialmap_organization_list",
    ),
    path(
        "socialmap/organizations/<uuid:pk>/",
        api_hsds.OrganizationDetailView.as_view(),
        name="socialmap_organization_detail",
    ),
    path(
        "socialmap/locations/", api_hsds.LocationListView.as_view(), name="socialmap_location_list"
    ),
    path(
        "socialmap/locations/<uuid:pk>/",
        api_hsds.LocationDetailView.as_view(),
        name="socialmap_location_detail",
    ),
    path(
        "socialmap/hsds/export/",
        api_hsds_transfer.HsdsExportView.as_view(),
        name="socialmap_hsds_export",
    ),
    path(
        "socialmap/hsds/import/",
        api_hsds_transfer.HsdsImportView.as_view(),
        name="socialmap_hsds_import",
    ),
]
