"""API endpoints (being written)."""

urlpatterns = []
