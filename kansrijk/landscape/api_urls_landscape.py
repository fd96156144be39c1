"""API URLs of the landscape part."""

urlpatterns: list = []
