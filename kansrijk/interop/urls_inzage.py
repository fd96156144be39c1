"""Inzage (export of everything about a family) and erasure on request."""

from django.urls import path

from . import views_inzage

urlpatterns = [
    path("gezinnen/<int:pk>/inzage/", views_inzage.inzage_page, name="inzage"),
    path("gezinnen/<int:pk>/inzage/json/", views_inzage.inzage_json, name="inzage_json"),
    path("gezinnen/<int:pk>/inzage/pdf/", views_inzage.inzage_pdf, name="inzage_pdf"),
    path("gezinnen/<int:pk>/wissen/", views_inzage.erasure_request, name="erasure_request"),
    path("beheer/wisverzoeken/", views_inzage.erasure_list, name="erasure_list"),
    path("beheer/wisverzoeken/<int:pk>/", views_inzage.erasure_confirm, name="erasure_confirm"),
]
