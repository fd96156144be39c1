from django.urls import path

from . import views, views_operations

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("meldingen/", views.notifications, name="notifications"),
    path("beheer/taken/", views_operations.operations, name="operations"),
    path(
        "beheer/taken/<uuid:pk>/opnieuw/",
        views_operations.operations_task_retry,
        name="operations_task_retry",
    ),
    path(
        "beheer/taken/e-mail/<int:pk>/opnieuw/",
        views_operations.operations_mail_retry,
        name="operations_mail_retry",
    ),
]
