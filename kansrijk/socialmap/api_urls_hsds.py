"""API URLs of the social map's hsds part (names in the `api` namespace)."""

urlpatterns: list = []
