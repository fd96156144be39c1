"""URLs of the social map's paths part."""

urlpatterns: list = []
