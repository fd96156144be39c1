"""URLs of financing's business part: the coalition's social business cases."""

from django.urls import path

from . import views_business as views

urlpatterns: list = [
    path("businesscase/", views.business_list, name="business_list"),
    path("businesscase/nieuw/", views.business_edit, name="business_add"),
    path("businesscase/vergelijk/", views.business_compare, name="business_compare"),
    path("businesscase/<int:pk>/", views.business_detail, name="business_detail"),
    path("businesscase/<int:pk>/bewerken/", views.business_edit, name="business_edit"),
    path("businesscase/<int:pk>/verwijderen/", views.business_delete, name="business_delete"),
    path("businesscase/<int:pk>/export.xlsx", views.business_export, name="business_export"),
    path("businesscase/<int:pk>/afdrukken/", views.business_print, name="business_print"),
    path(
        "businesscase/<int:pk>/interventies/nieuw/",
        views.business_intervention_edit,
        name="business_intervention_add",
    ),
    path(
        "businesscase/<int:pk>/interventies/<int:item_pk>/bewerken/",
        views.business_intervention_edit,
        name="business_intervention_edit",
    ),
    path(
        "businesscase/<int:pk>/interventies/<int:item_pk>/verwijderen/",
        views.business_intervention_delete,
        name="business_intervention_delete",
    ),
    path(
        "businesscase/<int:pk>/effecten/nieuw/",
        views.business_effect_edit,
        name="business_effect_add",
    ),
    path(
        "businesscase/<int:pk>/effecten/<int:item_pk>/bewerken/",
        views.business_effect_edit,
        name="business_effect_edit",
    ),
    path(
        "businesscase/<int:pk>/effecten/<int:item_pk>/verwijderen/",
        views.business_effect_delete,
        name="business_effect_delete",
    ),
    path(
        "businesscase/<int:pk>/effecten/<int:item_pk>/besparingen/nieuw/",
        views.business_saving_add,
        name="business_saving_add",
    ),
    path(
        "businesscase/<int:pk>/besparingen/<int:item_pk>/verwijderen/",
        views.business_saving_delete,
        name="business_saving_delete",
    ),
]
