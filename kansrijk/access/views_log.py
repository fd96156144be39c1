"""Pages for emergency access (break-the-glass) and the NEN 7513 access log.

Who may do what:

- Break the glass on a family (by its number, or by its reference on the search form): a
  professional of the family's coalition who does not see the family on an ordinary ground.
  Anyone else gets the same "not found" page as for a number that does not exist: other
  coalitions, coordinators, analysts and administrators learn nothing. Someone who already
  sees the family is sent to the file. The search form answers the same whether or not
  the reference exists until a valid reason is given; a miss is then logged.
- The access report of a family: its care-team members (for now every current member,
  later only the case director), on the "care team" ground. Opening it is logged.
  Everyone else, break-the-glass users included, gets "not found".
- The coalition-wide log search and the break-the-glass review: coordinators of the
  coalition the professional works in now (403 for others). They see only events of the
  families of that coalition; each search is itself logged.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.core.reversing import reverse
from kansrijk.organisations.models import Role
from kansrijk.organisations.permissions import role_required

from . import selectors_log, services
from .forms_log import (
    AccessLogSearchForm,
    BreakTheGlassForm,
    BreakTheGlassReviewFilterForm,
    BreakTheGlassReviewForm,
    BreakTheGlassSearchForm,
)
from .models import AccessEvent, BreakTheGlass, break_the_glass_hours
from .policy import (
    NOT_FOUND_MESSAGE,
    families_visible_to,
    get_family_for_user,
    ground_holds,
    ground_labels,
    registered_grounds,
)

REPORT_PAGE_SIZE = 50
LOG_PAGE_SIZE = 50
REVIEW_PAGE_SIZE = 25
# The log is kept five years (NEN 7513); queries are always bounded by time, so that a
# monthly partitioned table only reads the partitions it needs.
RETENTION = timedelta(days=5 * 366)
# An event points at its family, so it is written while the family exists: none is older
# than the family's file. The margin covers a timestamp cut to the second and a clock that
# differs; the partitions are months, so it costs at most one partition more.
FAMILY_EVENTS_MARGIN = timedelta(days=1)
CARE_TEAM_GROUND = "care_team"

coordinator_required = role_required(Role.COORDINATOR)


def _family_file_url(family_pk: int) -> str:
    return reverse("families:detail", args=[family_pk])


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _started_message(request, glass) -> None:
    messages.warning(
        request,
        _(
            "Je hebt nu noodtoegang tot gezin %(reference)s tot %(until)s. Alles wat je "
            "bekijkt wordt gelogd en gemeld aan de casusregisseur en de coördinator."
        )
        % {
            "reference": glass.family.reference,
            "until": date_format(timezone.localtime(glass.expires_at), "j F Y H:i"),
        },
    )


def _already_has_access(request, family_pk: int):
    messages.info(request, _("Je hebt al toegang tot dit gezin; noodtoegang is niet nodig."))
    return redirect(_family_file_url(family_pk))


def _open(request, form, family_pk: int):
    """Start the emergency access from a valid form; None when the service refuses."""
    try:
        glass = services.break_the_glass_open(
            user=request.user,
            family_pk=family_pk,
            reason=form.cleaned_data["reason"],
            explanation=form.cleaned_data["explanation"],
            request=request,
        )
    except services.BreakTheGlassNotNeeded:
        return _already_has_access(request, family_pk)
    except ValidationError as error:
        _add_errors(form, error)
        return None
    _started_message(request, glass)
    return redirect(_family_file_url(glass.family_id))


# --- Break-the-glass ----------------------------------------------------------------------


def break_the_glass(request, pk: int):
    """Emergency access to family `pk`, for a professional of its coalition off its team.

    The page shows only the number that was typed, never the family's data: the person has
    no ground yet.
    """
    # One query: the family must be of a coalition where the user works as professional;
    # for anyone else it does not exist (same 404 as an unknown number).
    family = selectors_log.family_to_break_the_glass(user=request.user, pk=pk)
    if family is None or not request.user.is_active:
        raise Http404(NOT_FOUND_MESSAGE)
    if families_visible_to(request.user).filter(pk=pk).exists():
        return _already_has_access(request, pk)
    form = BreakTheGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        response = _open(request, form, pk)
        if response is not None:
            return response
    return render(
        request,
        "access/log/break_the_glass.html",
        {"form": form, "family_pk": pk, "hours": break_the_glass_hours()},
    )


def _professional_in_active_coalition(request) -> bool:
    return any(membership.is_professional for membership in request.active.memberships)


def break_the_glass_search(request):
    """Ask for emergency access by the family's reference, in the coalition worked in now."""
    if request.active.coalition is None or not _professional_in_active_coalition(request):
        raise PermissionDenied
    coalition = request.active.coalition
    form = BreakTheGlassSearchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        family = selectors_log.family_by_reference(coalition=coalition, reference=reference)
        if family is None:
            # Logged, so that guessing references shows up in the coordinators' search.
            services.access_event_record(
                user=request.user,
                action=AccessEvent.Action.SEARCH,
                coalition=coalition,
                authorisation=False,
                treatment_relationship=False,
                consent=False,
                emergency=False,
                detail=_("Noodtoegang gevraagd voor onbekend dossiernummer %(reference)s")
                % {"reference": reference},
                request=request,
            )
            form.add_error(
                "reference",
                _("Er is geen gezin met dit dossiernummer in %(coalition)s.")
                % {"coalition": coalition.name},
            )
        else:
            response = _open(request, form, family.pk)
            if response is not None:
                return response
    return render(
        request,
        "access/log/break_the_glass_search.html",
        {"form": form, "hours": break_the_glass_hours()},
    )


