"""The MDO API (being written)."""

urlpatterns = []
