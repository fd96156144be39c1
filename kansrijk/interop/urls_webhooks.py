"""The coalition's webhooks and their delivery log."""

urlpatterns: list = []
