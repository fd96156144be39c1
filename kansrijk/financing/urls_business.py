"""URLs of financing's business part."""

urlpatterns: list = []
