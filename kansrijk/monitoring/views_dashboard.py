"""The coalition's monitoring dashboard, an indicator's definition, the exports and the
printable report.

Who may open what, in plain words: coordinators and analysts of the active coalition, for
that coalition only (analysts see aggregates only, and these pages have nothing else);
professionals without one of those roles and administrators get 403. A municipality of
another coalition is refused as a bad filter. Every figure is suppressed before it reaches a
template or a file (selectors_dashboard); exports and the report are logged in the audit
trail, without personal data (there is none in them).
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kansrijk.core.audit import audit_record
from kansrijk.core.models import AuditEvent
from kansrijk.organisations.models import Role

from . import exports
from . import indicators as registry
from .forms_dashboard import DashboardFilterForm
from .indicators import Scope
from .protection import CACHE_SECONDS
from .report_sections import sections_for
from .selectors_dashboard import (
    coalition_municipalities,
    dashboard,
    default_period,
    recent_periods,
)

# AuditEvent has no "export" action (yet): an export is recorded as a file that was made.
EXPORT_ACTION = getattr(AuditEvent.Action, "EXPORT", AuditEvent.Action.CREATE)
FORMATS = ("csv", "xlsx")


def may_read_monitoring(request) -> bool:
    """Coordinators and analysts of the active coalition (no query: `request.active`)."""
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and (active.has_role(Role.COORDINATOR) or active.has_role(Role.ANALYST))
    )


def _reader(request):
    if not may_read_monitoring(request):
        raise PermissionDenied
    return request.active.coalition


def _filters(request, coalition):
    """The filter form to show, the period and the municipality (one query: the coalition's
    municipalities). Bad input keeps its error next to the field, and the page shows the
    default period and all municipalities for what was wrong."""
    municipalities = coalition_municipalities(coalition.pk)
    options = {
        "municipalities": municipalities,
        "recent": recent_periods(),
        "default": default_period(),
    }
    form = DashboardFilterForm(request.GET or None, **options)
    if form.is_bound:
        form.is_valid()
    period, municipality = form.choice()
    if not form.is_bound or not form.errors:
        initial = {"periode": period.code, "gemeente": municipality.pk if municipality else ""}
        form = DashboardFilterForm(initial=initial, **options)
    return form, period, municipality


def _query(period, municipality) -> str:
    values = {"periode": period.code}
    if municipality is not None:
        values["gemeente"] = municipality.pk
    return urlencode(values)


def _context(request, coalition, filters=None):
    form, period, municipality = filters or _filters(request, coalition)
    scope = Scope(coalition.pk, municipality.pk if municipality else None)
    data = dashboard(scope, period)
    return {
        "form": form,
        "data": data,
        "period": period,
        "municipality": municipality,
        "coalition": coalition,
        "query": _query(period, municipality),
        "cache_seconds": CACHE_SECONDS,
    }


@require_GET
def dashboard_page(request):
    """The indicators of the chosen period and municipality, grouped, each with its table,
    the comparison with the previous period and a trend per month. The queries do not depend
    on the number of families (see selectors_dashboard)."""
    coalition = _reader(request)
    context = _context(request, coalition)
    status = 400 if context["form"].errors else 200
    return render(request, "monitoring/dashboard.html", context, status=status)


@require_GET
def definition_page(request, code: str):
    """An indicator's definition: numerator, denominator, period, inclusion, sources, version."""
    _reader(request)
    try:
        indicator = registry.get(code)
    except KeyError:
        raise Http404(_("Deze indicator bestaat niet.")) from None
    return render(request, "monitoring/definition.html", {"indicator": indicator})


def _log(request, coalition, context, what: str) -> None:
    municipality = context["municipality"]
    audit_record(
        actor=request.user,
        action=EXPORT_ACTION,
        coalition=coalition,
        object_type="monitoring.indicators",
        summary=_("%(what)s van de indicatoren, %(period)s, %(where)s")
        % {
            "what": what,
            "period": context["period"].code,
            "where": municipality.name if municipality else _("alle gemeenten"),
        },
        changes={
            "period": context["period"].code,
            "municipality": municipality.pk if municipality else None,
        },
        request=request,
    )


def _refused(form) -> HttpResponse:
    messages = [str(error) for errors in form.errors.values() for error in errors]
    return HttpResponse(" ".join(messages), status=400, content_type="text/plain; charset=utf-8")


@require_GET
def export(request):
    """The shown, suppressed indicators as CSV or XLSX (`?format=csv|xlsx`)."""
    coalition = _reader(request)
    kind = request.GET.get("format", "csv")
    if kind not in FORMATS:
        return HttpResponse(
            _("Kies als formaat csv of xlsx."), status=400, content_type="text/plain; charset=utf-8"
        )
    filters = _filters(request, coalition)
    if filters[0].errors:
        return _refused(filters[0])
    context = _context(request, coalition, filters)
    data, municipality = context["data"], context["municipality"]
    if kind == "xlsx":
        content = exports.xlsx_bytes(data, coalition, municipality)
        content_type = exports.XLSX_TYPE
    else:
        content = exports.csv_bytes(data, coalition, municipality)
        content_type = exports.CSV_TYPE
    _log(request, coalition, context, kind.upper())
    response = HttpResponse(content, content_type=content_type)
    name = exports.filename(data, coalition, municipality, kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def report(request):
    """The printable report of a period for the coalition's governance: every indicator with
    its table, comparison and trend; the menu and buttons are hidden when printing."""
    coalition = _reader(request)
    context = _context(request, coalition)
    if not context["form"].errors:
        _log(request, coalition, context, _("Rapport"))
    context["printed_at"] = timezone.localtime()
    context["sections"] = sections_for(coalition, context.get("municipality"))
    status = 400 if context["form"].errors else 200
    return render(request, "monitoring/report.html", context, status=status)
