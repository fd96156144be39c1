from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .context import SESSION_KEY


@require_POST
def switch_coalition(request):
    """Work in another coalition the professional is a member of."""
    chosen = request.POST.get("coalition", "")
    coalitions = {str(c.pk): c for c in request.active.coalitions}
    if chosen not in coalitions:
        messages.error(request, _("Je bent geen lid van die coalitie."))
    else:
        request.session[SESSION_KEY] = coalitions[chosen].pk
        messages.success(
            request, _("Je werkt nu in %(coalition)s.") % {"coalition": coalitions[chosen].name}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "core:home"
    return redirect(target)