# --- Access report of one family ----------------------------------------------------------


def family_access_report(request, pk: int):
    """Who looked at this family's file, when, how, and on what ground ("wie keek er?")."""
    if not ground_holds(request.user, pk, CARE_TEAM_GROUND):
        raise Http404(NOT_FOUND_MESSAGE)
    family = get_family_for_user(
        request.user,
        pk,
        AccessEvent.Action.READ,
        request=request,
        detail=_("Toegangsrapport ingezien"),
    )
    # Every column is copied text on the event itself (who, organisation, discipline), so
    # the page needs no joins: a count and one page of rows, however many events there are.
    # Bounded below by the family's creation, not only by the five years kept: PostgreSQL
    # then plans and reads only the months the family existed (planning over all 60-odd
    # monthly partitions cost more than reading the rows, benchmark of issue 5).
    since = max(timezone.now() - RETENTION, family.created_at - FAMILY_EVENTS_MARGIN)
    events = (
        AccessEvent.objects.filter(family=family, timestamp__gte=since)
        .order_by("-timestamp", "-id")
        .values(*REPORT_COLUMNS)
    )
    page_obj = Paginator(events, REPORT_PAGE_SIZE).get_page(request.GET.get("pagina"))
    page_obj.object_list = _report_rows(page_obj.object_list)
    return render(
        request,
        "access/log/family_access_report.html",
        {
            "family": family,
            "page_obj": page_obj,
            "family_url": _family_file_url(family.pk),
        },
    )


# What a line of the access report shows: text copied onto the event when it was written.
REPORT_COLUMNS = (
    "id",
    "timestamp",
    "user_display",
    "organisation",
    "discipline",
    "on_behalf_of",
    "action",
    "detail",
    "ground",
    "ground_detail",
    "authorisation",
)


def _report_rows(values) -> list[SimpleNamespace]:
    """The report's lines as plain objects with the attributes the template reads.

    Not model instances: the page shows 50 lines, and per line `get_action_display` of the
    model translated every choice of the field again (Django hashes the lazy labels), which
    with building the instances cost a fifth of the page (benchmark, issue 5). The action's
    label is looked up in one translated table per page instead.
    """
    actions = {value: str(label) for value, label in AccessEvent.Action.choices}
    grounds = ground_labels()
    return [
        SimpleNamespace(
            **row,
            pk=row["id"],
            get_action_display=actions.get(row["action"], row["action"]),
            ground_label=grounds.get(row["ground"], ""),
        )
        for row in values
    ]


