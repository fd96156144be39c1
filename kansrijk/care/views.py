"""Care pages. For now: marking a family's task done (from the family file)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.families.pages import family_for_form

from . import services


@require_POST
def task_complete(request, pk: int, task_pk: int):
    family = family_for_form(request, pk)
    try:
        task = services.task_complete(
            actor=request.user, family_pk=family.pk, task_pk=task_pk, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Taak afgerond: %(title)s") % {"title": task.title})
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("families:detail", pk=family.pk)
