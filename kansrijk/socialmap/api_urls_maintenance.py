"""API URLs of the social map's maintenance and care paths (names in the `api` namespace):
providers, services, "gecontroleerd" and editors (`api_maintenance.py`), and the coalition's
care paths with their steps and services (`api_paths.py`)."""

from django.urls import path

from . import api_maintenance as maintenance
from . import api_paths as paths

PROVIDER = "socialmap/maintenance/organizations/<uuid:pk>/"
SERVICE = "socialmap/maintenance/services/<uuid:pk>/"
PATH = "care-paths/<int:pk>/"
STEP = PATH + "steps/<int:step_pk>/"

urlpatterns: list = [
    path(
        "socialmap/maintenance/organizations/",
        maintenance.ProviderListView.as_view(),
        name="socialmap_maintained_providers",
    ),
    path(PROVIDER, maintenance.ProviderDetailView.as_view(), name="socialmap_maintained_provider"),
    path(
        PROVIDER + "services/",
        maintenance.ProviderServicesView.as_view(),
        name="socialmap_provider_services",
    ),
    path(
        PROVIDER + "editors/",
        maintenance.EditorListView.as_view(),
        name="socialmap_provider_editors",
    ),
    path(
        PROVIDER + "editors/<int:editor_pk>/",
        maintenance.EditorDetailView.as_view(),
        name="socialmap_provider_editor",
    ),
    path(
        "socialmap/maintenance/services/",
        maintenance.ServiceListView.as_view(),
        name="socialmap_maintained_services",
    ),
    path(SERVICE, maintenance.ServiceDetailView.as_view(), name="socialmap_maintained_service"),
    path(
        SERVICE + "verify/",
        maintenance.ServiceVerifyView.as_view(),
        name="socialmap_service_verify",
    ),
    path("care-paths/", paths.CarePathListView.as_view(), name="care_path_list"),
    path(PATH, paths.CarePathDetailView.as_view(), name="care_path_detail"),
    path(PATH + "steps/", paths.StepListView.as_view(), name="care_path_steps"),
    path(STEP, paths.StepDetailView.as_view(), name="care_path_step"),
    path(STEP + "move/", paths.StepMoveView.as_view(), name="care_path_step_move"),
    path(STEP + "services/", paths.StepServicesView.as_view(), name="care_path_step_services"),
    path(
        STEP + "services/<int:link_pk>/",
        paths.StepServiceView.as_view(),
        name="care_path_step_service",
    ),
]
