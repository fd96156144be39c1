"""Pages of closed-loop referrals: sending from the family file, the receiving
organisation's inbox and the referral's page with its actions, and the overview per service.

A page that shows family data takes the family from the access policy (logged). The
receiving professional, usually off the care team, reaches only the referral's own page and
its actions, through the receiver's scope (`selectors_referrals`): the referral's shared
data, the person's first name and birth year, the sender; never the file. The inbox shows no
family data at all. The overview shows aggregates only, with counts under 10 suppressed.
"""

import time
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user
from kansrijk.core.together import Reader
from kansrijk.families.models import Person
from kansrijk.families.pages import (
    active_coalition,
    add_service_errors,
    family_for_page,
    family_for_write,
)
from kansrijk.families.selectors import visible_family
from kansrijk.organisations.models import Role
from kansrijk.organisations.permissions import role_required

from . import selectors_referrals as selectors
from . import services_referrals as services
from .forms_referrals import OverviewPeriodForm, ReferralActionForm, ReferralForm
from .models import Referral, ReferralAction, ReferralStatus

Action = AccessEvent.Action
INBOX_PAGE_SIZE = 25
# The menu's answer is kept in the session for this long: the check costs one query, and
# every page draws the menu.
MENU_CHECK_SECONDS = 15 * 60
MENU_SESSION_KEY = "socialmap_referral_inbox"

ACTION_BUTTONS = {
    ReferralAction.RECEIVE: _("Markeer als ontvangen"),
    ReferralAction.ACCEPT: _("Accepteren"),
    ReferralAction.DECLINE: _("Afwijzen"),
    ReferralAction.START: _("Hulp is gestart"),
    ReferralAction.COMPLETE: _("Afronden"),
    ReferralAction.NO_SHOW: _("Niet verschenen"),
    ReferralAction.WITHDRAW: _("Verwijzing intrekken"),
}


def _my_organisation_ids(request) -> set[int]:
    active = getattr(request, "active", None)
    if active is None:
        return set()
    return {m.organisation_id for m in active.memberships if m.is_professional}


# --- The menu --------------------------------------------------------------------------------


def may_use_referral_inbox(request) -> bool:
    """Whether "Verwijzingen" is in the menu: professionals of the active coalition whose
    organisation is linked to a provider of the map or has received referrals. Every page
    draws the menu, so the answer (one query) is kept in the session for a while, keyed by
    the coalition and the organisations."""
    active = getattr(request, "active", None)
    if active is None or active.coalition is None or not active.has_role(Role.PROFESSIONAL):
        return False
    organisations = sorted(_my_organisation_ids(request))
    key = [active.coalition.pk, organisations]
    session = getattr(request, "session", None)
    now = int(time.time())
    if session is not None:
        kept = session.get(MENU_SESSION_KEY)
        if kept and kept.get("key") == key and now - kept.get("at", 0) < MENU_CHECK_SECONDS:
            return bool(kept.get("visible"))
    visible = selectors.organisation_has_referrals(set(organisations), active.coalition.pk)
    if session is not None:
        session[MENU_SESSION_KEY] = {"key": key, "at": now, "visible": visible}
    return visible


# --- Sending ---------------------------------------------------------------------------------


def _persons(family) -> list[Person]:
    return list(Person.objects.filter(family=family).order_by("pk"))


