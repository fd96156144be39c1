"""URLs of the social map's maintenance part."""

urlpatterns: list = []
