"""Pages for the people and events around a family: persons, pregnancies, consent, care team
and the timeline.

Access: every page reaches the family through the access policy. A page that shows family
data calls `get_family_for_user` (one NEN 7513 access event, "read"); a POST that changes
something is handled by a service that calls it itself with "create"/"update" and the row
lock, so every request writes exactly one access event. Before a POST is parsed, the family
is looked up with `Family.objects.visible_to` (the same policy, no event yet): someone
without access gets the logged 404 "niet gevonden of geen toegang" before any input is read.
"""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, get_family_for_user

from . import services
from .forms_people import (
    BirthForm,
    CareTeamAddForm,
    CareTeamEndForm,
    ConsentForm,
    PersonForm,
    PregnancyForm,
    TimelineFilterForm,
)
from .models import CareTeamMember, Consent, ConsentPurpose, Family

Action = AccessEvent.Action
TIMELINE_PAGE_SIZE = 50


def family_url(family_pk: int) -> str:
    return reverse("families:detail", args=[family_pk])


def _read(request, pk: int, **kwargs) -> Family:
    return get_family_for_user(request.user, pk, Action.READ, request=request, **kwargs)


def _visible(request, pk: int) -> Family:
    """The family a POST is about, without an access event (the service writes it).

    Without access the policy's refusal is logged and the answer is the usual 404.
    """
    family = Family.objects.visible_to(request.user).filter(pk=pk).first()
    if family is None:
        get_family_for_user(request.user, pk, Action.UPDATE, request=request)
        raise Http404(NOT_FOUND_MESSAGE)  # pragma: no cover - the line above raises
    return family


def _one_of(queryset, pk: int):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return obj


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _context(family: Family, section: str, **extra) -> dict:
    return {"family": family, "section": section, "family_url": family_url(family.pk), **extra}


# --- Persons ------------------------------------------------------------------------------


def person_add(request, pk: int):
    form = PersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        _visible(request, pk)
        if form.is_valid():
            try:
                person = services.person_add(
                    actor=request.user, family_pk=pk, data=form.person_data(), request=request
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("%(name)s is toegevoegd.") % {"name": person})
                return redirect(family_url(pk))
    family = _read(request, pk)
    return render(
        request, "families/people/person_form.html", _context(family, "persons", form=form)
    )


def person_edit(request, pk: int, person_pk: int):
    family = (
        _visible(request, pk)
        if request.method == "POST"
        else _read(request, pk, persons=[person_pk])
    )
    person = _one_of(family.persons.all(), person_pk)
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        # A copy: validating writes the input onto the instance; the heading keeps the name.
        instance=copy(person),
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.person_update(
                    actor=request.user,
                    family_pk=pk,
                    person_pk=person.pk,
                    data=form.person_data(),
                    request=request,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("De gegevens van %(name)s zijn opgeslagen.") % {"name": form.instance},
                )
                return redirect(family_url(pk))
        family = _read(request, pk, persons=[person_pk])
    return render(
        request,
        "families/people/person_form.html",
        _context(family, "persons", form=form, person=person),
    )


# --- Pregnancies --------------------------------------------------------------------------


