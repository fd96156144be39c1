from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.login_verify, name="login_verify"),
    path("inloggen/authenticator/", views.totp_setup, name="totp_setup"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("account/", views.account, name="account"),
    path("account/wachtwoord/", views.password_change, name="password_change"),
    path("account/tokens/<int:pk>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
]
