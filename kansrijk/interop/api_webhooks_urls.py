"""API URLs of the webhooks (names in the `api` namespace), included in
`kansrijk/api_urls.py`: the endpoints, a new secret, the delivery log and a retry
(`api_webhooks.py`)."""

from django.urls import path

from . import api_webhooks as api

WEBHOOKS = "interop/webhooks/"

urlpatterns: list = [
    path(WEBHOOKS, api.WebhookListView.as_view(), name="webhook_endpoint_list"),
    path(WEBHOOKS + "<int:pk>/", api.WebhookDetailView.as_view(), name="webhook_endpoint_detail"),
    path(
        WEBHOOKS + "<int:pk>/secret/",
        api.WebhookSecretView.as_view(),
        name="webhook_endpoint_secret",
    ),
    path(
        WEBHOOKS + "<int:pk>/deliveries/",
        api.WebhookDeliveryListView.as_view(),
        name="webhook_delivery_list",
    ),
    path(
        WEBHOOKS + "<int:pk>/deliveries/<int:delivery_id>/retry/",
        api.WebhookDeliveryRetryView.as_view(),
        name="webhook_delivery_retry",
    ),
]
