"""MDO pages (overview)."""

urlpatterns = []
