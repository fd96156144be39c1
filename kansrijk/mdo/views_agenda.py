"""Pages of MDO series, meetings and the agenda, and submitting a family from its file.

Who may open what, in plain words:
- the MDO area (`home`): professionals and coordinators of the active coalition;
- a series is set up, changed and staffed by a coordinator of its coalition; its page is
  for those coordinators and its standing participants;
- a meeting is planned by a coordinator or the series' standing chair or secretary, and
  managed (edited, moved along its statuses, its agenda ordered) by its *managers*
  (`services.is_manager`); its page is for the managers and the meeting's participants;
- a family is submitted from its file by a member of its care team;
- the names suggested while adding a participant (`series_participant_search`,
  `meeting_participant_search`): for whoever may add one on that page.
Analysts and administrators get nothing here (403). The agenda shows family data only as
`selectors.agenda_rows` allows: a reference only for named items and viewers who may see
the family, otherwise the anonymous summary. The services check every write again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kansrijk.core.together import Reader, side_by_side
from kansrijk.families.models import CareTeamMember
from kansrijk.families.pages import add_service_errors, family_for_page, family_for_write
from kansrijk.organisations.models import Role
from kansrijk.organisations.views_picker import suggestions

from . import selectors, services
from .forms_agenda import (
    DATETIME_FORMAT,
    ConfirmForm,
    MeetingEditForm,
    MeetingForm,
    ParticipantForm,
    SeriesForm,
    SubmitForm,
    WithdrawForm,
)
from .models import (
    ItemStatus,
    MdoMeeting,
    MdoSeries,
    MeetingStatus,
    ParticipantRole,
)

MEETINGS_PER_PAGE = 20
STANDING_ROLES = (ParticipantRole.CHAIR, ParticipantRole.SECRETARY, ParticipantRole.MEMBER)
GUEST_ROLES = (ParticipantRole.GUEST, ParticipantRole.MEMBER)
# The transitions a page offers, by the word in its URL. "held" -> "final" belongs to the
# minutes page (`mdo:minutes`).
TRANSITIONS = {
    "publiceren": MeetingStatus.PUBLISHED,
    "gehouden": MeetingStatus.HELD,
    "annuleren": MeetingStatus.CANCELLED,
}
TRANSITION_TEXT = {
    MeetingStatus.PUBLISHED: {
        "button": gettext_lazy("Agenda publiceren"),
        "title": gettext_lazy("Agenda publiceren"),
        "confirm": gettext_lazy("Ja, publiceren"),
        "explain": gettext_lazy(
            "De deelnemers zien dan de agenda. Zij kunnen de dossiers van gezinnen die met naam "
            "op de agenda staan inzien (alleen lezen) tot %(days)s dagen na het overleg. Nieuwe "
            "gezinnen kunnen daarna alleen nog als urgent punt op de agenda."
        ),
        "done": gettext_lazy("De agenda is gepubliceerd."),
    },
    MeetingStatus.HELD: {
        "button": gettext_lazy("Markeren als gehouden"),
        "title": gettext_lazy("Overleg markeren als gehouden"),
        "confirm": gettext_lazy("Ja, het overleg is gehouden"),
        "explain": gettext_lazy(
            "De agenda ligt daarna vast. De notulist maakt het verslag definitief."
        ),
        "done": gettext_lazy("Het overleg is gemarkeerd als gehouden."),
    },
    MeetingStatus.CANCELLED: {
        "button": gettext_lazy("Overleg annuleren"),
        "title": gettext_lazy("Overleg annuleren"),
        "confirm": gettext_lazy("Ja, annuleren"),
        "explain": gettext_lazy(
            "De gezinnen op de agenda worden weer kandidaat voor een volgend overleg. De "
            "toegang van deelnemers tot dossiers stopt meteen. Dit kan niet ongedaan worden."
        ),
        "done": gettext_lazy("Het overleg is geannuleerd."),
    },
}


# --- Who may -----------------------------------------------------------------------------------


def _active(request):
    active = getattr(request, "active", None)
    if active is None or active.coalition is None:
        raise PermissionDenied
    return active


def may_use_mdo(request) -> bool:
    """The "MDO" menu item: professionals and coordinators of the active coalition."""
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and (active.has_role(Role.PROFESSIONAL) or active.has_role(Role.COORDINATOR))
    )


def _coordinates(request, coalition_id: int) -> bool:
    """Coordinator of `coalition_id` in the active coalition (no query: `request.active`)."""
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and active.coalition.pk == coalition_id
        and active.has_role(Role.COORDINATOR)
    )


def _series(pk: int) -> MdoSeries:
    series = MdoSeries.objects.select_related("coalition").filter(pk=pk).first()
    if series is None:
        raise Http404(_("Dit MDO bestaat niet (meer)."))
    return series


def _managed_series(request, pk: int) -> MdoSeries:
    """A series the user coordinates (its coalition is the active one); 403 otherwise."""
    series = _series(pk)
    if not _coordinates(request, series.coalition_id):
        raise PermissionDenied
    return series


def _meeting(pk: int) -> MdoMeeting:
    meeting = MdoMeeting.objects.select_related("series__coalition").filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Dit overleg bestaat niet (meer)."))
    return meeting


def _managed_meeting(request, pk: int) -> MdoMeeting:
    _active(request)
    meeting = _meeting(pk)
    if not services.is_manager(request.user, meeting):
        raise PermissionDenied
    return meeting


def _to_meeting(meeting_pk: int, anchor: str = ""):
    url = reverse("mdo:meeting", args=[meeting_pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _error_message(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- The MDO area ------------------------------------------------------------------------------


def home(request):
    """Upcoming meetings the user takes part in and their series; for a coordinator all
    series of the coalition and its upcoming meetings. A fixed number of queries: the lists
    join their series and count items in the same query."""
    if not may_use_mdo(request):
        raise PermissionDenied
    active = request.active
    coalition = active.coalition
    coordinator = active.has_role(Role.COORDINATOR)
    context = {"coordinator": coordinator, "professional": active.has_role(Role.PROFESSIONAL)}
    if context["professional"]:
        context["my_meetings"] = list(selectors.upcoming_meetings_of(request.user, coalition))
        context["my_series"] = list(selectors.series_of_professional(request.user, coalition))
        for series in context["my_series"]:
            series.my_role_label = ParticipantRole(series.my_role).label
    if coordinator:
        context["coalition_series"] = list(selectors.coalition_series(coalition))
        context["coalition_meetings"] = list(selectors.upcoming_meetings_of_coalition(coalition))
    return render(request, "mdo/home.html", context)


# --- Series ------------------------------------------------------------------------------------


def _series_initial(series: MdoSeries) -> dict:
    return {
        "name": series.name,
        "description": series.description,
        "recurrence": series.recurrence,
        "default_place": series.default_place,
        "default_video_link": series.default_video_link,
        "access_days": series.access_days,
        "is_active": series.is_active,
        "served_coalitions": list(series.served_coalitions.all()),
    }


@require_http_methods(["GET", "POST"])
def series_edit(request, pk: int | None = None):
    """Set up a series (no `pk`) or change it; coordinators of its coalition."""
    active = _active(request)
    if pk is None:
        if not active.has_role(Role.COORDINATOR):
            raise PermissionDenied
        series, coalition = None, active.coalition
    else:
        series = _managed_series(request, pk)
        coalition = series.coalition
    if request.method == "POST":
        form = SeriesForm(request.POST, coalition=coalition)
        if form.is_valid():
            try:
                series = services.series_save(
                    actor=request.user,
                    coalition=coalition,
                    data=form.series_data(),
                    series_pk=series.pk if series else None,
                    served_coalitions=list(form.cleaned_data.get("served_coalitions") or []),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(request, _("%(name)s is opgeslagen.") % {"name": series.name})
                return redirect("mdo:series", pk=series.pk)
    else:
        form = SeriesForm(coalition=coalition, initial=_series_initial(series) if series else None)
    return render(
        request,
        "mdo/series_form.html",
        {"form": form, "series": series},
        status=400 if form.errors else 200,
    )


def _may_view_series(request, series: MdoSeries) -> bool:
    return (
        _coordinates(request, series.coalition_id)
        or series.participants.filter(professional=request.user).exists()
    )


def series_detail(request, pk: int):
    """A series with its standing participants and its meetings (newest first, paginated).

    Reads: the series (1), whether the user may see it (1 for a non-coordinator), the
    served coalitions (1), the participants with organisation (1), whether the user is its
    chair or secretary (1), the meetings' page with item counts (2 with the paginator's
    count).
    """
    _active(request)
    series = _series(pk)
    if not _may_view_series(request, series):
        raise PermissionDenied
    coordinator = _coordinates(request, series.coalition_id)
    participants = list(selectors.series_participants(series))
    page = Paginator(selectors.series_meetings(series), MEETINGS_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    may_plan = series.is_active and (
        coordinator
        or any(
            p.professional_id == request.user.pk and p.role in selectors.MANAGING_ROLES
            for p in participants
        )
    )
    return render(
        request,
        "mdo/series_detail.html",
        {
            "series": series,
            "served": list(series.served_coalitions.all()),
            "participants": participants,
            "page_obj": page,
            "meetings": page.object_list,
            "coordinator": coordinator,
            "may_plan": may_plan,
        },
    )


@require_http_methods(["GET", "POST"])
def series_participant_add(request, pk: int):
    """Add a standing participant (chair, secretary or member); coordinators."""
    series = _managed_series(request, pk)
    form = ParticipantForm(
        request.POST if request.method == "POST" else None,
        # The service refuses a participant twice with its own message.
        memberships=selectors.candidate_memberships(series),
        search_url=reverse("mdo:series_participant_search", args=[series.pk]),
        roles=STANDING_ROLES,
        initial={"role": ParticipantRole.MEMBER},
    )
    if request.method == "POST" and form.is_valid():
        professional = form.chosen_professional()
        try:
            services.series_participant_add(
                actor=request.user,
                series=series,
                professional=professional,
                role=form.cleaned_data["role"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("%(name)s is vaste deelnemer van dit MDO.")
                % {"name": professional.get_full_name() or professional.username},
            )
            return redirect("mdo:series", pk=series.pk)
    return render(
        request,
        "mdo/participant_form.html",
        {
            "form": form,
            "series": series,
            "title": _("Vaste deelnemer toevoegen"),
            "cancel_url": reverse("mdo:series", args=[series.pk]),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def series_participant_remove(request, pk: int, participant_pk: int):
    """Remove a standing participant, after confirming; coordinators."""
    series = _managed_series(request, pk)
    participant = (
        series.participants.select_related("professional", "membership__organisation")
        .filter(pk=participant_pk)
        .first()
    )
    if participant is None:
        raise Http404(_("Deze deelnemer bestaat niet (meer)."))
    if request.method == "POST":
        try:
            services.series_participant_remove(
                actor=request.user, series=series, participant_pk=participant.pk, request=request
            )
        except ValidationError as error:
            _error_message(request, error)
        else:
            messages.success(
                request,
                _("%(name)s is geen vaste deelnemer meer.") % {"name": participant.professional},
            )
        return redirect("mdo:series", pk=series.pk)
    return render(
        request,
        "mdo/participant_remove.html",
        {"series": series, "participant": participant},
    )


# --- Meetings ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def meeting_add(request, pk: int):
    """Plan a meeting of the series: coordinators and the standing chair or secretary."""
    _active(request)
    series = _series(pk)
    if not (
        _coordinates(request, series.coalition_id)
        or selectors.is_series_manager(request.user, series)
    ):
        raise PermissionDenied
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                meeting = services.meeting_plan(
                    actor=request.user,
                    series=series,
                    data=form.meeting_data(),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _("Het overleg van %(date)s is gepland.")
                    % {"date": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M")},
                )
                return redirect("mdo:meeting", pk=meeting.pk)
    else:
        form = MeetingForm(
            initial={"place": series.default_place, "video_link": series.default_video_link}
        )
    return render(
        request,
        "mdo/meeting_form.html",
        {"form": form, "series": series, "meeting": None},
        status=400 if form.errors else 200,
    )


def _conflict_rows(meeting: MdoMeeting, form: MeetingEditForm) -> list[dict]:
    data = form.cleaned_data
    stored_start = timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M")
    submitted_start = timezone.localtime(data["starts_at"]).strftime("%d-%m-%Y %H:%M")
    rows = [
        (_("Datum en tijd"), stored_start, submitted_start),
        (_("Plaats"), meeting.place, data["place"]),
        (_("Videolink"), meeting.video_link, data["video_link"]),
    ]
    return [
        {
            "label": label,
            "stored": stored or "—",
            "submitted": submitted or "—",
            "differs": stored != submitted,
        }
        for label, stored, submitted in rows
    ]


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    """Change date, place or video link (version check: a conflict page with both values)."""
    meeting = _managed_meeting(request, pk)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        messages.info(request, _("Een gehouden of geannuleerd overleg verandert niet meer."))
        return _to_meeting(meeting.pk)
    if request.method == "POST":
        form = MeetingEditForm(request.POST)
        if form.is_valid():
            data = form.meeting_data()
            # Empty place or link: the series' default, as when planning.
            data["place"] = data["place"] or meeting.series.default_place
            data["video_link"] = data["video_link"] or meeting.series.default_video_link
            try:
                services.meeting_update(
                    actor=request.user,
                    meeting_pk=meeting.pk,
                    data=data,
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "stale":
                    meeting = _meeting(pk)
                    rows = _conflict_rows(meeting, form)
                    retry = MeetingEditForm(
                        initial={
                            "starts_at": timezone.localtime(
                                form.cleaned_data["starts_at"]
                            ).strftime(DATETIME_FORMAT),
                            "place": form.cleaned_data["place"],
                            "video_link": form.cleaned_data["video_link"],
                            "version": meeting.version,
                        }
                    )
                    return render(
                        request,
                        "mdo/meeting_conflict.html",
                        {
                            "meeting": meeting,
                            "series": meeting.series,
                            "form": retry,
                            "rows": rows,
                            "conflict": {
                                "expected_version": form.cleaned_data["version"],
                                "current_version": meeting.version,
                            },
                        },
                        status=409,
                    )
                add_service_errors([form], error)
            else:
                messages.success(request, _("Het overleg is gewijzigd."))
                return _to_meeting(meeting.pk)
    else:
        form = MeetingEditForm(
            initial={
                "starts_at": timezone.localtime(meeting.starts_at).strftime(DATETIME_FORMAT),
                "place": meeting.place,
                "video_link": meeting.video_link,
                "version": meeting.version,
            }
        )
    return render(
        request,
        "mdo/meeting_form.html",
        {"form": form, "series": meeting.series, "meeting": meeting},
        status=400 if form.errors else 200,
    )


def _minutes_url(meeting: MdoMeeting) -> str:
    try:
        return reverse("mdo:minutes", args=[meeting.pk])
    except NoReverseMatch:
        return ""


def meeting_detail(request, pk: int):
    """The meeting with its participants and agenda.

    Reads, whatever the number of items: the meeting with its series (1), whether the user
    is a manager (1 or 2), the participants with organisation (1), the agenda rows
    (`selectors.agenda_rows`: 3). A manager opening a draft first lets the route-3
    candidates arrive (`services.agenda_candidates_sync`, a fixed number of queries).
    """
    _active(request)
    meeting = _meeting(pk)
    manager = services.is_manager(request.user, meeting)
    participants = list(selectors.meeting_participants(meeting))
    participant = any(p.professional_id == request.user.pk for p in participants)
    if not (manager or participant):
        raise PermissionDenied
    if manager and meeting.status == MeetingStatus.DRAFT:
        services.agenda_candidates_sync(meeting=meeting)
    rows = selectors.agenda_rows(meeting, request.user)
    agenda = [r for r in rows if r.item.status in (ItemStatus.ON_AGENDA, ItemStatus.DISCUSSED)]
    open_agenda = meeting.status in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED)
    transitions = []
    if manager:
        for word, status in TRANSITIONS.items():
            if meeting.may_move_to(status):
                transitions.append({"word": word, "status": status, **TRANSITION_TEXT[status]})
    minutes_url = (
        _minutes_url(meeting)
        if meeting.status
        in (
            MeetingStatus.HELD,
            MeetingStatus.FINAL,
        )
        else ""
    )
    return render(
        request,
        "mdo/meeting_detail.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "manager": manager,
            "participants": participants,
            "agenda": agenda,
            "last_position": len(agenda),
            "candidates": [r for r in rows if r.item.status == ItemStatus.CANDIDATE]
            if manager
            else [],
            "withdrawn": [r for r in rows if r.item.status == ItemStatus.WITHDRAWN]
            if manager
            else [],
            "open_agenda": open_agenda,
            "may_order": manager and open_agenda,
            "transitions": transitions,
            "minutes_url": minutes_url,
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_transition(request, pk: int, action: str):
    """Publish the agenda, mark the meeting held, or cancel it: a confirmation page first."""
    to_status = TRANSITIONS.get(action)
    if to_status is None:
        raise Http404
    meeting = _managed_meeting(request, pk)
    if not meeting.may_move_to(to_status):
        messages.error(
            request,
            _("Een overleg met status “%(current)s” kan niet naar “%(next)s”.")
            % {"current": meeting.get_status_display(), "next": MeetingStatus(to_status).label},
        )
        return _to_meeting(meeting.pk)
    form = ConfirmForm(
        request.POST if request.method == "POST" else None, initial={"version": meeting.version}
    )
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Laad de pagina opnieuw en probeer het nog eens."))
            return _to_meeting(meeting.pk)
        try:
            services.meeting_transition(
                actor=request.user,
                meeting_pk=meeting.pk,
                to_status=to_status,
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except ValidationError as error:
            _error_message(request, error)
        else:
            messages.success(request, str(TRANSITION_TEXT[to_status]["done"]))
        return _to_meeting(meeting.pk)
    text = TRANSITION_TEXT[to_status]
    return render(
        request,
        "mdo/meeting_transition.html",
        {
            "meeting": meeting,
            "series": meeting.series,
            "form": form,
            "title": text["title"],
            "confirm": text["confirm"],
            # Only the publication's text names the days; "%" leaves the others as they are.
            "explain": str(text["explain"]) % {"days": meeting.series.access_days},
            "danger": to_status == MeetingStatus.CANCELLED,
            "no_items": to_status == MeetingStatus.PUBLISHED
            and not meeting.items.filter(status=ItemStatus.ON_AGENDA).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_participant_add(request, pk: int):
    """Invite a guest (or a member for once) to this meeting; managers."""
    meeting = _managed_meeting(request, pk)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        messages.info(request, _("Voor een gehouden overleg nodig je niemand meer uit."))
        return _to_meeting(meeting.pk)
    form = ParticipantForm(
        request.POST if request.method == "POST" else None,
        # The service refuses a participant twice with its own message.
        memberships=selectors.candidate_memberships(meeting.series),
        search_url=reverse("mdo:meeting_participant_search", args=[meeting.pk]),
        roles=GUEST_ROLES,
        initial={"role": ParticipantRole.GUEST},
    )
    if request.method == "POST" and form.is_valid():
        professional = form.chosen_professional()
        try:
            services.meeting_participant_add(
                actor=request.user,
                meeting_pk=meeting.pk,
                professional=professional,
                role=form.cleaned_data["role"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("%(name)s is uitgenodigd voor dit overleg.")
                % {"name": professional.get_full_name() or professional.username},
            )
            return _to_meeting(meeting.pk, "deelnemers")
    return render(
        request,
        "mdo/participant_form.html",
        {
            "form": form,
            "series": meeting.series,
            "meeting": meeting,
            "title": _("Deelnemer uitnodigen voor dit overleg"),
            "cancel_url": reverse("mdo:meeting", args=[meeting.pk]),
        },
        status=400 if form.errors else 200,
    )


# --- Suggestions for the add-participant pages -------------------------------------------------
#
# The professional picker's suggestions (`organisations.views_picker`) for the MDO's scope:
# the current professional memberships of every coalition the series serves, without those
# already participating. Asked by whoever may use the page they serve, with the same answers
# (404 for a series or meeting that does not exist, 403 for anyone else); names of colleagues
# are no family data: nothing is logged. A fixed number of queries: the series or meeting,
# (for a meeting) whether the asker manages it, the served coalitions, the search.


@never_cache
@require_GET
def series_participant_search(request, pk: int):
    """Suggestions for a new standing participant; coordinators of the series' coalition."""
    series = _managed_series(request, pk)
    return suggestions(
        request, selectors.new_participant_memberships(series, series.participants.all())
    )


