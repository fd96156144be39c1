from django.urls import path

from . import views_invite, views_login

urlpatterns = [
    path("mijn/inloggen/", views_login.login, name="login"),
    path("mijn/inloggen/code/", views_login.login_code, name="login_code"),
    path("mijn/uitloggen/", views_login.logout, name="logout"),
    # The case director invites family members from the family file.
    path("gezinnen/<int:pk>/mijn-gezin/", views_invite.invitations, name="invitations"),
    path(
        "gezinnen/<int:pk>/mijn-gezin/<int:account>/intrekken/",
        views_invite.revoke,
        name="invitation_revoke",
    ),
]
