"""URLs of financing's kraamzorg part: the calculator on the family file."""

from django.urls import path

from . import views_kraamzorg

urlpatterns = [
    path(
        "gezinnen/<int:pk>/financiering/kraamzorg/",
        views_kraamzorg.kraamzorg,
        name="kraamzorg",
    ),
]