@never_cache
@require_GET
def meeting_participant_search(request, pk: int):
    """Suggestions for a meeting's guest; the meeting's managers."""
    meeting = _managed_meeting(request, pk)
    return suggestions(
        request, selectors.new_participant_memberships(meeting.series, meeting.participants.all())
    )


# --- The agenda --------------------------------------------------------------------------------


@require_POST
def agenda_item_move(request, pk: int, item_pk: int):
    meeting = _managed_meeting(request, pk)
    direction = request.POST.get("richting")
    if direction not in ("omhoog", "omlaag"):
        messages.error(request, _("Kies omhoog of omlaag."))
        return _to_meeting(meeting.pk, "agenda")
    try:
        services.agenda_item_move(
            actor=request.user,
            meeting_pk=meeting.pk,
            item_pk=item_pk,
            up=direction == "omhoog",
            request=request,
        )
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("De volgorde van de agenda is aangepast."))
    return _to_meeting(meeting.pk, f"punt-{item_pk}")


@require_POST
def agenda_item_schedule(request, pk: int, item_pk: int):
    """Put a candidate on the agenda (as urgent once the agenda is published)."""
    meeting = _managed_meeting(request, pk)
    try:
        item = services.agenda_item_schedule(
            actor=request.user, meeting_pk=meeting.pk, item_pk=item_pk, request=request
        )
    except ValidationError as error:
        _error_message(request, error)
        return _to_meeting(meeting.pk, "kandidaten")
    if item.urgent:
        messages.success(request, _("Het gezin staat als urgent punt op de agenda."))
    else:
        messages.success(request, _("Het gezin staat op de agenda."))
    return _to_meeting(meeting.pk, f"punt-{item.pk}")


