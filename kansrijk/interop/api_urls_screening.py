"""Screening in FHIR R4: the published instruments as Questionnaire, answers as
QuestionnaireResponse.

FHIR clients address resources without a trailing slash (`[base]/QuestionnaireResponse`),
kansrijk's API with one; both are accepted (`/?`), so a POST is never redirected (a redirect
would lose its body). `reverse()` gives the form without the slash.

The Questionnaire's key takes any text: a key that is no instrument is answered by the view,
as an OperationOutcome 404, not by Django's HTML "page not found" (the API's problem details
leave FHIR paths to FHIR's own error format); so is any other path under `fhir/`
(`fhir_unknown`, the last pattern).
"""

from django.urls import re_path

from . import api_screening

urlpatterns: list = [
    re_path(
        r"^fhir/Questionnaire/(?P<key>.+?)/?$",
        api_screening.QuestionnaireView.as_view(),
        name="fhir_questionnaire",
    ),
    re_path(
        r"^fhir/QuestionnaireResponse/?$",
        api_screening.QuestionnaireResponseView.as_view(),
        name="fhir_questionnaire_response",
    ),
    # Any id: one that is no number is answered by the view (OperationOutcome 404).
    re_path(
        r"^fhir/QuestionnaireResponse/(?P<pk>[^/]+)/?$",
        api_screening.QuestionnaireResponseDetailView.as_view(),
        name="fhir_questionnaire_response_detail",
    ),
    # Last: any other FHIR path is an OperationOutcome 404, not Django's HTML page.
    re_path(r"^fhir/", api_screening.UnknownFhirPathView.as_view(), name="fhir_unknown"),
]
