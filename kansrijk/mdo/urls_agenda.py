"""MDO pages (agenda)."""

urlpatterns = []
