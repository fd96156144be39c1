"""URLs of monitoring's federation part."""

urlpatterns: list = []
