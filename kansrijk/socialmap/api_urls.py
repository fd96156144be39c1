"""The social map's API endpoints, included into `/api/v1/` (names in the `api` namespace)."""

from . import api_urls_hsds, api_urls_maintenance, api_urls_referrals

urlpatterns = [
    *api_urls_hsds.urlpatterns,
    *api_urls_referrals.urlpatterns,
    *api_urls_maintenance.urlpatterns,
]
