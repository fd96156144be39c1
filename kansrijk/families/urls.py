from django.urls import include, path

from . import views

app_name = "families"
urlpatterns = [
    path("", views.family_list, name="list"),
    path("nieuw/", views.family_create, name="create"),
    path("<int:pk>/", views.family_detail, name="detail"),
    path("<int:pk>/bewerken/", views.family_edit, name="edit"),
    path("<int:pk>/geschiedenis/", views.family_history, name="history"),
    path("<int:pk>/sluiten/", views.family_close, name="close"),
    path("<int:pk>/heropenen/", views.family_reopen, name="reopen"),
    path("", include("kansrijk.families.urls_people")),
]
