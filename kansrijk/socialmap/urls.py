"""The social map's pages: search and service pages, maintenance of the map, care paths,
referrals."""

from . import urls_maintenance, urls_paths, urls_referrals, urls_search

app_name = "socialmap"
urlpatterns = [
    *urls_search.urlpatterns,
    *urls_maintenance.urlpatterns,
    *urls_paths.urlpatterns,
    *urls_referrals.urlpatterns,
]
