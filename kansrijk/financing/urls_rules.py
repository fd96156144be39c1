"""URLs of financing's rules part."""

urlpatterns: list = []
