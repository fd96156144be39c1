"""Monitoring's pages: the coalition's dashboard with its exports and report, and the
region's view of the documents its coalitions publish."""

from . import urls_dashboard, urls_federation

app_name = "monitoring"
urlpatterns = [
    *urls_dashboard.urlpatterns,
    *urls_federation.urlpatterns,
]
