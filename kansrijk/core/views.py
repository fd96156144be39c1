from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .models import Notification
from .outage import database_unavailable, is_database_outage

NOTIFICATIONS_PAGE_SIZE = 25


def home(request):
    return render(request, "core/home.html")


def notifications(request):
    """The logged-in person's own notifications; POST marks one ("melding") or all read.

    Only the recipient's notifications are ever read or changed: another person's number
    simply matches nothing.
    """
    own = Notification.objects.filter(recipient=request.user)
    if request.method == "POST":
        if "alle" in request.POST:
            count = own.mark_read()
        else:
            count = own.filter(pk=_int(request.POST.get("melding"))).mark_read()
        if count:
            messages.success(request, _("Gemarkeerd als gelezen."))
        return redirect("core:notifications")
    # Notifications point at their coalition for its name only; one page of rows.
    page_obj = Paginator(own.select_related("coalition"), NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "core/notifications.html", {"page_obj": page_obj})


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page; the 503 of `outage` when the database could not be reached."""
    if is_database_outage(request):
        return database_unavailable(request)
    return render(request, "500.html", status=500)
