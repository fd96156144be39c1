"""The coalition's webhooks and their delivery log."""

from django.urls import path

from . import views_webhooks as views

urlpatterns: list = [
    path("uitwisseling/webhooks/", views.webhook_list, name="webhook_list"),
    path("uitwisseling/webhooks/nieuw/", views.webhook_create, name="webhook_create"),
    path("uitwisseling/webhooks/<int:pk>/bewerken/", views.webhook_edit, name="webhook_edit"),
    path(
        "uitwisseling/webhooks/<int:pk>/verwijderen/", views.webhook_delete, name="webhook_delete"
    ),
    path("uitwisseling/webhooks/<int:pk>/geheim/", views.webhook_rotate, name="webhook_rotate"),
    path(
        "uitwisseling/webhooks/<int:pk>/berichten/",
        views.webhook_deliveries,
        name="webhook_deliveries",
    ),
    path(
        "uitwisseling/webhooks/<int:pk>/berichten/<int:delivery_pk>/opnieuw/",
        views.webhook_retry,
        name="webhook_retry",
    ),
]
