"""URLs of monitoring's federation part: the coalition publishes, the region imports."""

from django.urls import path

from . import views_federation as views

urlpatterns: list = [
    path("monitoring/publiceren/", views.federation_publish, name="federation_publish"),
    path(
        "monitoring/publiceren/<int:pk>/document.json",
        views.federation_download,
        name="federation_download",
    ),
    path("monitoring/regio/", views.federation_region, name="federation_region"),
    path("monitoring/regio/inlezen/", views.federation_import, name="federation_import"),
    path("monitoring/landelijk/", views.federation_national, name="federation_national"),
    path(
        "monitoring/regio/uitgevers/nieuw/",
        views.federation_publisher_add,
        name="federation_publisher_add",
    ),
    path(
        "monitoring/regio/uitgevers/<int:pk>/verwijderen/",
        views.federation_publisher_delete,
        name="federation_publisher_delete",
    ),
]
