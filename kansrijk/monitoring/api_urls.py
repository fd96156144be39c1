"""Monitoring's API endpoints, included in `kansrijk/api_urls.py` under the `api` namespace."""

urlpatterns: list = []
