"""The klantroute with its improvement agreements, and the regional landscape."""

from . import urls_agreements, urls_klantroute, urls_landscape

app_name = "landscape"
urlpatterns = [
    *urls_klantroute.urlpatterns,
    *urls_agreements.urlpatterns,
    *urls_landscape.urlpatterns,
]
