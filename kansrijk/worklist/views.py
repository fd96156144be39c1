"""Pages of the work queue: the chain signals, "my tasks", the coalition's thresholds.

The queue of a professional shows their own families with why each signal is there and a
link or action to fix it; the queue of a coordinator shows the coalition's signals with the
minimum they need (reference, phase, signal, responsible organisation) and no link into a
file: a coordinator opens a file only on a ground of the access policy, like anyone else.
"""

from collections import Counter
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.core.reversing import reverse
from kansrijk.families.pages import family_for_write
from kansrijk.organisations.models import Role
from kansrijk.organisations.permissions import role_required

from . import selectors, services
from .forms import DueDateForm, SignalSettingsForm, TaskFilterForm, WorklistFilterForm

PAGE_SIZE = 25


def _active(request):
    active = getattr(request, "active", None)
    if active is None or active.coalition is None:
        return None
    return active


def may_use_worklist(request) -> bool:
    """The "Werkvoorraad" menu item: professionals and coordinators of the active coalition."""
    active = _active(request)
    return bool(
        active and (active.has_role(Role.PROFESSIONAL) or active.has_role(Role.COORDINATOR))
    )


def may_use_tasks(request) -> bool:
    """The "Mijn taken" menu item: professionals of the active coalition."""
    active = _active(request)
    return bool(active and active.has_role(Role.PROFESSIONAL))


def queue(request):
    """The work queue. A coordinator sees the coalition's signals; one who also works as a
    professional there can switch to their own (`?weergave=mijn`).

    Queries: the thresholds (1) and one per active rule, whatever the number of signals;
    filtering, sorting and paging happen on the computed list.
    """
    if not may_use_worklist(request):
        raise PermissionDenied
    active = request.active
    coalition = active.coalition
    is_coordinator = active.has_role(Role.COORDINATOR)
    is_professional = active.has_role(Role.PROFESSIONAL)
    coalition_view = is_coordinator and not (
        is_professional and request.GET.get("weergave") == "mijn"
    )
    today = timezone.localdate()
    if coalition_view:
        families = selectors.open_families_of_coalition(coalition)
    else:
        families = selectors.own_open_family_ids(request.user, coalition)
    signals = selectors.chain_signals(families, coalition, today=today)
    form = WorklistFilterForm(request.GET, counts=Counter(s.rule.code for s in signals))
    rule_code = form.value("regel")
    sort = form.value("volgorde") or "regel"
    shown = selectors.sort_signals(
        [s for s in signals if not rule_code or s.rule.code == rule_code], sort
    )
    page_obj = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [_row(signal, coalition_view=coalition_view) for signal in page_obj.object_list]
    if sort == "regel":
        groups = [(rule, list(items)) for rule, items in groupby(rows, key=lambda r: r["rule"])]
    else:
        groups = [(None, rows)]
    return render(
        request,
        "worklist/queue.html",
        {
            "form": form,
            "page_obj": page_obj,
            "groups": groups,
            "total": len(signals),
            "filtered": bool(rule_code),
            "coalition_view": coalition_view,
            "may_switch": is_coordinator and is_professional,
            "today": today,
        },
    )


def _row(signal: selectors.ChainSignal, *, coalition_view: bool) -> dict:
    row = {"signal": signal, "rule": signal.rule, "act_url": "", "act_method": ""}
    if not coalition_view:
        act = signal.rule.act
        row["act_url"] = reverse(act.url_name, args=[signal.family_id])
        row["act_method"] = act.method
        row["family_url"] = reverse("families:detail", args=[signal.family_id])
    return row


def _back(request, default: str = "worklist:queue"):
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect(default)


@require_POST
def plan_jgz_contact(request, pk: int):
    """ "Plan JGZ-contact" on a family in the gap: a task for the JGZ (see the service)."""
    family = family_for_write(request, pk)
    form = DueDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldige datum in, bijvoorbeeld 14-03-2026."))
        return _back(request)
    try:
        task = services.jgz_contact_plan(
            actor=request.user,
            family_pk=family.pk,
            due_date=form.cleaned_data["due_date"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("JGZ-contact gepland voor gezin %(reference)s: %(owner)s, uiterlijk %(date)s.")
            % {
                "reference": family.reference,
                "owner": task.owner_label,
                "date": task.due_date.strftime("%d-%m-%Y"),
            },
        )
    return _back(request)


@require_POST
def record_aftercare(request, pk: int):
    """ "Nazorgafspraak vastleggen": the after-care agreement as a task of the professional."""
    family = family_for_write(request, pk)
    form = DueDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldige datum in, bijvoorbeeld 14-03-2026."))
        return _back(request)
    try:
        services.aftercare_record(
            actor=request.user,
            family_pk=family.pk,
            agreement=form.cleaned_data["agreement"],
            due_date=form.cleaned_data["due_date"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Nazorgafspraak vastgelegd voor gezin %(reference)s.")
            % {"reference": family.reference},
        )
    return _back(request)


def my_tasks(request):
    """Open (or done) tasks owned by me or my organisation, on my families.

    Queries: the families the policy gives me (their ids), the count and the page (the family,
    owner and organisation joined).
    """
    if not may_use_tasks(request):
        raise PermissionDenied
    form = TaskFilterForm(request.GET)
    tasks = selectors.my_tasks(request.user, request.active.coalition, done=form.done)
    page_obj = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "worklist/my_tasks.html",
        {
            "form": form,
            "page_obj": page_obj,
            "done": form.done,
            "today": timezone.localdate(),
        },
    )


@role_required(Role.COORDINATOR)
def signal_settings(request):
    """The coalition's thresholds per rule, and which rules are on (audited on change)."""
    coalition = request.active.coalition
    form = SignalSettingsForm(
        request.POST if request.method == "POST" else None,
        thresholds=selectors.thresholds(coalition),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.signal_settings_save(
                actor=request.user,
                coalition=coalition,
                values={
                    code: services.SettingValue(days, active)
                    for code, (days, active) in form.values().items()
                },
                request=request,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if changed:
                messages.success(request, _("De ketensignalen zijn opgeslagen."))
            else:
                messages.info(request, _("Er is niets gewijzigd."))
            return redirect("worklist:signal_settings")
    return render(
        request,
        "worklist/signal_settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
