"""Pages of the meeting itself: meeting mode (the agenda for a projector or tablet, one
page per item with the discussion and decisions), attendance, and the minutes with their
print version.

Who may open what, in plain words:
- every page is for the meeting's *managers* (`services.is_manager`: chair, secretary,
  coordinators of the series' coalition) and its participants; a draft or cancelled
  meeting only for the managers. Everyone else gets 403; analysts and administrators too;
- managers write (discussion, decisions, attendance, minutes); participants read;
- what a page shows of a family follows `selectors.agenda_rows`: a named item (consent for
  named discussion in force) shows the family only to a viewer the access policy lets see
  it, and that read is logged (`get_family_for_user`, NEN 7513); everyone else sees the
  anonymous summary. The print version logs a print event per named family it shows.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.care.selectors_handovers import current_care_team_members, current_case_director
from kansrijk.families.pages import add_service_errors
from kansrijk.signaling.selectors import family_signaling

from . import selectors, services, services_decisions
from .forms_meeting import (
    AttendanceForm,
    DecisionForm,
    DiscussionForm,
    MeetingVersionForm,
    MinutesForm,
)
from .models import Decision, ItemStatus, MdoMeeting, MeetingStatus
from .panels import item_panels

Action = AccessEvent.Action
OPEN_ITEMS = (ItemStatus.ON_AGENDA, ItemStatus.DISCUSSED)
WRITING_STATUSES = (MeetingStatus.PUBLISHED, MeetingStatus.HELD)


# --- Who may --------------------------------------------------------------------------------


@dataclass
class Viewer:
    meeting: MdoMeeting
    manager: bool

    @property
    def may_write(self) -> bool:
        return self.manager and self.meeting.status in WRITING_STATUSES


def _viewer(request, pk: int) -> Viewer:
    """The meeting and whether the user manages it; 403 for anyone but its managers and
    participants (and for participants while it is a draft or cancelled)."""
    active = getattr(request, "active", None)
    if active is None or active.coalition is None:
        raise PermissionDenied
    meeting = MdoMeeting.objects.select_related("series__coalition").filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Dit overleg bestaat niet (meer)."))
    manager = services.is_manager(request.user, meeting)
    if not manager:
        participant = meeting.participants.filter(professional=request.user).exists()
        hidden = meeting.status in (MeetingStatus.DRAFT, MeetingStatus.CANCELLED)
        if not participant or hidden:
            raise PermissionDenied
    return Viewer(meeting=meeting, manager=manager)


def _require_writer(viewer: Viewer) -> None:
    if not viewer.manager:
        raise PermissionDenied


def _conflict_page(request, meeting, *, stored: str, submitted: str, form, expected: int):
    return render(
        request,
        "mdo/meeting/minutes_conflict.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "conflict": {"expected_version": expected, "current_version": meeting.version},
            "rows": [
                {
                    "label": _("Verslag"),
                    "stored": stored,
                    "submitted": submitted,
                    "differs": stored.strip() != submitted.strip(),
                }
            ],
            "form": form,
        },
        status=409,
    )


def _is_stale(error: ValidationError) -> bool:
    """Whether the service refused a stale version (`services._check_version`)."""
    errors = (
        [e for field_errors in error.error_dict.values() for e in field_errors]
        if hasattr(error, "error_dict")
        else error.error_list
    )
    return any(e.code == "stale" for e in errors)


# --- Meeting mode: the agenda ---------------------------------------------------------------


def discuss(request, pk: int):
    """The agenda as a big list for a projector or a tablet, with each item's decisions.

    Reads, whatever the number of items: the meeting (1), manager or participant (1-3), the
    agenda rows (`selectors.agenda_rows`: 3) and the number of decisions per item (1).
    """
    viewer = _viewer(request, pk)
    meeting = viewer.meeting
    rows = selectors.agenda_rows(meeting, request.user, statuses=OPEN_ITEMS)
    counts = dict(
        Decision.objects.filter(item__meeting=meeting)
        .values("item_id")
        .annotate(count=Count("pk"))
        .values_list("item_id", "count")
    )
    return render(
        request,
        "mdo/meeting/discuss.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "manager": viewer.manager,
            "rows": [(row, counts.get(row.item.pk, 0)) for row in rows],
        },
    )


# --- Meeting mode: one item -----------------------------------------------------------------


@dataclass
class FamilySummary:
    family: object
    signaling: object
    care_team: list
    case_director: object
    panels: list


def _family_summary(request, row) -> FamilySummary | None:
    """For a named item the viewer may see: the family, read through the policy (logged)."""
    if not row.identified:
        return None
    family = get_family_for_user(
        request.user,
        row.item.family_id,
        Action.READ,
        request=request,
        detail=_("MDO: agendapunt ingezien"),
    )
    care_team = current_care_team_members(family)
    return FamilySummary(
        family=family,
        signaling=family_signaling(family, history_size=1),
        care_team=care_team,
        case_director=current_case_director(family, care_team=care_team),
        # Rendered here: each panel brings its own template and context (`panels.py`).
        panels=[
            render_to_string(template, panel_context, request=request)
            for template, panel_context in item_panels(request, family)
        ],
    )


def _item_context(request, viewer: Viewer, item_pk: int) -> dict:
    meeting = viewer.meeting
    rows = selectors.agenda_rows(meeting, request.user, statuses=OPEN_ITEMS)
    index = next((i for i, r in enumerate(rows) if r.item.pk == int(item_pk)), None)
    if index is None:
        raise Http404(_("Dit agendapunt staat niet op de agenda van dit overleg."))
    row = rows[index]
    decisions = list(
        row.item.decisions.select_related(
            "professional", "organisation", "handover", "task", "decided_by"
        ).order_by("decided_at", "id")
    )
    for decision in decisions:
        decision.line = services_decisions.decision_summary(decision)
    return {
        "meeting": meeting,
        "series": meeting.series,
        "manager": viewer.manager,
        "may_write": viewer.may_write,
        "row": row,
        "number": index + 1,
        "total": len(rows),
        "previous": rows[index - 1] if index > 0 else None,
        "next": rows[index + 1] if index + 1 < len(rows) else None,
        "decisions": decisions,
        "summary": _family_summary(request, row),
    }


def _forms(viewer: Viewer, row, *, discussion_form=None, decision_form=None) -> dict:
    if not viewer.may_write:
        return {}
    return {
        "discussion_form": discussion_form
        or DiscussionForm(initial={"discussion": row.item.discussion, "version": row.item.version}),
        "decision_form": decision_form
        or DecisionForm(coalition_id=row.item.coalition_id, named=row.named),
    }


def item(request, pk: int, item_pk: int):
    """One item: the question, what the viewer may see of the family, the discussion and the
    decisions so far, and (for managers) the forms to record them."""
    viewer = _viewer(request, pk)
    context = _item_context(request, viewer, item_pk)
    context.update(_forms(viewer, context["row"]))
    return render(request, "mdo/meeting/item.html", context)


def _item_with_errors(request, viewer, item_pk, **forms):
    context = _item_context(request, viewer, item_pk)
    context.update(_forms(viewer, context["row"], **forms))
    return render(request, "mdo/meeting/item.html", context, status=400)


def _to_item(meeting_pk: int, item_pk: int, anchor: str = ""):
    url = reverse("mdo:item", args=[meeting_pk, item_pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
def item_discussion(request, pk: int, item_pk: int):
    viewer = _viewer(request, pk)
    _require_writer(viewer)
    form = DiscussionForm(request.POST)
    if form.is_valid():
        try:
            services_decisions.item_discussion_save(
                actor=request.user,
                meeting_pk=viewer.meeting.pk,
                item_pk=item_pk,
                discussion=form.cleaned_data["discussion"],
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(request, _("De bespreking is opgeslagen."))
            return _to_item(viewer.meeting.pk, item_pk, "bespreking")
    return _item_with_errors(request, viewer, item_pk, discussion_form=form)


@require_POST
def decision_add(request, pk: int, item_pk: int):
    viewer = _viewer(request, pk)
    _require_writer(viewer)
    row_item = viewer.meeting.items.filter(pk=item_pk, status__in=OPEN_ITEMS).first()
    if row_item is None:
        raise Http404(_("Dit agendapunt staat niet op de agenda van dit overleg."))
    named = services_decisions.is_named(row_item)
    form = DecisionForm(request.POST, coalition_id=row_item.coalition_id, named=named)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = services_decisions.decision_record(
                actor=request.user,
                item_pk=row_item.pk,
                kind=data["kind"],
                text=data.get("text", ""),
                route=data.get("route"),
                professional=form.chosen_professional(),
                organisation=data.get("organisation"),
                discipline=data.get("discipline", ""),
                due_date=data.get("due_date"),
                review_date=data.get("review_date"),
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("Besluit vastgelegd: %(kind)s.") % {"kind": decision.get_kind_display()},
            )
            return _to_item(viewer.meeting.pk, row_item.pk, "besluiten")
    return _item_with_errors(request, viewer, item_pk, decision_form=form)


# --- Attendance -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    """Who attended. Managers record it while the agenda is published or the meeting held."""
    viewer = _viewer(request, pk)
    meeting = viewer.meeting
    participants = list(selectors.meeting_participants(meeting))
    status = 200
    form = None
    if viewer.may_write:
        if request.method == "POST":
            form = AttendanceForm(request.POST, participants=participants)
            if form.is_valid():
                try:
                    services.meeting_attendance_record(
                        actor=request.user,
                        meeting_pk=meeting.pk,
                        present=set(form.cleaned_data["present"]),
                        request=request,
                    )
                except ValidationError as error:
                    add_service_errors([form], error)
                else:
                    messages.success(request, _("De aanwezigheid is opgeslagen."))
                    return redirect("mdo:attendance", pk=meeting.pk)
            status = 400
        else:
            form = AttendanceForm(
                participants=participants,
                initial={"present": [p.professional_id for p in participants if p.attended]},
            )
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "mdo/meeting/attendance.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "manager": viewer.manager,
            "participants": participants,
            "form": form,
        },
        status=status,
    )


# --- Minutes ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def minutes(request, pk: int):
    """The minutes: generated, edited by the managers with the meeting's version check, then
    made final. Participants read them."""
    viewer = _viewer(request, pk)
    meeting = viewer.meeting
    status = 200
    form = None
    if viewer.may_write:
        if request.method == "POST":
            form = MinutesForm(request.POST)
            if form.is_valid():
                try:
                    services_decisions.minutes_save(
                        actor=request.user,
                        meeting_pk=meeting.pk,
                        minutes=form.cleaned_data["minutes"],
                        expected_version=form.cleaned_data["version"],
                        request=request,
                    )
                except ValidationError as error:
                    if _is_stale(error):
                        meeting.refresh_from_db()
                        fresh = MinutesForm(
                            initial={
                                "minutes": form.cleaned_data["minutes"],
                                "version": meeting.version,
                            }
                        )
                        return _conflict_page(
                            request,
                            meeting,
                            stored=meeting.minutes,
                            submitted=form.cleaned_data["minutes"],
                            form=fresh,
                            expected=form.cleaned_data["version"],
                        )
                    add_service_errors([form], error)
                else:
                    messages.success(request, _("Het verslag is opgeslagen."))
                    return redirect("mdo:minutes", pk=meeting.pk)
            status = 400
        else:
            form = MinutesForm(initial={"minutes": meeting.minutes, "version": meeting.version})
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "mdo/meeting/minutes.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "manager": viewer.manager,
            "form": form,
            "version_form": MeetingVersionForm(initial={"version": meeting.version}),
            "may_finalise": viewer.may_write and bool(meeting.minutes.strip()),
        },
        status=status,
    )


@require_POST
def minutes_generate(request, pk: int):
    viewer = _viewer(request, pk)
    _require_writer(viewer)
    form = MeetingVersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["version"]))
        return redirect("mdo:minutes", pk=pk)
    try:
        services_decisions.minutes_generate(
            actor=request.user,
            meeting_pk=viewer.meeting.pk,
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Het verslag is gegenereerd uit de aanwezigheid, de besprekingen en de besluiten. "
                "Pas het zo nodig aan."
            ),
        )
    return redirect("mdo:minutes", pk=pk)


@require_http_methods(["GET", "POST"])
def minutes_finalise(request, pk: int):
    """Confirm, then make the minutes final (a published meeting is marked held first)."""
    viewer = _viewer(request, pk)
    _require_writer(viewer)
    meeting = viewer.meeting
    status = 200
    form = MeetingVersionForm(initial={"version": meeting.version})
    if request.method == "POST":
        form = MeetingVersionForm(request.POST)
        if form.is_valid():
            try:
                services_decisions.minutes_finalise(
                    actor=request.user,
                    meeting_pk=meeting.pk,
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Het verslag is definitief."))
                return redirect("mdo:minutes", pk=meeting.pk)
        status = 400
    return render(
        request,
        "mdo/meeting/minutes_finalise.html",
        {"meeting": meeting, "series": meeting.series, "form": form},
        status=status,
    )


@dataclass
class PrintedItem:
    number: int
    row: object
    decisions: list
    family: object = None
    case_director: object = None


def minutes_print(request, pk: int):
    """The minutes to print or save as PDF. A named item's details (phase, level, route,
    case director) only for a viewer who may see the family; each such family shown is
    logged as a print (NEN 7513 "P")."""
    viewer = _viewer(request, pk)
    meeting = viewer.meeting
    rows = selectors.agenda_rows(meeting, request.user, statuses=OPEN_ITEMS)
    decisions: dict[int, list] = {}
    for decision in Decision.objects.filter(item__meeting=meeting).select_related(
        "professional", "organisation"
    ):
        decisions.setdefault(decision.item_id, []).append(decision)
    printed = []
    for number, row in enumerate(rows, start=1):
        entry = PrintedItem(number=number, row=row, decisions=decisions.get(row.item.pk, []))
        if row.identified:
            entry.family = get_family_for_user(
                request.user,
                row.item.family_id,
                Action.PRINT,
                request=request,
                detail=_("MDO-verslag afgedrukt (%(meeting)s)")
                % {"meeting": services_decisions.meeting_label(meeting)},
            )
            entry.case_director = current_case_director(entry.family)
        printed.append(entry)
    return render(
        request,
        "mdo/meeting/minutes_print.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "items": printed,
            "participants": list(selectors.meeting_participants(meeting)),
            "printed_at": timezone.now(),
        },
    )
