"""MDO pages (meeting)."""

urlpatterns = []
