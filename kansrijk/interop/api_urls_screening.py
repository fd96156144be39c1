"""Screening in FHIR R4: the published instruments as Questionnaire, answers as
QuestionnaireResponse."""

urlpatterns: list = []
