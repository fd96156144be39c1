"""The klantroute pages: the grid, its poster to print or project, and its XLSX export.

Who may open what, in plain words: coordinators and analysts of the active coalition, for
that coalition only (no query: `request.active`); professionals without one of those roles
and administrators get 403; without a session the pages send to the login page. Only
coordinators see the links to record an improvement agreement on a gap (they manage the
coalition's agreements). Nothing here is family data: referrals are counted only, of families
with monitoring consent, and suppressed; the poster and the export are logged in the audit
trail as the monitoring exports are.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kansrijk.core.audit import audit_record
from kansrijk.core.forms import Form
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Role
from kansrijk.socialmap.vocabulary import TargetGroup

from . import exports_klantroute as exports
from .selectors_klantroute import coalition_municipalities, klantroute

EXPORT_ACTION = getattr(AuditEvent.Action, "EXPORT", AuditEvent.Action.CREATE)
DEFAULT_TARGET_GROUP = TargetGroup.values[0]


def _active(request):
    active = getattr(request, "active", None)
    return active if active is not None and active.coalition is not None else None


def may_read_klantroute(request) -> bool:
    """Coordinators and analysts of the active coalition (no query: `request.active`)."""
    active = _active(request)
    return bool(active and (active.has_role(Role.COORDINATOR) or active.has_role(Role.ANALYST)))


def may_make_agreements(request) -> bool:
    active = _active(request)
    return bool(active and active.has_role(Role.COORDINATOR))


def _reader(request):
    if not may_read_klantroute(request):
        raise PermissionDenied
    return request.active.coalition


class KlantrouteFilterForm(Form):
    doelgroep = forms.ChoiceField(
        label=gettext_lazy("Doelgroep"), choices=TargetGroup.choices, required=False
    )
    gemeente = forms.CharField(label=gettext_lazy("Gemeente"), required=False, widget=forms.Select)

    def __init__(self, data=None, *, municipalities, **kwargs):
        super().__init__(data, **kwargs)
        self.municipalities = {str(m.pk): m for m in municipalities}
        self.fields["doelgroep"].error_messages["invalid_choice"] = gettext_lazy(
            "Kies een van de doelgroepen uit de lijst."
        )
        self.fields["gemeente"].widget.choices = [
            ("", _("Alle gemeenten")),
            *[(str(m.pk), m.name) for m in municipalities],
        ]

    def clean_doelgroep(self) -> str:
        return self.cleaned_data.get("doelgroep") or DEFAULT_TARGET_GROUP

    def clean_gemeente(self):
        value = (self.cleaned_data.get("gemeente") or "").strip()
        if not value:
            return None
        municipality = self.municipalities.get(value)
        if municipality is None:
            raise forms.ValidationError(_("Kies een gemeente van je coalitie, of alle gemeenten."))
        return municipality

    def choice(self):
        """The target group and municipality to show: what was chosen where it is valid, the
        first target group and all municipalities where it is not."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return data.get("doelgroep") or DEFAULT_TARGET_GROUP, data.get("gemeente")


def _filters(request, coalition):
    """The form to show, the target group and the municipality (one query: the coalition's
    municipalities). Bad input keeps its error next to the field; the page then shows the
    default for what was wrong."""
    municipalities = coalition_municipalities(coalition.pk)
    form = KlantrouteFilterForm(request.GET or None, municipalities=municipalities)
    if form.is_bound:
        form.is_valid()
    target_group, municipality = form.choice()
    if not form.is_bound or not form.errors:
        initial = {"doelgroep": target_group, "gemeente": municipality.pk if municipality else ""}
        form = KlantrouteFilterForm(initial=initial, municipalities=municipalities)
    return form, target_group, municipality, municipalities


def query_string(target_group: str, municipality) -> str:
    values = {"doelgroep": target_group}
    if municipality is not None:
        values["gemeente"] = municipality.pk
    return urlencode(values)