def pregnancy_add(request, pk: int):
    form = PregnancyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        _visible(request, pk)
        if form.is_valid():
            try:
                services.pregnancy_add(
                    actor=request.user, family_pk=pk, data=form.pregnancy_data(), request=request
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De zwangerschap is toegevoegd."))
                return redirect(family_url(pk))
    family = _read(request, pk)
    return render(
        request, "families/people/pregnancy_form.html", _context(family, "pregnancies", form=form)
    )


def pregnancy_edit(request, pk: int, preg_pk: int):
    family = _visible(request, pk) if request.method == "POST" else _read(request, pk)
    pregnancy = _one_of(family.pregnancies.all(), preg_pk)
    form = PregnancyForm(
        request.POST if request.method == "POST" else None, instance=copy(pregnancy)
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pregnancy_update(
                    actor=request.user,
                    family_pk=pk,
                    pregnancy_pk=pregnancy.pk,
                    data=form.pregnancy_data(),
                    request=request,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De zwangerschap is opgeslagen."))
                return redirect(family_url(pk))
        family = _read(request, pk)
    return render(
        request,
        "families/people/pregnancy_form.html",
        _context(family, "pregnancies", form=form, pregnancy=pregnancy),
    )


def birth_record(request, pk: int, preg_pk: int):
    family = _visible(request, pk) if request.method == "POST" else _read(request, pk)
    pregnancy = _one_of(family.pregnancies.all(), preg_pk)
    if pregnancy.birth_date is not None:
        messages.info(request, _("De afloop van deze zwangerschap is al vastgelegd."))
        return redirect("families:pregnancy_edit", pk=pk, preg_pk=preg_pk)
    form = BirthForm(request.POST if request.method == "POST" else None, instance=copy(pregnancy))
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pregnancy_birth_record(
                    actor=request.user,
                    family_pk=pk,
                    pregnancy_pk=pregnancy.pk,
                    birth_date=form.cleaned_data["birth_date"],
                    outcome=form.cleaned_data["outcome"],
                    child_first_name=form.cleaned_data["child_first_name"],
                    child_last_name=form.cleaned_data["child_last_name"],
                    request=request,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De afloop van de zwangerschap is vastgelegd."))
                return redirect(family_url(pk))
        family = _read(request, pk)
    return render(
        request,
        "families/people/birth_form.html",
        _context(family, "pregnancies", form=form, pregnancy=pregnancy),
    )


# --- Consent ------------------------------------------------------------------------------


def _consent_overview(family: Family) -> tuple[list[dict], list[Consent]]:
    # One query for every decision of the family, with who recorded and withdrew it.
    history = list(
        Consent.objects.filter(family=family)
        .select_related("recorded_by", "recorded_by_person", "withdrawn_by")
        .order_by("-recorded_at", "-id")
    )
    in_force = {c.purpose: c for c in history if c.withdrawn_at is None}
    purposes = [
        {"purpose": purpose, "label": label, "consent": in_force.get(purpose)}
        for purpose, label in ConsentPurpose.choices
    ]
    return purposes, history


def consent(request, pk: int):
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        _visible(request, pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                recorded = services.consent_record(
                    actor=request.user,
                    family_pk=pk,
                    purpose=data["purpose"],
                    given=data["answer"] == "yes",
                    method=data["method"],
                    request=request,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Het besluit over '%(purpose)s' is vastgelegd.")
                    % {"purpose": recorded.get_purpose_display()},
                )
                return redirect("families:consent", pk=pk)
    family = _read(request, pk)
    purposes, history = _consent_overview(family)
    return render(
        request,
        "families/people/consent.html",
        _context(family, "consent", form=form, purposes=purposes, history=history),
    )


def consent_withdraw(request, pk: int, purpose: str):
    if purpose not in ConsentPurpose.values:
        raise Http404(NOT_FOUND_MESSAGE)
    label = ConsentPurpose(purpose).label
    if request.method == "POST":
        _visible(request, pk)
        try:
            services.consent_withdraw(
                actor=request.user, family_pk=pk, purpose=purpose, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("De toestemming voor '%(purpose)s' is ingetrokken. Dit geldt vanaf nu.")
                % {"purpose": label},
            )
        return redirect("families:consent", pk=pk)
    family = _read(request, pk)
    in_force = (
        Consent.objects.given()
        .filter(family=family, purpose=purpose)
        .select_related("recorded_by", "recorded_by_person")
        .first()
    )
    if in_force is None:
        messages.info(
            request,
            _("Er is geen gegeven toestemming voor '%(purpose)s' om in te trekken.")
            % {"purpose": label},
        )
        return redirect("families:consent", pk=pk)
    return render(
        request,
        "families/people/consent_withdraw.html",
        _context(family, "consent", consent=in_force, label=label),
    )


# --- Care team ----------------------------------------------------------------------------


def care_team(request, pk: int):
    if request.method == "POST":
        form = CareTeamAddForm(request.POST, family=_visible(request, pk))
        if form.is_valid():
            data = form.cleaned_data
            try:
                member = services.care_team_member_add(
                    actor=request.user,
                    family_pk=pk,
                    professional=form.chosen_professional(),
                    role_in_family=data["role_in_family"],
                    phone=data["phone"],
                    start_date=data["start_date"],
                    request=request,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is toegevoegd aan het zorgteam.") % {"name": member.professional},
                )
                return redirect("families:care_team", pk=pk)
        family = _read(request, pk)
    else:
        family = _read(request, pk)
        form = CareTeamAddForm(family=family)
    # One query for all members with their professional, organisation and discipline.
    members = list(
        family.care_team_members.select_related(
            "professional", "membership__organisation"
        ).order_by("start_date", "id")
    )
    today = timezone.localdate()
    current = [m for m in members if m.end_date is None or m.end_date > today]
    former = [m for m in members if m.end_date is not None and m.end_date <= today]
    return render(
        request,
        "families/people/care_team.html",
        _context(family, "care_team", form=form, current=current, former=former, today=today),
        status=400 if form.errors else 200,
    )


def care_team_end(request, pk: int, member_pk: int):
    family = _visible(request, pk) if request.method == "POST" else _read(request, pk)
    member = _one_of(
        CareTeamMember.objects.filter(family=family).select_related(
            "professional", "membership__organisation"
        ),
        member_pk,
    )
    if member.end_date is not None and member.end_date <= timezone.localdate():
        messages.info(request, _("Dit zorgteamlid is al gestopt."))
        return redirect("families:care_team", pk=pk)
    if request.method == "POST":
        try:
            services.care_team_member_end(actor=request.user, member_pk=member.pk, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s zit niet meer in het zorgteam.") % {"name": member.professional},
            )
        return redirect("families:care_team", pk=pk)
    return render(
        request,
        "families/people/care_team_end.html",
        _context(family, "care_team", member=member, form=CareTeamEndForm()),
    )


# --- Timeline -----------------------------------------------------------------------------


def timeline(request, pk: int):
    family = _read(request, pk)
    form = TimelineFilterForm(request.GET)
    kind = form.cleaned_data["soort"] if form.is_valid() else ""
    # The actor is joined, so a page costs a count and one select, however many rows.
    events = family.timeline_events.select_related("actor").order_by("-at", "-id")
    if kind:
        events = events.filter(kind=kind)
    page_obj = Paginator(events, TIMELINE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "families/people/timeline.html",
        _context(family, "timeline", form=form, page_obj=page_obj, filtered=bool(kind)),
    )
