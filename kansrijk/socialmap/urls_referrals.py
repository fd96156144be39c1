"""URLs of the social map's referrals part."""

urlpatterns: list = []
