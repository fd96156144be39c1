"""API URLs of the klantroute part."""

urlpatterns: list = []
