"""API URLs of the social map's referrals part (names in the `api` namespace)."""

urlpatterns: list = []
