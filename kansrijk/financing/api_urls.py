"""Financing's API endpoints, included in `kansrijk/api_urls.py` under the `api` namespace."""

from . import api_urls_business, api_urls_family, api_urls_rules

urlpatterns = [
    *api_urls_rules.urlpatterns,
    *api_urls_family.urlpatterns,
    *api_urls_business.urlpatterns,
]
