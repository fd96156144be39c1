"""URLs of financing's kraamzorg part."""

urlpatterns: list = []
