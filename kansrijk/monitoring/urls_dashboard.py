"""URLs of monitoring's dashboard part."""

urlpatterns: list = []
