"""The faults page under Beheer ("Taken en e-mails"): background tasks that failed for good
or got stuck (their worker died while running them) and e-mails that could not be sent, each
with "Opnieuw proberen".

Who may open it, in plain words: administrators (the "Beheerder" role, the technical
administrators) of the active coalition; everyone else gets 403. Tasks belong to the whole
installation and carry only ids, so every administrator sees all failed tasks; an e-mail is
shown to the administrators of its coalition (and mails of no coalition to all of them), and
only by its kind, time, attempts and error: never its address or text (a mail to a family
member is family data, which technical administrators do not see).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_tasks_db.models import DBTaskResult

from .mail_outbox import failed_mails, outgoing_mail_retry
from .models import OutgoingMail
from .operations import mail_kind, task_row
from .tasks_retry import failed_tasks, task_retry

PAGE_SIZE = 25
# `organisations.models.Role.ADMINISTRATOR`; core sits below organisations and names the
# role by its value.
ADMINISTRATOR = "administrator"


def may_see_operations(request) -> bool:
    """Administrators of the active coalition (no query: `request.active`)."""
    active = getattr(request, "active", None)
    return bool(
        active is not None and active.coalition is not None and active.has_role(ADMINISTRATOR)
    )


def _administrator(request):
    if not may_see_operations(request):
        raise PermissionDenied
    return request.active.coalition


@require_GET
def operations(request):
    coalition = _administrator(request)
    # Each list costs a count and a page; no related rows are read.
    tasks = Paginator(failed_tasks(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    mails = Paginator(failed_mails(coalition), PAGE_SIZE).get_page(request.GET.get("mails"))
    task_rows = [task_row(row) for row in tasks]
    mail_rows = [{"mail": mail, "kind": mail_kind(mail.label)} for mail in mails]
    return render(
        request,
        "core/operations/operations.html",
        {"tasks": tasks, "task_rows": task_rows, "mails": mails, "mail_rows": mail_rows},
    )


@require_POST
def operations_task_retry(request, pk):
    coalition = _administrator(request)
    try:
        row = task_retry(actor=request.user, task_id=pk, coalition=coalition, request=request)
    except DBTaskResult.DoesNotExist:
        raise Http404 from None
    messages.success(
        request, _("De taak %(name)s wordt opnieuw uitgevoerd.") % {"name": row.task_name}
    )
    return redirect("core:operations")


@require_POST
def operations_mail_retry(request, pk: int):
    coalition = _administrator(request)
    try:
        mail = outgoing_mail_retry(
            actor=request.user, mail_pk=pk, coalition=coalition, request=request
        )
    except OutgoingMail.DoesNotExist:
        raise Http404 from None
    messages.success(
        request,
        _("De e-mail (%(kind)s) wordt opnieuw verstuurd.") % {"kind": mail_kind(mail.label)},
    )
    return redirect("core:operations")
