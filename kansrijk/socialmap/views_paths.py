"""Pages of care paths (zorgpaden) and the "Passend aanbod" section of the family file.

Who may open what, in plain words:
- the list of the coalition's care paths and a path's page: professionals and coordinators
  of the active coalition (read-only for professionals); a path of another coalition is
  "not found";
- creating and changing a path, its steps and their services: coordinators of the active
  coalition (403 for everyone else); the services check it again;
- the family-file section: whoever sees the file (the file page fetched the family through
  the access policy before it asks the sections).
Analysts and administrators get nothing here (403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.care.needs import Need, family_needs_reads
from kansrijk.core.reversing import reverse
from kansrijk.core.together import Reader
from kansrijk.families.pages import add_service_errors
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Municipality, Role

from . import selectors_paths as selectors
from . import services_paths as services
from . import views_referrals
from .forms_paths import CarePathForm, MoveForm, StepForm, StepServiceForm
from .models import CarePath, CarePathRoute, CarePathStepService

# --- Who may -----------------------------------------------------------------------------------


def may_read_paths(request) -> bool:
    """Professionals and coordinators of the active coalition (no query: `request.active`)."""
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and (active.has_role(Role.PROFESSIONAL) or active.has_role(Role.COORDINATOR))
    )


def may_edit_paths(request) -> bool:
    active = getattr(request, "active", None)
    return bool(
        active is not None and active.coalition is not None and active.has_role(Role.COORDINATOR)
    )


def _reader(request):
    if not may_read_paths(request):
        raise PermissionDenied
    return request.active.coalition


def _editor(request):
    if not may_edit_paths(request):
        raise PermissionDenied
    return request.active.coalition


def _path(coalition, pk: int) -> CarePath:
    path = CarePath.objects.select_related("coalition", "updated_by").filter(pk=pk).first()
    if path is None or path.coalition_id != coalition.pk:
        raise Http404(_("Dit zorgpad bestaat niet (meer)."))
    return path


def _to_path(path: CarePath, anchor: str = ""):
    url = reverse("socialmap:path_detail", args=[path.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _service_error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- List and page ---------------------------------------------------------------------------


def path_list(request):
    """The coalition's care paths by need and route; two queries (paths with their step
    count in one aggregate, and the session's coalition)."""
    coalition = _reader(request)
    paths = list(selectors.coalition_paths(coalition.pk))
    return render(
        request,
        "socialmap/path_list.html",
        {"paths": paths, "may_edit": may_edit_paths(request)},
    )


def path_detail(request, pk: int):
    """A care path with its steps and their services (three queries: the path, its steps,
    the steps' services with provider and municipality)."""
    coalition = _reader(request)
    path = selectors.path_with_steps(_path(coalition, pk))
    steps = list(path.steps.all())
    for step in steps:
        for link in step.services.all():
            link.url = selectors.service_url(link.service_id, link.municipality_id)
    return render(
        request,
        "socialmap/path_detail.html",
        {"path": path, "steps": steps, "may_edit": may_edit_paths(request)},
    )


# --- Path --------------------------------------------------------------------------------------


