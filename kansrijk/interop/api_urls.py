"""Interop's API endpoints, included in `kansrijk/api_urls.py` under the `api` namespace."""

from . import api_urls_export, api_urls_screening

urlpatterns = [
    *api_urls_export.urlpatterns,
    *api_urls_screening.urlpatterns,
]
