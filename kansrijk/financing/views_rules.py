"""Pages of the financing rules ("Financiering" under Beheer): per calendar year the year's
figures, the rules per kind of care, the insurers' exceptions, and per municipality the
compensation routes.

Who may open what, in plain words:
- reading: professionals, coordinators and administrators of the active coalition (the
  rules hold no family data; analysts work with aggregates and get 403 here, as on the
  other coalition pages they do not use);
- the year's figures, the rules and the insurers' exceptions, loading the shipped figures
  and copying a year: administrators of the active coalition (403 for everyone else);
- the compensation routes: administrators and coordinators (403 for everyone else);
- a row of another coalition is "not found" (404).
The services check the roles again and write the audit trail.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.families.pages import add_service_errors
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Municipality, Role
from kansrijk.socialmap.models import Service, ServiceStatus

from . import selectors_rules as selectors
from . import services_rules as services
from .defaults import YEAR as DEFAULTS_YEAR
from .forms_rules import CompensationForm, ExceptionForm, RuleForm, YearCopyForm, YearForm
from .models import CompensationRoute, FinancingRule, FinancingYear, InsurerException

READ_ROLES = {Role.PROFESSIONAL, Role.COORDINATOR, Role.ADMINISTRATOR}

# --- Who may -----------------------------------------------------------------------------------


def _active(request):
    active = getattr(request, "active", None)
    return active if active is not None and active.coalition is not None else None


def may_read_rules(request) -> bool:
    """Professionals, coordinators and administrators of the active coalition (no query)."""
    active = _active(request)
    return bool(active and active.roles & READ_ROLES)


def may_write_rules(request) -> bool:
    active = _active(request)
    return bool(active and active.has_role(Role.ADMINISTRATOR))


def may_write_compensation(request) -> bool:
    active = _active(request)
    return bool(
        active and (active.has_role(Role.ADMINISTRATOR) or active.has_role(Role.COORDINATOR))
    )


def _reader(request):
    if not may_read_rules(request):
        raise PermissionDenied
    return request.active.coalition


def _rules_writer(request):
    if not may_write_rules(request):
        raise PermissionDenied
    return request.active.coalition


def _compensation_writer(request):
    if not may_write_compensation(request):
        raise PermissionDenied
    return request.active.coalition


def _row(model, coalition, pk: int, **related):
    queryset = model.objects.filter(pk=pk, coalition=coalition)
    if related.get("select"):
        queryset = queryset.select_related(*related["select"])
    row = queryset.first()
    if row is None:
        raise Http404(_("Dit bestaat niet (meer) in deze coalitie."))
    return row


def _to_rules(year: int | None = None, anchor: str = ""):
    url = reverse("financing:rules")
    if year is not None:
        url = f"{url}?jaar={year}"
    return redirect(f"{url}#{anchor}" if anchor else url)


def _year_param(request) -> int:
    asked = request.GET.get("jaar", "")
    if asked.isascii() and asked.isdigit() and 2000 <= int(asked) <= 2100:
        return int(asked)
    raise Http404(_("Kies een jaar van 2000 tot en met 2100."))


# --- The overview ------------------------------------------------------------------------------


def rules(request):
    """The rules of one year (`?jaar=`, else the latest up to now) with the year's figures,
    the insurers' exceptions and the compensation routes per municipality. Five queries
    besides the session's, whatever the number of rules (`selectors.rules_page`)."""
    coalition = _reader(request)
    page = selectors.rules_page(coalition.pk, request.GET.get("jaar"))
    return render(
        request,
        "financing/rules.html",
        {
            "page": page,
            "may_write": may_write_rules(request),
            "may_write_compensation": may_write_compensation(request),
            "defaults_year": DEFAULTS_YEAR,
        },
    )