def _display(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name == "need":
        return Need(value).label if value in Need.values else str(value)
    if name == "route":
        return CarePathRoute(int(value)).label if int(value) in CarePathRoute.values else value
    if name == "is_active":
        return _("Ja") if value in (True, "on", "True", "true") else _("Nee")
    return str(value)


def _conflict(request, path: CarePath, conflict: VersionConflict):
    """Both versions side by side and the form with the second writer's input (HTTP 409)."""
    data = request.POST.copy()
    data["version"] = str(conflict.current_version)
    rows = []
    for name in services.PATH_FIELDS:
        stored = _display(name, conflict.current.get(name))
        submitted = _display(name, conflict.submitted.get(name))
        rows.append(
            {
                "label": capfirst(CarePath._meta.get_field(name).verbose_name),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    return render(
        request,
        "socialmap/path_conflict.html",
        {"path": path, "form": CarePathForm(data), "rows": rows, "conflict": conflict},
        status=409,
    )


@require_http_methods(["GET", "POST"])
def path_edit(request, pk: int | None = None):
    """Create a care path (no `pk`) or change it, with the version check; coordinators."""
    coalition = _editor(request)
    path = _path(coalition, pk) if pk is not None else None
    if request.method == "POST":
        form = CarePathForm(request.POST)
        if form.is_valid():
            try:
                path = services.care_path_save(
                    actor=request.user,
                    coalition=coalition,
                    data=form.path_data(),
                    path_pk=path.pk if path else None,
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except VersionConflict as conflict:
                return _conflict(request, path, conflict)
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(request, _("Zorgpad %(name)s is opgeslagen.") % {"name": path})
                return _to_path(path)
    elif path is None:
        form = CarePathForm(initial={"version": 0})
    else:
        form = CarePathForm(initial={**services.snapshot(path), "version": path.version})
    return render(
        request,
        "socialmap/path_form.html",
        {"form": form, "path": path},
        status=400 if form.errors else 200,
    )


# --- Steps -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def path_step_edit(request, pk: int, step_pk: int | None = None):
    """Add a step at the end (no `step_pk`) or change one; coordinators."""
    path = _path(_editor(request), pk)
    step = None
    if step_pk is not None:
        step = path.steps.filter(pk=step_pk).first()
        if step is None:
            raise Http404(_("Deze stap bestaat niet (meer)."))
    if request.method == "POST":
        form = StepForm(request.POST)
        if form.is_valid():
            try:
                step = services.care_path_step_save(
                    actor=request.user,
                    path=path,
                    data=form.cleaned_data,
                    step_pk=step.pk if step else None,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                saved = _("Stap %(title)s is opgeslagen.") % {"title": step.title}
                messages.success(request, saved)
                return _to_path(path, f"stap-{step.pk}")
    else:
        initial = {"title": step.title, "description": step.description} if step else None
        form = StepForm(initial=initial)
    return render(
        request,
        "socialmap/path_step_form.html",
        {"form": form, "path": path, "step": step},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def path_step_remove(request, pk: int, step_pk: int):
    """Ask, then remove a step with its services; coordinators."""
    path = _path(_editor(request), pk)
    step = path.steps.filter(pk=step_pk).first()
    if step is None:
        raise Http404(_("Deze stap bestaat niet (meer)."))
    if request.method == "POST":
        try:
            services.care_path_step_remove(
                actor=request.user, path=path, step_pk=step.pk, request=request
            )
        except ValidationError as error:
            _service_error(request, error)
        else:
            messages.success(request, _("Stap %(title)s is verwijderd.") % {"title": step.title})
        return _to_path(path, "stappen")
    return render(
        request,
        "socialmap/path_confirm.html",
        {
            "path": path,
            "title": _("Stap verwijderen"),
            "confirm": _("Ja, verwijderen"),
            "question": _(
                "Weet je zeker dat je stap %(position)s, %(title)s, met het aanbod erbij uit dit "
                "zorgpad verwijdert? De stappen erna schuiven een plaats op."
            )
            % {"position": step.position, "title": step.title},
        },
    )


@require_POST
def path_step_move(request, pk: int, step_pk: int):
    """Move a step one place up or down; coordinators."""
    path = _path(_editor(request), pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of de stap omhoog of omlaag moet."))
        return _to_path(path, "stappen")
    try:
        services.care_path_step_move(
            actor=request.user,
            path=path,
            step_pk=step_pk,
            up=form.cleaned_data["richting"] == "omhoog",
            request=request,
        )
    except ValidationError as error:
        _service_error(request, error)
    return _to_path(path, f"stap-{step_pk}")


# --- Services of a step ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def path_step_service_add(request, pk: int, step_pk: int):
    """Add one of the coalition's active services to a step, for every municipality or as a
    municipality's alternative; coordinators."""
    coalition = _editor(request)
    path = _path(coalition, pk)
    step = path.steps.filter(pk=step_pk).first()
    if step is None:
        raise Http404(_("Deze stap bestaat niet (meer)."))
    form = StepServiceForm(
        request.POST if request.method == "POST" else None,
        services=list(selectors.active_services(coalition.pk)),
        municipalities=list(Municipality.objects.filter(coalition=coalition).order_by("name")),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.care_path_step_service_add(
                actor=request.user,
                path=path,
                step_pk=step.pk,
                service=form.chosen_service(),
                municipality=form.chosen_municipality(),
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("%(service)s staat nu bij stap %(title)s.")
                % {"service": form.chosen_service().name, "title": step.title},
            )
            return _to_path(path, f"stap-{step.pk}")
    return render(
        request,
        "socialmap/path_service_form.html",
        {"form": form, "path": path, "step": step},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def path_step_service_remove(request, pk: int, step_pk: int, link_pk: int):
    """Ask, then take a service off a step; coordinators."""
    path = _path(_editor(request), pk)
    link = (
        CarePathStepService.objects.select_related("step", "service", "municipality")
        .filter(pk=link_pk, step_id=step_pk, step__care_path=path)
        .first()
    )
    if link is None:
        raise Http404(_("Dit aanbod staat niet (meer) bij deze stap."))
    if request.method == "POST":
        try:
            services.care_path_step_service_remove(
                actor=request.user, path=path, link_pk=link.pk, request=request
            )
        except ValidationError as error:
            _service_error(request, error)
        else:
            messages.success(
                request, _("%(service)s is weggehaald.") % {"service": link.service.name}
            )
        return _to_path(path, f"stap-{step_pk}")
    where = link.municipality.name if link.municipality else _("alle gemeenten")
    return render(
        request,
        "socialmap/path_confirm.html",
        {
            "path": path,
            "title": _("Aanbod weghalen"),
            "confirm": _("Ja, weghalen"),
            "question": _(
                "Weet je zeker dat je %(service)s (%(where)s) weghaalt bij stap %(title)s? Het "
                "aanbod zelf blijft op de sociale kaart."
            )
            % {"service": link.service.name, "where": where, "title": link.step.title},
        },
    )


# --- The family file ---------------------------------------------------------------------------


def paths_file_section(request, family) -> Reader:
    """ "Passend aanbod": the family's needs (from the registered need sources: the plan's
    open concerns and the latest assessment) with the coalition's care paths for them and
    each step's services in the family's municipality.

    A fixed number of queries, however many paths, steps and services and whether or not
    the family has needs: one per need source (two), and three for the suggestions (paths,
    steps, step services with provider and their access in the family's municipality). A
    reader (`kansrijk.core.together`): the sources' queries go out with the other sections',
    the suggestions' three together after them. Whether the viewer may refer comes from the
    care team the file page prefetched.
    """
    needs = yield from family_needs_reads(family)
    suggestions = yield from selectors.family_suggestions_reads(family, needs)
    return {
        "family": family,
        "needs": suggestions,
        "search_url": selectors.search_url("", family.municipality_id),
        "list_url": reverse("socialmap:path_list") if may_read_paths(request) else "",
        # "Verwijzen" beside each service that is available in the family's municipality.
        "refer_url": (
            reverse("socialmap:referral_create", args=[family.pk])
            if views_referrals.may_refer(request, family)
            else ""
        ),
    }
