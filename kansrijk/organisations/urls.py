from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("coalitie/wisselen/", views.switch_coalition, name="switch_coalition"),
]