def agreement_url(target_group: str, phase: str, need: str, municipality_id) -> str:
    """The form of the other part (`landscape:agreement_create`), filled in for one gap."""
    query = urlencode(
        {
            "doelgroep": target_group,
            "fase": phase,
            "behoefte": need,
            "gemeente": municipality_id or "",
        }
    )
    return f"{reverse('landscape:agreement_create')}?{query}"


def _context(request, coalition):
    form, target_group, municipality, municipalities = _filters(request, coalition)
    data = klantroute(
        coalition,
        target_group=target_group,
        municipality=municipality,
        municipalities=municipalities,
    )
    return {
        "form": form,
        "data": data,
        "grid": data.grid,
        "coalition": coalition,
        "target_group": target_group,
        "municipality": municipality,
        "query": query_string(target_group, municipality),
        "may_make_agreements": may_make_agreements(request),
        "today": timezone.localdate(),
    }


def _log(request, coalition, context, what: str) -> None:
    municipality = context["municipality"]
    audit_record(
        actor=request.user,
        action=EXPORT_ACTION,
        coalition=coalition,
        object_type="landscape.klantroute",
        summary=_("%(what)s van de klantroute, %(group)s, %(where)s")
        % {
            "what": what,
            "group": TargetGroup(context["target_group"]).label,
            "where": municipality.name if municipality else _("alle gemeenten"),
        },
        changes={
            "target_group": context["target_group"],
            "municipality": municipality.pk if municipality else None,
        },
        request=request,
    )


def _table(context) -> list[dict]:
    """The grid's rows for the template, each cell with the links to record an agreement on
    its gaps (coordinators only): one per municipality with a gap, or one for the coalition
    (or the filtered municipality) when the cell has no service at all."""
    links = context["may_make_agreements"] and not context.get("poster")
    phases = dict(context["grid"].phases)
    target_group, municipality = context["target_group"], context["municipality"]
    rows = []
    for row in context["grid"].rows:
        cells = []
        for cell in row.cells:
            statuses = [
                (
                    status,
                    agreement_url(target_group, cell.phase, cell.need, status.municipality.id)
                    if links and status.gaps
                    else "",
                )
                for status in cell.statuses
            ]
            empty_link = ""
            if links and cell.no_service:
                empty_link = agreement_url(
                    target_group, cell.phase, cell.need, municipality.pk if municipality else ""
                )
            cells.append(
                {
                    "cell": cell,
                    "statuses": statuses,
                    "empty_link": empty_link,
                    "phase_label": phases[cell.phase],
                }
            )
        rows.append({"row": row, "cells": cells})
    return rows


@require_GET
def klantroute_page(request):
    """The klantroute of one target group: phases by needs, each cell with its services per
    municipality, its gaps, its use and its open agreements."""
    coalition = _reader(request)
    context = _context(request, coalition)
    context["table"] = _table(context)
    status = 400 if context["form"].errors else 200
    return render(request, "landscape/klantroute.html", context, status=status)


@require_GET
def klantroute_print(request):
    """The klantroute as a poster: large type, readable on a projector, printable; no menu."""
    coalition = _reader(request)
    context = _context(request, coalition)
    if not context["form"].errors:
        _log(request, coalition, context, _("Poster"))
    context["printed_at"] = timezone.localtime()
    context["poster"] = True
    context["table"] = _table(context)
    status = 400 if context["form"].errors else 200
    return render(request, "landscape/klantroute_print.html", context, status=status)


@require_GET
def klantroute_xlsx(request):
    """The klantroute as a workbook: the services per cell and municipality, and per cell its
    gaps, use and open agreements."""
    coalition = _reader(request)
    context = _context(request, coalition)
    form = context["form"]
    if form.errors:
        messages = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponse(
            " ".join(messages), status=400, content_type="text/plain; charset=utf-8"
        )
    content = exports.xlsx_bytes(context["data"])
    _log(request, coalition, context, "XLSX")
    response = HttpResponse(content, content_type=exports.XLSX_TYPE)
    name = exports.filename(context["data"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
