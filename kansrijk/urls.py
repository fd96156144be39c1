from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path
from django.views.i18n import set_language
from health_check.views import HealthCheckView

from kansrijk.access.middleware import allowed_with_temporary_password

handler403 = "kansrijk.core.views.permission_denied"
handler404 = "kansrijk.core.views.page_not_found"
handler500 = "kansrijk.core.views.server_error"


def _admin_login(request, extra_context=None):
    """The admin has no login of its own: everyone logs in with two factors through kansrijk."""
    return redirect_to_login(request.get_full_path())


admin.site.login = login_not_required(_admin_login)


urlpatterns = [
    path("", include("kansrijk.core.urls")),
    path("", include("kansrijk.access.urls")),
    path("", include("kansrijk.organisations.urls")),
    path("gezinnen/", include("kansrijk.families.urls")),
    path("", include("kansrijk.care.urls")),
    path("", include("kansrijk.signaling.urls")),
    path("", include("kansrijk.socialmap.urls")),
    path("", include("kansrijk.financing.urls")),
    path("", include("kansrijk.monitoring.urls")),
    path("", include("kansrijk.landscape.urls")),
    path("", include("kansrijk.interop.urls")),
    path("", include("kansrijk.portal.urls")),
    path("", include("kansrijk.mdo.urls")),
    path("", include("kansrijk.worklist.urls")),
    path("api/v1/", include("kansrijk.api_urls")),
    path(
        "i18n/setlang/",
        allowed_with_temporary_password(login_not_required(set_language)),
        name="set_language",
    ),
    path(
        "healthz/",
        login_not_required(HealthCheckView.as_view(checks=["health_check.checks.Database"])),
        name="healthz",
    ),
]

if settings.ADMIN_ENABLED:
    urlpatterns.append(path("admin/", admin.site.urls))
