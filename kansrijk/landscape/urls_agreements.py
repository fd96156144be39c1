"""URLs of the agreements part."""

urlpatterns: list = []
