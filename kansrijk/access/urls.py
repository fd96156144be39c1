from django.urls import path

from . import views, views_log, views_oidc

app_name = "access"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.login_verify, name="login_verify"),
    path("inloggen/authenticator/", views.totp_setup, name="totp_setup"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("account/", views.account, name="account"),
    path("account/wachtwoord/", views.password_change, name="password_change"),
    path("account/overal-uitloggen/", views.end_other_sessions, name="end_other_sessions"),
    path("account/tokens/<int:pk>/intrekken/", views.api_token_revoke, name="api_token_revoke"),
    # Break-the-glass and the NEN 7513 access log (issue 4).
    path("gezinnen/<int:pk>/noodtoegang/", views_log.break_the_glass, name="break_the_glass"),
    path("noodtoegang/", views_log.break_the_glass_search, name="break_the_glass_search"),
    path(
        "gezinnen/<int:pk>/toegang/",
        views_log.family_access_report,
        name="family_access_report",
    ),
    path("toegangslog/", views_log.log_search, name="log_search"),
    path(
        "toegangslog/noodtoegang/",
        views_log.break_the_glass_review,
        name="break_the_glass_review",
    ),
    path(
        "toegangslog/noodtoegang/<int:pk>/beoordelen/",
        views_log.break_the_glass_review_mark,
        name="break_the_glass_review_mark",
    ),
    # Single sign-on through an organisation's OpenID Connect provider (issue 13).
    path("inloggen/via/<int:pk>/", views_oidc.oidc_start, name="oidc_start"),
    path("inloggen/oidc/terug/", views_oidc.oidc_callback, name="oidc_callback"),
    path("beheer/inlogdiensten/", views_oidc.oidc_provider_list, name="oidc_provider_list"),
    path(
        "beheer/inlogdiensten/nieuw/",
        views_oidc.oidc_provider_create,
        name="oidc_provider_create",
    ),
    path(
        "beheer/inlogdiensten/<int:pk>/",
        views_oidc.oidc_provider_edit,
        name="oidc_provider_edit",
    ),
    path(
        "beheer/inlogdiensten/<int:pk>/verwijderen/",
        views_oidc.oidc_provider_delete,
        name="oidc_provider_delete",
    ),
]