def referral_create(request, pk: int):
    """Refer a family member to a service of the map (from the file, or a service page with
    `?dienst=<uuid>`). For whoever may change the family."""
    family = family_for_write(request, pk)
    if request.method != "POST":
        family = family_for_page(request, pk, detail=_("Verwijzing voorbereid"))
    services_list = list(selectors.referable_services(family.coalition_id))
    chosen = request.GET.get("dienst", "")
    initial = {}
    not_referable = None
    if chosen:
        if any(str(service.pk) == chosen for service in services_list):
            initial["service"] = chosen
        else:
            not_referable = selectors.service_of_coalition(family.coalition_id, chosen)
    persons = _persons(family)
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        persons=persons,
        services=services_list,
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                referral = services.referral_send(
                    actor=request.user,
                    family_pk=family.pk,
                    person_pk=form.cleaned_data["person"],
                    service_id=form.cleaned_data["service"],
                    reason=form.cleaned_data["reason"],
                    urgency=form.cleaned_data["urgency"],
                    shared_data=form.cleaned_data["shared_data"],
                    consent_to_share=form.cleaned_data["consent_to_share"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors([form], error)
            else:
                messages.success(
                    request,
                    _(
                        "De verwijzing naar %(service)s is verstuurd. %(organisation)s "
                        "antwoordt uiterlijk %(date)s."
                    )
                    % {
                        "service": referral.service.name,
                        "organisation": referral.receiving_organisation.name,
                        "date": referral.respond_by.strftime("%d-%m-%Y"),
                    },
                )
                return redirect("socialmap:referral_detail", referral_pk=referral.pk)
        status = 400
        family = family_for_page(request, pk, detail=_("Verwijzing voorbereid"))
    return render(
        request,
        "socialmap/referral_form.html",
        {
            "family": family,
            "form": form,
            "not_referable": not_referable,
            "has_services": bool(services_list),
        },
        status=status,
    )


# --- The referral's page -----------------------------------------------------------------------


def _referral(referral_pk: int) -> Referral | None:
    return (
        Referral.objects.filter(pk=referral_pk).select_related(*selectors.REFERRAL_RELATED).first()
    )


def _gate(request, referral_pk: int, action: str) -> tuple[Referral, bool, bool]:
    """The referral, whether the user is a receiver, and whether they may see the family on
    another ground (the care team); everyone else gets 404, the refusal logged."""
    coalition = active_coalition(request)
    referral = _referral(referral_pk)
    if referral is None or coalition is None:
        raise Http404(NOT_FOUND_MESSAGE)
    receiver = referral.coalition_id == coalition.pk and selectors.is_receiver(
        request.user, referral, request=request
    )
    sees_family = (
        visible_family(request.user, referral.family_id, coalition=coalition, for_change=False)
        is not None
    )
    if not receiver and not sees_family:
        # Logs the refused attempt and raises Http404.
        get_family_for_user(
            request.user, referral.family_id, action, request=request, coalition=coalition
        )
        raise Http404(NOT_FOUND_MESSAGE)  # pragma: no cover - the policy raised above
    return referral, receiver, sees_family


def _detail_page(request, referral, *, receiver: bool, sees_family: bool, forms=None, status=200):
    """The referral for its receiver and for the care team: read through the policy (inside
    the receiver's scope), so the read is logged."""
    with selectors.referral_receiver_scope(request.user, referral.pk):
        family = family_for_page(request, referral.family_id, detail=_("Verwijzing ingezien"))
    sender = sees_family and selectors.on_care_team(request.user, family.pk)
    actions = services.allowed_actions(referral, receiver=receiver, sender=sender)
    forms = forms or {}
    action_forms = [
        {
            "action": action,
            "label": ACTION_BUTTONS[ReferralAction(action)],
            "form": forms.get(action)
            or ReferralActionForm(action=action, initial={"version": referral.version}),
            "danger": action in (ReferralAction.DECLINE, ReferralAction.WITHDRAW),
        }
        for action in actions
    ]
    today = timezone.localdate()
    return render(
        request,
        "socialmap/referral_detail.html",
        {
            "referral": referral,
            "family": family,
            "receiver": receiver,
            "sees_family": sees_family,
            "events": selectors.referral_events(referral),
            "action_forms": action_forms,
            "overdue": selectors.is_overdue(referral, today),
            # Minimal: the first name and the birth year, never the full name or birth date.
            "birth_year": referral.person.date_of_birth.year
            if referral.person.date_of_birth
            else None,
            "sender_phone": _sender_phone(referral),
            "accept_joins": ReferralAction.ACCEPT in actions and not sender,
        },
        status=status,
    )


def _sender_phone(referral: Referral) -> str:
    from kansrijk.families.models import CareTeamMember

    member = (
        CareTeamMember.objects.filter(family_id=referral.family_id, professional=referral.sent_by)
        .select_related("membership__organisation")
        .order_by("-start_date", "-pk")
        .first()
    )
    if member is None:
        return ""
    referral.sender_organisation = (
        member.membership.organisation.name if member.membership_id else ""
    )
    return member.phone or (member.membership.phone if member.membership_id else "")


def referral_detail(request, referral_pk: int):
    referral, receiver, sees_family = _gate(request, referral_pk, Action.READ)
    return _detail_page(request, referral, receiver=receiver, sees_family=sees_family)


@require_POST
def referral_action(request, referral_pk: int, action: str):
    """One action of the transition table, by a receiver or (withdraw) the care team."""
    if action not in ReferralAction.values:
        raise Http404(_("Deze actie bestaat niet voor een verwijzing."))
    referral, receiver, sees_family = _gate(request, referral_pk, Action.UPDATE)
    if action == ReferralAction.WITHDRAW:
        # The referring side changes the family: without a ground to change it, the refusal
        # is logged here, outside the service's transaction, and answered 404.
        family_for_write(request, referral.family_id)
    form = ReferralActionForm(request.POST, action=action)
    if not form.is_valid():
        return _detail_page(
            request,
            referral,
            receiver=receiver,
            sees_family=sees_family,
            forms={action: form},
            status=400,
        )
    data = form.cleaned_data
    try:
        updated = services.referral_act(
            actor=request.user,
            referral_pk=referral.pk,
            action=action,
            note=data.get("note", ""),
            role_in_family=data.get("role_in_family", ""),
            phone=data.get("phone", ""),
            expected_version=data["version"],
            request=request,
        )
    except services.ReferralChanged as error:
        messages.error(request, " ".join(error.messages))
        return redirect("socialmap:referral_detail", referral_pk=referral.pk)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            add_service_errors([form], error)
            return _detail_page(
                request,
                referral,
                receiver=receiver,
                sees_family=sees_family,
                forms={action: form},
                status=400,
            )
        messages.error(request, " ".join(error.messages))
        return redirect("socialmap:referral_detail", referral_pk=referral.pk)
    if action == ReferralAction.ACCEPT:
        messages.success(
            request,
            _(
                "Je hebt de verwijzing geaccepteerd en zit nu in het zorgteam van gezin "
                "%(reference)s: je ziet nu het dossier."
            )
            % {"reference": referral.family.reference},
        )
    else:
        messages.success(
            request,
            _("De verwijzing is nu %(status)s.") % {"status": updated.get_status_display().lower()},
        )
    return redirect("socialmap:referral_detail", referral_pk=referral.pk)


# --- The receiving organisation's inbox ----------------------------------------------------------

STATUS_FILTERS = [
    ("open", _("Open")),
    ("wacht", _("Wacht op antwoord")),
    *[(status.value, status.label) for status in ReferralStatus],
    ("alle", _("Alle")),
]


def referral_inbox(request):
    """Referrals to the user's organisations in the active coalition, oldest answer date
    first. Two queries whatever their number (the page and its count); no family data."""
    active = getattr(request, "active", None)
    if active is None or active.coalition is None or not active.has_role(Role.PROFESSIONAL):
        raise PermissionDenied
    status = request.GET.get("status", "open")
    if status not in selectors.INBOX_FILTERS:
        status = "open"
    referrals = selectors.incoming_referrals(
        request.user,
        active.coalition,
        organisation_ids=_my_organisation_ids(request),
        status=status,
    )
    page = Paginator(referrals, INBOX_PAGE_SIZE).get_page(request.GET.get("pagina"))
    today = timezone.localdate()
    for referral in page:
        referral.overdue = selectors.is_overdue(referral, today)
    return render(
        request,
        "socialmap/referral_inbox.html",
        {"page": page, "status": status, "filters": STATUS_FILTERS, "today": today},
    )


# --- The overview per service and period ---------------------------------------------------------


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)


@role_required(Role.COORDINATOR, Role.ANALYST)
def referral_overview(request):
    """Per service: sent, accepted, started, completed and the median response time in the
    chosen period; counts under 10 shown as "<10". Two queries whatever the number of
    referrals (`selectors_referrals.referral_overview`)."""
    today = timezone.localdate()
    form = OverviewPeriodForm(
        request.GET or None, default_start=_year_before(today), default_end=today
    )
    start, end = _year_before(today), today
    status = 200
    if form.is_bound:
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        else:
            status = 400
    else:
        form = OverviewPeriodForm(
            initial={"start": start, "end": end}, default_start=start, default_end=end
        )
    sort = request.GET.get("sorteer", "naam")
    if sort not in selectors.OVERVIEW_SORTS:
        sort = "naam"
    figures = selectors.referral_overview(request.active.coalition, start=start, end=end, sort=sort)
    query = {"van": start.isoformat(), "tot": end.isoformat()}
    return render(
        request,
        "socialmap/referral_overview.html",
        {
            "form": form,
            "figures": figures,
            "start": start,
            "end": end,
            "sort": sort,
            "sort_urls": {
                key: f"{reverse('socialmap:referral_overview')}?start={query['van']}"
                f"&end={query['tot']}&sorteer={key}"
                for key in selectors.OVERVIEW_SORTS
            },
        },
        status=status,
    )


# --- The family file's section -------------------------------------------------------------------


def referral_file_section(request, family) -> Reader:
    """The family's referrals with status, service, receiver, dates and overdue flag: one
    query whatever their number, asked with the other sections' (a reader:
    `kansrijk.core.together`). Whether the user may refer comes from the care team the
    file page prefetched (`current_care_team`; otherwise one query)."""
    referrals = yield from selectors.family_referrals_reads(family)
    today = timezone.localdate()
    for referral in referrals:
        referral.overdue = selectors.is_overdue(referral, today)
    return {
        "family": family,
        "referrals": referrals,
        "may_refer": may_refer(request, family),
        "today": today,
    }


def may_refer(request, family) -> bool:
    """Whether the viewer may refer this family: on its care team while the file is open.
    From the care team the file page prefetched (`current_care_team`; otherwise one query)."""
    if not family.is_open:
        return False
    team = getattr(family, "current_care_team", None)
    if team is not None:
        return any(member.professional_id == request.user.pk for member in team)
    return selectors.on_care_team(request.user, family.pk)
