"""URLs of the social map's search part."""

urlpatterns: list = []
