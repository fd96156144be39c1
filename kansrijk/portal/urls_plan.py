from django.urls import path

from . import views_plan

urlpatterns = [
    path("mijn/", views_plan.home, name="home"),
    path("mijn/team/", views_plan.team, name="team"),
    path("mijn/fase/", views_plan.phase, name="phase"),
    path("mijn/gezondheid/", views_plan.health, name="health"),
]