@require_http_methods(["GET", "POST"])
def agenda_item_withdraw(request, pk: int, item_pk: int):
    """Take an item (or a candidate) off the agenda with a reason, after confirming."""
    meeting = _managed_meeting(request, pk)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED):
        messages.error(request, _("De agenda van dit overleg ligt vast."))
        return _to_meeting(meeting.pk)
    rows = selectors.agenda_rows(
        meeting, request.user, statuses=(ItemStatus.ON_AGENDA, ItemStatus.CANDIDATE)
    )
    row = next((r for r in rows if r.item.pk == item_pk), None)
    if row is None:
        messages.info(request, _("Dit agendapunt staat niet (meer) op de agenda."))
        return _to_meeting(meeting.pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_withdraw(
                actor=request.user,
                meeting_pk=meeting.pk,
                item_pk=item_pk,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors([form], error)
            else:
                _error_message(request, error)
                return _to_meeting(meeting.pk)
        else:
            messages.success(request, _("Het agendapunt is van de agenda gehaald."))
            return _to_meeting(meeting.pk, "agenda")
    return render(
        request,
        "mdo/item_withdraw.html",
        {"meeting": meeting, "series": meeting.series, "row": row, "form": form},
        status=400 if form.errors else 200,
    )


# --- Submitting a family from its file ---------------------------------------------------------


def _on_care_team(family, user) -> bool:
    care_team = getattr(family, "current_care_team", None)
    if care_team is not None:
        return any(member.professional_id == user.pk for member in care_team)
    return CareTeamMember.objects.current().filter(family=family, professional=user).exists()


@require_http_methods(["GET", "POST"])
def submit(request, pk: int):
    """A care-team member submits the family for an upcoming meeting with a question.

    The family comes from the access policy (a read logged on GET; on POST the service
    logs the write); anyone without a ground gets 404, anyone with a ground but off the
    care team (break-the-glass, an MDO participant) 403.
    """
    if request.method == "POST":
        family = family_for_write(request, pk)
    else:
        family = family_for_page(request, pk, detail=_("Aanmelden voor het MDO"))
    if not _on_care_team(family, request.user):
        raise PermissionDenied(_("Alleen een lid van het zorgteam kan het gezin aanmelden."))
    meetings = list(selectors.meetings_open_for_submission(family))
    form = SubmitForm(request.POST if request.method == "POST" else None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_submit(
                actor=request.user,
                family_pk=family.pk,
                meeting_pk=form.cleaned_data["meeting"],
                question=form.cleaned_data["question"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            if item.status == ItemStatus.ON_AGENDA:
                text = _("Het gezin staat op de agenda van het MDO.")
            else:
                text = _(
                    "Het gezin is aangemeld. De agenda is al gepubliceerd: de voorzitter beslist "
                    "of het gezin als urgent punt op de agenda komt."
                )
            messages.success(request, text)
            return redirect("families:detail", pk=family.pk)
    return render(
        request,
        "mdo/submit.html",
        {
            "family": family,
            "form": form,
            "meetings": meetings,
            "has_series": bool(meetings) or selectors.coalition_has_series(family.coalition_id),
        },
        status=400 if form.errors else 200,
    )


def file_section(request, family) -> Reader:
    """The family's open MDO items and the way to submit it: two queries, asked together
    (a reader: `kansrijk.core.together`): the items with their meeting and series; whether
    the coalition has an MDO. The care team comes from what the file page prefetched."""
    items, has_series = yield from side_by_side(
        [
            selectors.family_open_items_reads(family),
            selectors.coalition_has_series_reads(family.coalition_id),
        ]
    )
    return {
        "family": family,
        "items": items,
        "has_series": has_series,
        "on_care_team": _on_care_team(family, request.user),
    }
