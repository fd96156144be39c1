"""The klantroute's and the landscape's API endpoints (read-only, for coordinators),
included in `kansrijk/api_urls.py` under the `api` namespace."""

from . import api_urls_klantroute, api_urls_landscape

urlpatterns = [
    *api_urls_klantroute.urlpatterns,
    *api_urls_landscape.urlpatterns,
]
