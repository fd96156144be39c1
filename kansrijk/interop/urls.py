"""Interop's pages: the webhooks a coalition registers for its partners' systems."""

from . import urls_inzage, urls_webhooks

app_name = "interop"
urlpatterns = [
    *urls_webhooks.urlpatterns,
    *urls_inzage.urlpatterns,
]
