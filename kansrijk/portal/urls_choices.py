from django.urls import path

from . import views_access, views_consent, views_self_report

urlpatterns = [
    path("mijn/toestemming/", views_consent.consent, name="consent"),
    path("mijn/toestemming/<str:purpose>/", views_consent.consent_change, name="consent_change"),
    path("mijn/wie-keek/", views_access.access_report, name="access_report"),
    path("mijn/wie-keek/<int:event>/vraag/", views_access.question, name="access_question"),
    path("mijn/vragenlijst/", views_self_report.self_report, name="self_report"),
    # Professionals: the questions families asked about accesses, and the answers.
    path("toegang/vragen/", views_access.questions, name="questions"),
    path("toegang/vragen/<int:pk>/", views_access.question_answer, name="question_answer"),
]