# --- Coordinators: the access-log search and the break-the-glass review -------------------


def _search_summary(filters: dict) -> str:
    return selectors_log.access_log_search_summary(filters)


@coordinator_required
def log_search(request):
    coalition = request.active.coalition
    grounds = registered_grounds()
    form = AccessLogSearchForm(request.GET, grounds=grounds)
    page_obj = None
    filters = {}
    if form.is_valid():
        filters = form.cleaned_data
        events = selectors_log.access_log_search(coalition=coalition, filters=filters)
        page_obj = Paginator(events, LOG_PAGE_SIZE).get_page(request.GET.get("pagina"))
        services.access_event_record(
            user=request.user,
            action=AccessEvent.Action.SEARCH,
            coalition=coalition,
            authorisation=True,
            treatment_relationship=False,
            consent=False,
            emergency=False,
            detail=_search_summary(filters),
            request=request,
        )
    return render(
        request,
        "access/log/log_search.html",
        {
            "form": form,
            "page_obj": page_obj,
            "filtered": any(value not in ("", None) for value in filters.values()),
        },
    )


def _review_list(request, coalition):
    form = BreakTheGlassReviewFilterForm(request.GET)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    glasses = selectors_log.break_the_glass_for_review(coalition=coalition, status=status)
    return form, status, Paginator(glasses, REVIEW_PAGE_SIZE).get_page(request.GET.get("pagina"))


@coordinator_required
def break_the_glass_review(request):
    coalition = request.active.coalition
    form, status, page_obj = _review_list(request, coalition)
    # The explanations can hold family data, so reading them is logged.
    services.access_event_record(
        user=request.user,
        action=AccessEvent.Action.SEARCH,
        coalition=coalition,
        authorisation=True,
        treatment_relationship=False,
        consent=False,
        emergency=False,
        detail=_("Noodtoegangen ter beoordeling bekeken"),
        request=request,
    )
    return render(
        request,
        "access/log/break_the_glass_review.html",
        {
            "form": form,
            "page_obj": page_obj,
            "filtered": bool(status),
            "now": timezone.now(),
        },
    )


@coordinator_required
@require_POST
def break_the_glass_review_mark(request, pk: int):
    coalition = request.active.coalition
    glass = (
        BreakTheGlass.objects.filter(coalition=coalition)
        .select_related("user", "family")
        .filter(pk=pk)
        .first()
    )
    if glass is None:
        raise Http404(NOT_FOUND_MESSAGE)
    form = BreakTheGlassReviewForm(request.POST)
    if form.is_valid():
        try:
            services.break_the_glass_review(
                reviewer=request.user,
                coalition=coalition,
                glass_pk=pk,
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("De noodtoegang van %(who)s tot gezin %(reference)s is beoordeeld.")
                % {"who": glass.user.username, "reference": glass.family.reference},
            )
        return redirect("access:break_the_glass_review")
    # Keep what was typed next to the error (DESIGN.md section 5).
    return render(
        request,
        "access/log/break_the_glass_review_mark.html",
        {"form": form, "glass": glass},
        status=400,
    )


def _is_coordinator(request) -> bool:
    active = getattr(request, "active", None)
    return bool(active and active.coalition and active.has_role(Role.COORDINATOR))


def _is_professional(request) -> bool:
    active = getattr(request, "active", None)
    return bool(active and active.coalition and _professional_in_active_coalition(request))


def may_search_log(request) -> bool:
    """Whether the "Toegangslog" menu item is shown."""
    return _is_coordinator(request)


def may_request_break_the_glass(request) -> bool:
    """Whether the "Noodtoegang" menu item is shown."""
    return _is_professional(request)
