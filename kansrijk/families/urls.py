from django.urls import include, path

app_name = "families"
urlpatterns = [
    path("", include("kansrijk.families.urls_people")),
]