@require_POST
def defaults_load(request):
    """Load the shipped figures and rules of the demo year (administrators); idempotent."""
    coalition = _rules_writer(request)
    written = services.financing_defaults_load(
        actor=request.user, coalition=coalition, request=request
    )
    if written:
        messages.success(
            request,
            _("De standaardcijfers van %(year)s zijn geladen, met hun bron.")
            % {"year": DEFAULTS_YEAR},
        )
    else:
        messages.info(
            request,
            _("De standaardcijfers van %(year)s waren er al; er is niets veranderd.")
            % {"year": DEFAULTS_YEAR},
        )
    return _to_rules(DEFAULTS_YEAR)


# --- Forms, conflicts and confirmations --------------------------------------------------------


def _display(model, name: str, value) -> str:
    if value in (None, "", []):
        return "—"
    field = model._meta.get_field(name)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if name == "care_kinds":
        return ", ".join(selectors.care_kind_labels(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if name in ("contribution_amount", "max_amount", "eigen_risico"):
        return selectors.money(value)
    if hasattr(value, "pk"):
        return str(value)
    return str(value)


def _conflict_rows(model, names, conflict: VersionConflict) -> list[dict]:
    rows = []
    for name in names:
        stored = _display(model, name, conflict.current.get(name))
        submitted = _display(model, name, conflict.submitted.get(name))
        rows.append(
            {
                "label": capfirst(model._meta.get_field(name).verbose_name),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    return rows


def _form_page(request, context: dict, *, form, conflict=None, model=None, names=()):
    """The shared form page; with `conflict` the two versions side by side (409) and the
    form again with the second writer's input and the current version."""
    context = {"form": form, **context}
    status = 400 if form.is_bound and form.errors else 200
    if conflict is not None:
        data = request.POST.copy()
        data["version"] = str(conflict.current_version)
        context["form"] = type(form)(data, **context.pop("form_kwargs", {}))
        context["conflict"] = conflict
        context["rows"] = _conflict_rows(model, names, conflict)
        status = 409
    context.pop("form_kwargs", None)
    return render(request, "financing/rules_form.html", context, status=status)


def _submit(request, context: dict, form, *, save, done, model, names):
    """The shared POST of the form pages: `save(form)` through the service and `done(saved)`
    (a message and a redirect); a stale version gives the conflict page (409), a refusal the
    form again with the errors next to the fields (400)."""
    if form.is_valid():
        try:
            saved = save(form)
        except VersionConflict as conflict:
            return _form_page(
                request, context, form=form, conflict=conflict, model=model, names=names
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            return done(saved)
    return _form_page(request, context, form=form)


def _confirm(request, *, title: str, question: str, confirm: str, year: int | None):
    return render(
        request,
        "financing/rules_confirm.html",
        {
            "title": title,
            "question": question,
            "confirm": confirm,
            "cancel_url": f"{reverse('financing:rules')}?jaar={year}"
            if year
            else reverse("financing:rules"),
        },
    )


# --- Year figures ------------------------------------------------------------------------------


def _year_initial(figures: FinancingYear | None) -> dict:
    if figures is None:
        return {"version": 0}
    return {
        **{name: getattr(figures, name) for name in YearForm.DATA_FIELDS},
        "version": figures.version,
    }


@require_http_methods(["GET", "POST"])
def year_add(request):
    """Add a year with its figures (administrators); the rules follow, or copy a year."""
    coalition = _rules_writer(request)
    form = YearForm(request.POST or None, with_year=True, initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            services.financing_year_save(
                actor=request.user,
                coalition=coalition,
                year=year,
                data=form.data_dict(),
                expected_version=0,
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, _("Jaar %(year)s is toegevoegd.") % {"year": year})
            return _to_rules(year)
    return _form_page(
        request,
        {
            "title": _("Jaar toevoegen"),
            "intro": _(
                "Vul de cijfers van het nieuwe jaar in, elk met de bron. Wil je de regels van "
                "een eerder jaar meenemen? Kopieer dan dat jaar."
            ),
            "action": reverse("financing:year_add"),
            "cancel_url": reverse("financing:rules"),
        },
        form=form,
    )


@require_http_methods(["GET", "POST"])
def year_edit(request, year: int):
    """The figures of `year` (administrators): changed with the version check, or added
    when the year has rules but no figures yet."""
    coalition = _rules_writer(request)
    if not 2000 <= year <= 2100:
        raise Http404
    figures = FinancingYear.objects.filter(coalition=coalition, year=year).first()
    context = {
        "title": _("Cijfers %(year)s") % {"year": year},
        "intro": _(
            "De cijfers die niet bij één soort zorg horen. Elk bedrag en elk aantal uren "
            "heeft een bron; laat een cijfer leeg als je de bron niet hebt."
        ),
        "action": reverse("financing:year_edit", args=[year]),
        "cancel_url": f"{reverse('financing:rules')}?jaar={year}",
    }
    if request.method == "POST":

        def save(form):
            return services.financing_year_save(
                actor=request.user,
                coalition=coalition,
                year=year,
                data=form.data_dict(),
                expected_version=form.cleaned_data["version"],
                request=request,
            )

        def done(_saved):
            messages.success(
                request, _("De cijfers van %(year)s zijn opgeslagen.") % {"year": year}
            )
            return _to_rules(year, "cijfers")

        return _submit(
            request,
            context,
            YearForm(request.POST),
            save=save,
            done=done,
            model=FinancingYear,
            names=services.YEAR_FIELDS,
        )
    else:
        form = YearForm(initial=_year_initial(figures))
    return _form_page(request, context, form=form)


@require_http_methods(["GET", "POST"])
def year_copy(request, year: int):
    """Ask for the new year, then copy the figures, rules and insurers' exceptions of `year`
    to it (administrators); refused when the new year has figures already."""
    coalition = _rules_writer(request)
    has_rows = (
        FinancingRule.objects.filter(coalition=coalition, year=year).exists()
        or FinancingYear.objects.filter(coalition=coalition, year=year).exists()
        or InsurerException.objects.filter(coalition=coalition, year=year).exists()
    )
    if not has_rows:
        raise Http404(_("Dit jaar heeft geen cijfers om te kopiëren."))
    form = YearCopyForm(request.POST or None, initial={"target_year": year + 1})
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target_year"]
        try:
            copied = services.financing_year_copy(
                actor=request.user,
                coalition=coalition,
                source_year=year,
                target_year=target,
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _(
                    "%(source)s is gekopieerd naar %(target)s (%(count)s regels en cijfers). "
                    "Pas de bedragen aan die in %(target)s anders zijn, met hun bron."
                )
                % {"source": year, "target": target, "count": copied},
            )
            return _to_rules(target)
    return _form_page(
        request,
        {
            "title": _("Jaar %(year)s kopiëren") % {"year": year},
            "intro": _(
                "De cijfers, regels en uitzonderingen van %(year)s worden gekopieerd naar het "
                "nieuwe jaar, met hun bron. Controleer daarna elk bedrag: een bedrag van "
                "%(year)s geldt niet vanzelf ook in het nieuwe jaar. Kopiëren kan alleen naar "
                "een jaar dat nog geen cijfers heeft."
            )
            % {"year": year},
            "action": reverse("financing:year_copy", args=[year]),
            "cancel_url": f"{reverse('financing:rules')}?jaar={year}",
            "submit": _("Ja, kopiëren"),
        },
        form=form,
    )


# --- Rules -------------------------------------------------------------------------------------


def _services(coalition):
    """The coalition's services for the choice of a service rule (provider joined)."""
    return list(
        Service.objects.filter(coalition=coalition)
        .exclude(status=ServiceStatus.INACTIVE)
        .select_related("organization")
        .order_by("name", "id")
    )


def _rule_initial(rule: FinancingRule) -> dict:
    initial = {name: getattr(rule, name) for name in RuleForm.DATA_FIELDS}
    initial["service"] = str(rule.service_id) if rule.service_id else ""
    initial["version"] = rule.version
    return initial


@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int | None = None):
    """Add a rule to a year (`?jaar=`) or change one, with the version check
    (administrators)."""
    coalition = _rules_writer(request)
    rule = _row(FinancingRule, coalition, pk, select=["service"]) if pk is not None else None
    year = rule.year if rule else _year_param(request)
    choices = _services(coalition)
    if rule and rule.service_id and all(s.pk != rule.service_id for s in choices):
        choices.append(rule.service)
    form_kwargs = {"services": choices}
    action = (
        reverse("financing:rule_edit", args=[rule.pk])
        if rule
        else f"{reverse('financing:rule_add')}?jaar={year}"
    )
    context = {
        "title": (
            _("Regel %(rule)s bewerken") % {"rule": rule}
            if rule
            else _("Nieuwe regel voor %(year)s") % {"year": year}
        ),
        "intro": _(
            "Wie betaalt deze zorg, en wat betaalt het gezin zelf? Vul alleen bedragen in "
            "waarvan je de bron kent, en noem die bron."
        ),
        "action": action,
        "cancel_url": f"{reverse('financing:rules')}?jaar={year}",
        "form_kwargs": form_kwargs,
    }
    if request.method == "POST":

        def save(form):
            return services.financing_rule_save(
                actor=request.user,
                coalition=coalition,
                year=year,
                data=form.data_dict(),
                rule_pk=rule.pk if rule else None,
                expected_version=form.cleaned_data["version"],
                request=request,
            )

        def done(rule):
            messages.success(request, _("Regel %(rule)s is opgeslagen.") % {"rule": rule})
            return _to_rules(year, f"regel-{rule.pk}")

        return _submit(
            request,
            context,
            RuleForm(request.POST, **form_kwargs),
            save=save,
            done=done,
            model=FinancingRule,
            names=services.RULE_FIELDS,
        )
    elif rule is not None:
        form = RuleForm(initial=_rule_initial(rule), **form_kwargs)
    else:
        care_kind = request.GET.get("soort", "")
        form = RuleForm(initial={"version": 0, "care_kind": care_kind}, **form_kwargs)
    return _form_page(request, context, form=form)


@require_http_methods(["GET", "POST"])
def rule_delete(request, pk: int):
    coalition = _rules_writer(request)
    rule = _row(FinancingRule, coalition, pk)
    if request.method == "POST":
        try:
            services.financing_rule_delete(
                actor=request.user, coalition=coalition, rule_pk=rule.pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Regel %(rule)s is verwijderd.") % {"rule": rule})
        return _to_rules(rule.year, "regels")
    return _confirm(
        request,
        title=_("Regel verwijderen"),
        question=_(
            "Weet je zeker dat je de regel %(rule)s verwijdert? Het financieringsoverzicht van "
            "gezinnen gebruikt hem dan niet meer."
        )
        % {"rule": rule},
        confirm=_("Ja, verwijderen"),
        year=rule.year,
    )


# --- Insurers' exceptions ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def exception_edit(request, pk: int | None = None):
    """Add an insurer's exception to a year (`?jaar=`) or change one (administrators)."""
    coalition = _rules_writer(request)
    exception = _row(InsurerException, coalition, pk) if pk is not None else None
    year = exception.year if exception else _year_param(request)
    context = {
        "title": _("Uitzondering bewerken")
        if exception
        else _("Nieuwe uitzondering voor %(year)s") % {"year": year},
        "intro": _(
            "Een polis die meer vergoedt dan het basispakket, bijvoorbeeld de eigen bijdrage "
            "uit een aanvullende verzekering of een gemeentepolis. Noem de bron."
        ),
        "action": reverse("financing:exception_edit", args=[exception.pk])
        if exception
        else f"{reverse('financing:exception_add')}?jaar={year}",
        "cancel_url": f"{reverse('financing:rules')}?jaar={year}",
    }
    if request.method == "POST":

        def save(form):
            return services.insurer_exception_save(
                actor=request.user,
                coalition=coalition,
                year=year,
                data=form.data_dict(),
                exception_pk=exception.pk if exception else None,
                expected_version=form.cleaned_data["version"],
                request=request,
            )

        def done(_saved):
            messages.success(request, _("De uitzondering is opgeslagen."))
            return _to_rules(year, "uitzonderingen")

        return _submit(
            request,
            context,
            ExceptionForm(request.POST),
            save=save,
            done=done,
            model=InsurerException,
            names=services.EXCEPTION_FIELDS,
        )
    elif exception is not None:
        form = ExceptionForm(
            initial={
                **{name: getattr(exception, name) for name in ExceptionForm.DATA_FIELDS},
                "version": exception.version,
            }
        )
    else:
        form = ExceptionForm(initial={"version": 0})
    return _form_page(request, context, form=form)


@require_http_methods(["GET", "POST"])
def exception_delete(request, pk: int):
    coalition = _rules_writer(request)
    exception = _row(InsurerException, coalition, pk)
    if request.method == "POST":
        try:
            services.insurer_exception_delete(
                actor=request.user, coalition=coalition, exception_pk=exception.pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De uitzondering is verwijderd."))
        return _to_rules(exception.year, "uitzonderingen")
    return _confirm(
        request,
        title=_("Uitzondering verwijderen"),
        question=_("Weet je zeker dat je de uitzondering %(exception)s (%(year)s) verwijdert?")
        % {"exception": exception, "year": exception.year},
        confirm=_("Ja, verwijderen"),
        year=exception.year,
    )


# --- Compensation routes -----------------------------------------------------------------------


def _municipalities(coalition) -> list[Municipality]:
    return list(Municipality.objects.filter(coalition=coalition).order_by("name"))


@require_http_methods(["GET", "POST"])
def compensation_edit(request, pk: int | None = None):
    """Add or change a municipality's compensation route (administrators, coordinators)."""
    coalition = _compensation_writer(request)
    route = _row(CompensationRoute, coalition, pk) if pk is not None else None
    form_kwargs = {"municipalities": _municipalities(coalition)}
    context = {
        "title": _("Vergoedingsregeling bewerken") if route else _("Nieuwe vergoedingsregeling"),
        "intro": _(
            "Wat een gemeente biedt om de eigen kosten van een gezin terug te betalen "
            "(bijzondere bijstand, gemeentepolis, een lokaal fonds) en onder welke voorwaarden."
        ),
        "action": reverse("financing:compensation_edit", args=[route.pk])
        if route
        else reverse("financing:compensation_add"),
        "cancel_url": f"{reverse('financing:rules')}#vergoedingen",
        "form_kwargs": form_kwargs,
    }
    if request.method == "POST":

        def save(form):
            return services.compensation_route_save(
                actor=request.user,
                coalition=coalition,
                data=form.data_dict(),
                route_pk=route.pk if route else None,
                expected_version=form.cleaned_data["version"],
                request=request,
            )

        def done(route):
            messages.success(request, _("Regeling %(name)s is opgeslagen.") % {"name": route.name})
            return _to_rules(anchor="vergoedingen")

        return _submit(
            request,
            context,
            CompensationForm(request.POST, **form_kwargs),
            save=save,
            done=done,
            model=CompensationRoute,
            names=services.COMPENSATION_FIELDS,
        )
    elif route is not None:
        initial = {name: getattr(route, name) for name in CompensationForm.DATA_FIELDS}
        initial.update(municipality=str(route.municipality_id), version=route.version)
        form = CompensationForm(initial=initial, **form_kwargs)
    else:
        form = CompensationForm(initial={"version": 0}, **form_kwargs)
    return _form_page(request, context, form=form)


@require_http_methods(["GET", "POST"])
def compensation_delete(request, pk: int):
    coalition = _compensation_writer(request)
    route = _row(CompensationRoute, coalition, pk)
    if request.method == "POST":
        try:
            services.compensation_route_delete(
                actor=request.user, coalition=coalition, route_pk=route.pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Regeling %(name)s is verwijderd.") % {"name": route.name})
        return _to_rules(anchor="vergoedingen")
    return _confirm(
        request,
        title=_("Vergoedingsregeling verwijderen"),
        question=_(
            "Weet je zeker dat je %(name)s verwijdert? Wil je de regeling alleen tijdelijk niet "
            "tonen, zet dan 'In gebruik' uit."
        )
        % {"name": route.name},
        confirm=_("Ja, verwijderen"),
        year=None,
    )
