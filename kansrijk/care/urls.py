from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path(
        "gezinnen/<int:pk>/taken/<int:task_pk>/afronden/",
        views.task_complete,
        name="task_complete",
    ),
]
