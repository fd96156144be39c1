"""The family file as a FHIR R4 Bundle."""

from django.urls import path

from .api_export import FamilyFhirView

urlpatterns = [
    path("families/<int:pk>/fhir/", FamilyFhirView.as_view(), name="family_fhir"),
]
