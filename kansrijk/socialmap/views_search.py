"""The social map for professionals: search the coalition's services and read one service.

Who may use it: everyone who works in the active coalition as a professional, coordinator or
analyst. The map holds no family data, so no access event is written; it is public within the
coalition and nothing of another coalition is shown (a service of another coalition is "not
found"). A technical administrator without one of those roles gets "no access" (403), as on
the other areas that are not theirs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kansrijk.families.pages import active_coalition
from kansrijk.organisations.models import Role

from . import selectors_search as selectors
from .forms_search import ServiceSearchForm
from .terms import service_terms
from .views_map import maintenance_link

MAP_ROLES = (Role.PROFESSIONAL, Role.COORDINATOR, Role.ANALYST)


@dataclass(frozen=True)
class ServiceAction:
    """An action on the service page (such as "Verwijzen"), added by another part of the map.

    `context(request, service)` returns the template's context, or None to leave the action
    out for this user. The template is included in the page's `{% block service_actions %}`
    with that context as `action`, beside the page's own context (`service`,
    `chosen_municipality`, `request`; `request.GET` may carry `gezin`). Keep `context` to a
    fixed number of queries: the page's query count is tested.
    """

    template: str
    order: int
    context: Callable[[object, object], dict | None]


_service_actions: dict[str, ServiceAction] = {}


def register_service_action(*, code: str, template: str, order: int, context) -> None:
    """Add (or replace, on a reload) an action on the service page; from `register()`."""
    _service_actions[code] = ServiceAction(template=template, order=order, context=context)


def service_actions(request, service) -> list[dict]:
    actions = []
    for action in sorted(_service_actions.values(), key=lambda a: a.order):
        context = action.context(request, service)
        if context is not None:
            actions.append({"template": action.template, "context": context})
    return actions


def may_use_social_map(request) -> bool:
    """The "Sociale kaart" menu item and its pages: a professional, coordinator or analyst
    of the active coalition (no query: `request.active` holds the memberships)."""
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and any(active.has_role(role) for role in MAP_ROLES)
    )


def _coalition(request):
    if not may_use_social_map(request):
        raise PermissionDenied
    return active_coalition(request)


@require_GET
def search(request):
    """Search and filter the coalition's services, best match first, 20 per page."""
    coalition = _coalition(request)
    form = ServiceSearchForm(request.GET or None, coalition=coalition)
    criteria = form.criteria() if form.is_bound else selectors.SearchCriteria()
    today = timezone.localdate()
    page_obj = selectors.search_services(
        coalition, criteria, page_number=request.GET.get("pagina"), today=today
    )
    return render(
        request,
        "socialmap/search.html",
        {
            "form": form,
            "criteria": criteria,
            "page_obj": page_obj,
            # Not available in the chosen municipality: last, under their own heading.
            "available": [hit for hit in page_obj.object_list if not hit.not_available],
            "unavailable": [hit for hit in page_obj.object_list if hit.not_available],
            "filtered": criteria.filtered or bool(form.errors),
            "municipality": criteria.municipality,
            "filter_label": _("Aanbod zoeken"),
            # Coordinators and delegated editors: the way to the maintenance pages.
            **maintenance_link(request),
        },
    )


def _chosen_municipality(request) -> int | None:
    try:
        return int(request.GET.get("municipality", ""))
    except ValueError:
        return None


def _checked_by(service) -> str:
    """Who last checked the service: the professional, else HSDS's assurer e-mail."""
    if service.assured_by is not None:
        return service.assured_by.get_full_name() or service.assured_by.username
    return service.assurer_email


@require_GET
def service_detail(request, pk):
    """Everything a professional needs to know about one service of the coalition."""
    coalition = _coalition(request)
    service = selectors.service_for_page(coalition, pk)
    if service is None:
        raise Http404(_("Dit aanbod bestaat niet (meer) in deze coalitie."))
    terms = service_terms([service.pk])[service.pk]
    chosen = _chosen_municipality(request)
    access = selectors.access_table(service, coalition, chosen)
    today = timezone.localdate()
    locations = [at.location for at in service.at_locations.all()]
    for schedule in [*service.schedules.all()] + [
        schedule for location in locations for schedule in location.schedules.all()
    ]:
        schedule.text = selectors.describe_schedule(schedule)
    return render(
        request,
        "socialmap/service_detail.html",
        {
            "service": service,
            "labels": selectors.term_labels(terms),
            "access": access,
            "chosen_municipality": access[0]["municipality"]
            if access and access[0]["chosen"]
            else None,
            "check_overdue": selectors.check_overdue(service.assured_date, today),
            "checked_by": _checked_by(service),
            "locations": locations,
            "actions": service_actions(request, service),
        },
    )
