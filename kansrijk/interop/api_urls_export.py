"""The family file as a FHIR R4 Bundle."""

urlpatterns: list = []
