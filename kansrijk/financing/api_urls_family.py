"""API URLs of financing's family part."""

urlpatterns: list = []
