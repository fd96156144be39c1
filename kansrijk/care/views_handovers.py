"""Pages of casusregie and warm handovers, and the coordinator's chain moments.

Family pages take the family from the access policy (`kansrijk.families.pages`): a page that
shows it logs a read, a form post lets the service log the write (a refusal is logged by the
policy and answered 404). A receiver who is not on the care team yet reaches only the
handover's own page and its accept/decline forms, through the receiver's scope
(`kansrijk.care.grounds`): the summary and the family reference, logged, nothing else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user
from kansrijk.core.together import Reader, side_by_side
from kansrijk.families.models import CareTeamMember
from kansrijk.families.pages import (
    active_coalition,
    add_service_errors,
    family_for_form,
    family_for_page,
)
from kansrijk.families.selectors import visible_family
from kansrijk.organisations.models import Role
from kansrijk.organisations.permissions import role_required

from . import selectors_handovers as selectors
from . import services_handovers as services
from .forms_handovers import (
    CaseDirectorForm,
    ChainMomentForm,
    HandoverAcceptForm,
    HandoverCancelForm,
    HandoverCompleteForm,
    HandoverDeclineForm,
    HandoverProposeForm,
)
from .grounds import handover_receiver_scope
from .models import (
    DEFAULT_CHAIN_MOMENTS,
    ChainMoment,
    Handover,
    HandoverAction,
    HandoverKind,
    HandoverStatus,
)
from .selectors import CASE_DIRECTOR_ROLE

Action = AccessEvent.Action
SECTION = "handovers"


def _render(request, template: str, family, *, status: int = 200, **context):
    return render(
        request, template, {"family": family, "section": SECTION, **context}, status=status
    )


def _to_handovers(family_pk: int, handover_pk: int | None = None):
    url = reverse("care:handovers", args=[family_pk])
    return redirect(f"{url}#overdracht-{handover_pk}" if handover_pk else url)


def _my_organisation_ids(request) -> set[int]:
    """Organisations the user works for as professional in the active coalition, from the
    memberships every page already loaded (`request.active`): no query."""
    active = getattr(request, "active", None)
    if active is None:
        return set()
    return {m.organisation_id for m in active.memberships if m.is_professional}


def _annotate_actions(request, handovers, *, today) -> None:
    """What the user may do with each handover, for its buttons (no queries)."""
    user_pk = request.user.pk
    organisations = _my_organisation_ids(request)
    for handover in handovers:
        receiver = handover.to_professional_id == user_pk or (
            handover.to_professional_id is None and handover.to_organisation_id in organisations
        )
        handover.may_answer = receiver and handover.allows(HandoverAction.ACCEPT)
        handover.may_cancel = handover.from_professional_id == user_pk and handover.allows(
            HandoverAction.CANCEL
        )
        handover.may_complete = user_pk in (
            handover.from_professional_id,
            handover.accepted_by_id,
        ) and handover.allows(HandoverAction.COMPLETE)
        handover.overdue = handover.is_overdue(today)


def _status_message(handover: Handover) -> str:
    return _("Deze overdracht is %(status)s.") % {"status": handover.get_status_display().lower()}


# --- A family's handovers --------------------------------------------------------------------


def handovers(request, pk: int):
    """The family's handovers with their status, and proposing a new one.

    Reads, whatever the number of handovers: the handovers with everyone involved (1), the
    case director (1), whether the user is on the care team (1), the chain moments (1), the
    pregnancy dates for the suggested due dates (1), and the form's organisations (1). The
    receiving professional is typed, not chosen from every professional of the coalition: the
    form resolves the name on a post, in one bounded query (`forms_picker`).
    """
    family = family_for_form(request, pk, detail=_("Overdrachten ingezien"))
    moments = selectors.coalition_chain_moments(family.coalition_id)
    dates = selectors.family_pregnancy_dates(family)
    today = timezone.localdate()
    suggestions = {
        moment.code: selectors.suggested_due_date(moment, dates=dates, today=today)
        for moment in moments
    }
    initial = {}
    if request.GET.get("soort") == HandoverKind.CASUSREGIE:
        initial["kind"] = HandoverKind.CASUSREGIE
        casusregie = next((m for m in moments if m.transfers_casusregie), None)
        if casusregie is not None:
            initial["moment"] = casusregie.code
    form = HandoverProposeForm(
        request.POST if request.method == "POST" else None,
        coalition=family.coalition_id,
        moments=moments,
        suggestions=suggestions,
        actor=request.user,
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            organisation, professional = form.receiver()
            try:
                handover = services.handover_propose(
                    actor=request.user,
                    family_pk=family.pk,
                    summary=form.cleaned_data["summary"],
                    to_organisation=organisation,
                    to_professional=professional,
                    due_date=form.cleaned_data["due_date"],
                    moment_code=form.cleaned_data["moment"],
                    kind=form.cleaned_data["kind"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _("De overdracht aan %(receiver)s is voorgesteld.")
                    % {"receiver": handover.receiver_label},
                )
                return _to_handovers(family.pk, handover.pk)
        status = 400
        family = family_for_page(request, pk, detail=_("Overdrachten ingezien"))
    items = selectors.family_handovers(family)
    _annotate_actions(request, items, today=today)
    return _render(
        request,
        "care/handovers/family_handovers.html",
        family,
        status=status,
        handovers=items,
        director=selectors.current_case_director(family),
        on_care_team=selectors.care_team_member_of(family, request.user) is not None,
        form=form,
        moments=moments,
        today=today,
    )


def _handover_of(family, handover_pk: int) -> Handover:
    handover = (
        Handover.objects.filter(pk=handover_pk, family=family)
        .select_related("from_professional", "to_organisation", "to_professional", "accepted_by")
        .first()
    )
    if handover is None:
        raise Http404(_("Deze overdracht bestaat niet (meer)."))
    return handover


def handover_complete(request, pk: int, handover_pk: int):
    """Record the warm contact; the sender or the professional who accepted."""
    family = family_for_form(request, pk, detail=_("Overdracht ingezien"))
    handover = _handover_of(family, handover_pk)
    if not handover.allows(HandoverAction.COMPLETE):
        messages.info(request, _status_message(handover))
        return _to_handovers(family.pk, handover.pk)
    if request.user.pk not in (handover.from_professional_id, handover.accepted_by_id):
        messages.error(
            request,
            _(
                "Alleen wie de overdracht voorstelde of accepteerde kan het warme contact "
                "vastleggen."
            ),
        )
        return _to_handovers(family.pk, handover.pk)
    form = HandoverCompleteForm(
        request.POST if request.method == "POST" else None,
        initial={"version": handover.version},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.handover_complete(
                    actor=request.user,
                    family_pk=family.pk,
                    handover_pk=handover.pk,
                    contact_kind=form.cleaned_data["contact_kind"],
                    contact_on=form.cleaned_data["contact_on"],
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            except services.HandoverChanged as error:
                messages.error(request, " ".join(error.messages))
                return _to_handovers(family.pk, handover.pk)
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request, _("Het warme contact is vastgelegd; de overdracht is afgerond.")
                )
                return _to_handovers(family.pk, handover.pk)
        status = 400
        family = family_for_page(request, pk, detail=_("Overdracht ingezien"))
    return _render(
        request,
        "care/handovers/complete.html",
        family,
        status=status,
        handover=handover,
        form=form,
    )


def handover_cancel(request, pk: int, handover_pk: int):
    """Withdraw a handover nobody answered yet: the sender only, after confirming."""
    family = family_for_form(request, pk, detail=_("Overdracht ingezien"))
    handover = _handover_of(family, handover_pk)
    if not handover.allows(HandoverAction.CANCEL):
        messages.info(request, _status_message(handover))
        return _to_handovers(family.pk, handover.pk)
    if request.user.pk != handover.from_professional_id:
        messages.error(request, _("Alleen wie de overdracht voorstelde kan hem intrekken."))
        return _to_handovers(family.pk, handover.pk)
    form = HandoverCancelForm(
        request.POST if request.method == "POST" else None,
        initial={"version": handover.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_cancel(
                actor=request.user,
                family_pk=family.pk,
                handover_pk=handover.pk,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De overdracht is ingetrokken."))
        return _to_handovers(family.pk, handover.pk)
    status = 200
    if request.method == "POST":
        status = 400
        family = family_for_page(request, pk, detail=_("Overdracht ingezien"))
    return _render(
        request,
        "care/handovers/cancel.html",
        family,
        status=status,
        handover=handover,
        form=form,
    )


# --- Casusregie ------------------------------------------------------------------------------


def case_director(request, pk: int):
    """Who holds the casusregie (or visibly nobody), its history, naming the first director,
    and the way to transfer it (a casusregie handover)."""
    family = family_for_form(request, pk, detail=_("Casusregie ingezien"))
    team = selectors.current_care_team_members(family)
    form = CaseDirectorForm(request.POST if request.method == "POST" else None, care_team=team)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                director = services.case_director_set(
                    actor=request.user,
                    family_pk=family.pk,
                    professional=form.chosen_professional(),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _("%(name)s is nu casusregisseur.")
                    % {"name": director.professional.get_full_name() or director.professional},
                )
                return redirect("care:case_director", pk=family.pk)
        status = 400
        family = family_for_page(request, pk, detail=_("Casusregie ingezien"))
    director = selectors.current_case_director(family)
    running = (
        Handover.objects.proposed()
        .filter(family=family, kind=HandoverKind.CASUSREGIE)
        .select_related("to_organisation", "to_professional")
        .first()
    )
    return _render(
        request,
        "care/handovers/case_director.html",
        family,
        status=status,
        director=director,
        history=selectors.case_director_history(family),
        running_transfer=running,
        on_care_team=any(m.professional_id == request.user.pk for m in team),
        form=form,
    )


# --- The receiver's pages ----------------------------------------------------------------------


def may_use_handovers(request) -> bool:
    """Whether the "Overdrachten" menu item is shown: professionals of the active coalition."""
    active = getattr(request, "active", None)
    return bool(
        active is not None and active.coalition is not None and active.has_role(Role.PROFESSIONAL)
    )


def handovers_incoming(request):
    """Handovers waiting for the user's answer (to them, or to their organisation) and the
    running ones they proposed. Only family references: two queries, whatever the number."""
    if not may_use_handovers(request):
        raise PermissionDenied
    coalition = request.active.coalition
    today = timezone.localdate()
    incoming = selectors.incoming_handovers(request.user, coalition)
    sent = selectors.sent_handovers(request.user, coalition)
    for handover in [*incoming, *sent]:
        handover.overdue = handover.is_overdue(today)
    return render(
        request,
        "care/handovers/incoming.html",
        {"incoming": incoming, "sent": sent, "today": today},
    )


def _receiver_gate(request, handover_pk: int, action: str, *, verb: str = ""):
    """The proposed handover if the user is one of its receivers in the active coalition;
    otherwise a response: to the family's handovers for whoever may see the family, to the
    incoming list for a receiver of a handover that is no longer open, and 404 for everyone
    else (the refusal logged by the policy)."""
    coalition = active_coalition(request)
    handover = (
        Handover.objects.filter(pk=handover_pk)
        .select_related(
            "family",
            "from_professional",
            "from_membership__organisation",
            "to_organisation",
            "to_professional",
            "accepted_by",
            "declined_by",
        )
        .first()
    )
    if handover is None or coalition is None:
        raise Http404(NOT_FOUND_MESSAGE)
    receiver = handover.coalition_id == coalition.pk and selectors.may_receive(
        request.user, handover
    )
    if receiver and handover.status == HandoverStatus.PROPOSED:
        return handover, None
    if visible_family(request.user, handover.family_id, coalition=coalition) is not None:
        if receiver:
            messages.info(request, _status_message(handover))
        elif verb:
            messages.error(
                request, _("Alleen de ontvanger kan deze overdracht %(verb)s.") % {"verb": verb}
            )
        return None, _to_handovers(handover.family_id, handover.pk)
    if receiver:
        messages.info(request, _status_message(handover))
        return None, redirect("care:handovers_incoming")
    # Logs the refused attempt and raises Http404.
    get_family_for_user(
        request.user, handover.family_id, action, request=request, coalition=coalition
    )
    raise Http404(NOT_FOUND_MESSAGE)  # pragma: no cover - the policy raised above


def _receiver_page(request, handover, *, form, status=200):
    """The handover's summary for its receiver: read inside the receiver's scope, so the
    policy logs it (ground "receiver of an open handover", or the care team)."""
    with handover_receiver_scope(request.user, handover.pk):
        family = family_for_page(request, handover.family_id, detail=_("Overdracht ingezien"))
    return render(
        request,
        "care/handovers/incoming_detail.html",
        {
            "handover": handover,
            "family": family,
            "form": form,
            "today": timezone.localdate(),
            "overdue": handover.is_overdue(),
        },
        status=status,
    )


def _accept_initial(request, handover) -> dict:
    active = getattr(request, "active", None)
    memberships = [m for m in (active.memberships if active else []) if m.is_professional]
    chosen = next(
        (m for m in memberships if m.organisation_id == handover.to_organisation_id),
        memberships[0] if memberships else None,
    )
    return {
        "version": handover.version,
        "role_in_family": chosen.get_discipline_display() if chosen else "",
    }


def handover_incoming(request, handover_pk: int):
    """A handover for its receiver: the summary and the family reference, accept or decline."""
    handover, response = _receiver_gate(request, handover_pk, Action.READ)
    if response is not None:
        return response
    return _receiver_page(
        request, handover, form=HandoverAcceptForm(initial=_accept_initial(request, handover))
    )


@require_POST
def handover_accept(request, handover_pk: int):
    handover, response = _receiver_gate(request, handover_pk, Action.UPDATE, verb=_("accepteren"))
    if response is not None:
        return response
    form = HandoverAcceptForm(request.POST)
    if not form.is_valid():
        return _receiver_page(request, handover, form=form, status=400)
    try:
        services.handover_accept(
            actor=request.user,
            handover_pk=handover.pk,
            role_in_family=form.cleaned_data["role_in_family"],
            phone=form.cleaned_data["phone"],
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            add_service_errors([form], error)
            return _receiver_page(request, handover, form=form, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect("care:handover_incoming", handover_pk=handover.pk)
    if handover.is_casusregie:
        text = _("Je hebt de overdracht geaccepteerd en bent nu casusregisseur van gezin %(ref)s.")
    else:
        text = _("Je hebt de overdracht geaccepteerd en zit nu in het zorgteam van gezin %(ref)s.")
    messages.success(request, text % {"ref": handover.family.reference})
    return _to_handovers(handover.family_id, handover.pk)


@require_http_methods(["GET", "POST"])
def handover_decline(request, handover_pk: int):
    """Decline with a reason (a confirmation page: the sender has to look further)."""
    handover, response = _receiver_gate(
        request,
        handover_pk,
        Action.UPDATE if request.method == "POST" else Action.READ,
        verb=_("afwijzen"),
    )
    if response is not None:
        return response
    form = HandoverDeclineForm(
        request.POST if request.method == "POST" else None,
        initial={"version": handover.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_decline(
                actor=request.user,
                handover_pk=handover.pk,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return redirect("care:handovers_incoming")
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("Je hebt de overdracht van gezin %(ref)s afgewezen.")
                % {"ref": handover.family.reference},
            )
            return redirect("care:handovers_incoming")
    # Only the reference and the sender: the reason form needs no family data.
    return render(
        request,
        "care/handovers/decline.html",
        {"handover": handover, "form": form},
        status=400 if form.errors else 200,
    )


# --- The family file's section ---------------------------------------------------------------


def handover_file_section(request, family) -> Reader:
    """The case director (or visibly nobody) and the running handovers: two queries, asked
    together (a reader: `kansrijk.core.together`).

    The care team comes from what the file page prefetched (`current_care_team`): the
    director's phone number, and who the roles name when no director is recorded.
    """
    today = timezone.localdate()
    care_team = getattr(family, "current_care_team", None)
    if care_team is None:
        care_team = selectors.current_care_team_members(family)
    running, director = yield from side_by_side(
        [
            selectors.open_handovers_reads(family),
            selectors.current_case_director_reads(family, care_team=care_team, request=request),
        ]
    )
    for handover in running:
        handover.overdue = handover.is_overdue(today)
    return {
        "family": family,
        "director": director,
        # Files opened before casusregie was recorded name their director only in the care
        # team's roles; say so, rather than show "nobody" next to a "casusregisseur".
        "named_in_team": None if director else _named_in_team(care_team),
        "open_handovers": running,
        "today": today,
    }


def _named_in_team(care_team: list[CareTeamMember]) -> CareTeamMember | None:
    """The first current member whose role in the family names the casusregie."""
    return next(
        (
            member
            for member in care_team
            if CASE_DIRECTOR_ROLE.casefold() in member.role_in_family.casefold()
        ),
        None,
    )


# --- Coordinator: chain moments -----------------------------------------------------------------


@role_required(Role.COORDINATOR)
def chain_moments(request):
    coalition = request.active.coalition
    own = list(ChainMoment.objects.filter(coalition=coalition).order_by("order", "id"))
    return render(
        request,
        "care/handovers/chain_moments.html",
        {
            "moments": [row.as_moment() for row in own] or list(DEFAULT_CHAIN_MOMENTS),
            "uses_defaults": not own,
        },
    )


@role_required(Role.COORDINATOR)
def chain_moment_edit(request, code: str | None = None):
    coalition = request.active.coalition
    moment = None
    if code is not None:
        moments = selectors.coalition_chain_moments(coalition, active_only=False)
        moment = next((m for m in moments if m.code == code), None)
        if moment is None:
            raise Http404(_("Dit ketenmoment bestaat niet (meer)."))
    if request.method == "POST":
        form = ChainMomentForm(request.POST)
        if form.is_valid():
            try:
                services.chain_moment_save(
                    actor=request.user,
                    coalition=coalition,
                    code=code,
                    data=dict(form.cleaned_data),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(request, _("Het ketenmoment is opgeslagen."))
                return redirect("care:chain_moments")
    else:
        form = ChainMomentForm(moment=moment)
    return render(
        request,
        "care/handovers/chain_moment_form.html",
        {"form": form, "moment": moment},
        status=400 if form.errors else 200,
    )
