from django.urls import path

from . import views

app_name = "worklist"
urlpatterns = [
    path("werkvoorraad/", views.queue, name="queue"),
    path(
        "werkvoorraad/gezinnen/<int:pk>/jgz-contact/",
        views.plan_jgz_contact,
        name="plan_jgz_contact",
    ),
    path(
        "werkvoorraad/gezinnen/<int:pk>/nazorgafspraak/",
        views.record_aftercare,
        name="record_aftercare",
    ),
    path("taken/", views.my_tasks, name="my_tasks"),
    path("beheer/ketensignalen/", views.signal_settings, name="signal_settings"),
]
