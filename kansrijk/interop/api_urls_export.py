"""The family file as a FHIR R4 Bundle.

The id takes any text: one that is no number is answered by the view, as an OperationOutcome
404 like every FHIR error, not as the problem details of an unknown API address.
"""

from django.urls import re_path

from .api_export import FamilyFhirView

urlpatterns = [
    re_path(r"^families/(?P<pk>[^/]+)/fhir/$", FamilyFhirView.as_view(), name="family_fhir"),
]
