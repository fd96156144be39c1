"""URLs of financing's family part."""

from django.urls import path

from . import views_family

urlpatterns: list = [
    path(
        "gezinnen/<int:pk>/financiering/",
        views_family.family_financing,
        name="family",
    ),
]
