"""Pages of the organisations app: switching coalition and the management area ("Beheer").

Who may do what in "Beheer" (always in the coalition the professional works in now):
coordinators manage the coalition's organisations and memberships; administrators manage
user accounts; both read the coalition's administrative audit trail. Anyone else gets 403.
Objects are fetched through the coalition-scoped selectors, so an object of another
coalition answers 404.
"""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kansrijk.core.navigation import manage_pages

from . import selectors, services
from .context import SESSION_KEY
from .forms import (
    AuditFilterForm,
    MembershipAddForm,
    MembershipEditForm,
    MembershipEndForm,
    MembershipFilterForm,
    OrganisationFilterForm,
    OrganisationForm,
    ProfessionalCreateForm,
    ProfessionalFilterForm,
    SetActiveForm,
)
from .models import Role
from .permissions import role_required

PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50
TEMPORARY_PASSWORD_SESSION_KEY = "organisations_temporary_password"  # noqa: S105 (a session key name)

coordinator_required = role_required(Role.COORDINATOR)
administrator_required = role_required(Role.ADMINISTRATOR)
manager_required = role_required(Role.COORDINATOR, Role.ADMINISTRATOR)


@require_POST
def switch_coalition(request):
    """Work in another coalition the professional is a member of."""
    chosen = request.POST.get("coalition", "")
    coalitions = {str(c.pk): c for c in request.active.coalitions}
    if chosen not in coalitions:
        messages.error(request, _("Je bent geen lid van die coalitie."))
    else:
        request.session[SESSION_KEY] = coalitions[chosen].pk
        messages.success(
            request, _("Je werkt nu in %(coalition)s.") % {"coalition": coalitions[chosen].name}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "core:home"
    return redirect(target)


# --- Shared helpers -----------------------------------------------------------------------


def may_manage(request) -> bool:
    """Whether the "Beheer" menu item is shown: coordinators and administrators."""
    active = getattr(request, "active", None)
    return bool(
        active is not None
        and active.coalition is not None
        and active.roles & {Role.COORDINATOR, Role.ADMINISTRATOR}
    )


def _filters(form) -> dict:
    return form.cleaned_data if form.is_valid() else {}


def _sort(request, queryset, options: dict[str, tuple[str, ...]], default: str):
    """Order by the `sorteer` parameter (a key of `options`, "-" for descending)."""
    chosen = request.GET.get("sorteer", default)
    key = chosen.removeprefix("-")
    if key not in options:
        chosen, key = default, default.removeprefix("-")
    fields = options[key]
    if chosen.startswith("-"):
        fields = tuple(f"-{field}" for field in fields)
    return queryset.order_by(*fields), chosen


def _sort_columns(columns: list[tuple[str, str]], current: str) -> list[dict]:
    """Header links: clicking a column sorts by it, clicking again reverses."""
    result = []
    for key, label in columns:
        state = None
        if current == key:
            state = "ascending"
        elif current == f"-{key}":
            state = "descending"
        result.append(
            {
                "label": label,
                "next": f"-{key}" if state == "ascending" else key,
                "aria_sort": state,
            }
        )
    return result


def _page(request, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("pagina"))


def _search(queryset, text: str, fields: tuple[str, ...]):
    """Every word must occur in one of `fields`, so "anna vries" finds Anna de Vries."""
    for word in text.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _show_temporary_password(request, *, professional, password: str, message: str, back: str):
    """Keep the password for one showing on the result page (never in a URL or a log)."""
    request.session[TEMPORARY_PASSWORD_SESSION_KEY] = {
        "name": str(professional),
        "username": professional.username,
        "password": password,
        "message": message,
        "back": back,
    }
    return redirect("organisations:temporary_password")


def _may_grant_administrator(request) -> bool:
    return request.active.has_role(Role.ADMINISTRATOR)


# --- Overview -----------------------------------------------------------------------------


@manager_required
def manage(request):
    return render(
        request,
        "organisations/manage.html",
        {
            "is_coordinator": request.active.has_role(Role.COORDINATOR),
            "is_administrator": request.active.has_role(Role.ADMINISTRATOR),
            "extra_pages": manage_pages(request),
        },
    )


@manager_required
@never_cache
def temporary_password(request):
    shown = request.session.pop(TEMPORARY_PASSWORD_SESSION_KEY, None)
    if shown is None:
        messages.info(
            request,
            _("Een tijdelijk wachtwoord wordt maar één keer getoond. Stel zo nodig een nieuw in."),
        )
        return redirect("organisations:manage")
    return render(request, "organisations/temporary_password.html", {"shown": shown})


# --- Organisations ------------------------------------------------------------------------

ORGANISATION_SORTS = {"naam": ("name",), "soort": ("kind", "name")}


@coordinator_required
def organisation_list(request):
    coalition = request.active.coalition
    form = OrganisationFilterForm(request.GET)
    filters = _filters(form)
    # The member count is annotated in the same query; the list costs a count and a page.
    organisations = selectors.manageable_organisations(coalition)
    if filters.get("q"):
        organisations = _search(organisations, filters["q"], ("name",))
    if filters.get("soort"):
        organisations = organisations.filter(kind=filters["soort"])
    if filters.get("status"):
        organisations = organisations.filter(is_active=filters["status"] == "actief")
    organisations, sort = _sort(request, organisations, ORGANISATION_SORTS, "naam")
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "page_obj": _page(request, organisations),
            "columns": _sort_columns([("naam", _("Naam")), ("soort", _("Soort"))], sort),
            "filtered": any(filters.values()),
        },
    )


@coordinator_required
def organisation_create(request):
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(
            actor=request.user,
            coalition=request.active.coalition,
            request=request,
            **{field: form.cleaned_data[field] for field in services.ORGANISATION_FIELDS},
        )
        messages.success(
            request, _("Organisatie '%(name)s' is aangemaakt.") % {"name": organisation.name}
        )
        return redirect("organisations:organisation_list")
    return render(request, "organisations/organisation_form.html", {"form": form})


@coordinator_required
def organisation_edit(request, pk: int):
    organisation = get_object_or_404(
        selectors.organisations_of_coalition(request.active.coalition), pk=pk
    )
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        # A copy: validating a ModelForm writes the input onto its instance, and the page
        # heading keeps showing the stored name while the input has errors.
        instance=copy(organisation),
    )
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            actor=request.user,
            coalition=request.active.coalition,
            organisation=organisation,
            data=form.cleaned_data,
            request=request,
        )
        messages.success(
            request,
            _("Organisatie '%(name)s' is opgeslagen.") % {"name": form.cleaned_data["name"]},
        )
        return redirect("organisations:organisation_list")
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@coordinator_required
def organisation_status(request, pk: int):
    organisation = get_object_or_404(
        selectors.organisations_of_coalition(request.active.coalition), pk=pk
    )
    if request.method == "POST":
        form = SetActiveForm(request.POST)
        if form.is_valid():
            services.organisation_set_active(
                actor=request.user,
                coalition=request.active.coalition,
                organisation=organisation,
                is_active=form.cleaned_data["active"],
                request=request,
            )
            if form.cleaned_data["active"]:
                text = _("Organisatie '%(name)s' is weer actief.")
            else:
                text = _("Organisatie '%(name)s' is gedeactiveerd.")
            messages.success(request, text % {"name": organisation.name})
        return redirect("organisations:organisation_list")
    return render(
        request,
        "organisations/organisation_status.html",
        {
            "organisation": organisation,
            "form": SetActiveForm(initial={"active": "0" if organisation.is_active else "1"}),
        },
    )


# --- Memberships --------------------------------------------------------------------------

MEMBERSHIP_SORTS = {
    "naam": ("professional__last_name", "professional__first_name", "organisation__name"),
    "organisatie": ("organisation__name", "professional__last_name", "professional__first_name"),
    "discipline": ("discipline", "professional__last_name", "professional__first_name"),
    "start": ("start_date", "professional__last_name"),
}


@coordinator_required
def membership_list(request):
    coalition = request.active.coalition
    form = MembershipFilterForm(request.GET, coalition=coalition)
    filters = _filters(form)
    # select_related("professional", "organisation") in the selector: a row shows both.
    memberships = selectors.manageable_memberships(coalition)
    if not filters.get("beeindigd"):
        memberships = selectors.open_memberships(memberships)
    if filters.get("q"):
        memberships = _search(
            memberships,
            filters["q"],
            ("professional__first_name", "professional__last_name", "professional__username"),
        )
    if filters.get("organisatie"):
        memberships = memberships.filter(organisation=filters["organisatie"])
    if filters.get("discipline"):
        memberships = memberships.filter(discipline=filters["discipline"])
    if filters.get("rol"):
        memberships = memberships.with_role(filters["rol"])
    memberships, sort = _sort(request, memberships, MEMBERSHIP_SORTS, "naam")
    columns = [
        ("naam", _("Naam")),
        ("organisatie", _("Organisatie")),
        ("discipline", _("Discipline")),
        ("start", _("Startdatum")),
    ]
    return render(
        request,
        "organisations/membership_list.html",
        {
            "form": form,
            "page_obj": _page(request, memberships),
            "columns": _sort_columns(columns, sort),
            "filtered": any(filters.values()),
        },
    )


@coordinator_required
def membership_add(request):
    coalition = request.active.coalition
    form = MembershipAddForm(
        request.POST if request.method == "POST" else None,
        coalition=coalition,
        may_grant_administrator=_may_grant_administrator(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.membership_add(
                actor=request.user,
                coalition=coalition,
                professional=form.chosen_professional(),
                organisation=data["organisation"],
                discipline=data["discipline"],
                roles=data["roles"],
                may_grant_administrator=form.may_grant_administrator,
                phone=data["phone"],
                start_date=data["start_date"],
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            membership = added.membership
            text = _("%(name)s is toegevoegd aan %(organisation)s.") % {
                "name": membership.professional,
                "organisation": membership.organisation.name,
            }
            if added.temporary_password:
                return _show_temporary_password(
                    request,
                    professional=membership.professional,
                    password=added.temporary_password,
                    message=text,
                    back=reverse("organisations:membership_list"),
                )
            messages.success(request, text)
            return redirect("organisations:membership_list")
    return render(request, "organisations/membership_add.html", {"form": form})


def _membership_of_coalition(request, pk: int):
    return get_object_or_404(selectors.manageable_memberships(request.active.coalition), pk=pk)


@coordinator_required
def membership_edit(request, pk: int):
    membership = _membership_of_coalition(request, pk)
    form = MembershipEditForm(
        request.POST if request.method == "POST" else None,
        membership=membership,
        may_grant_administrator=_may_grant_administrator(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.membership_update(
                actor=request.user,
                coalition=request.active.coalition,
                membership=membership,
                discipline=data["discipline"],
                roles=data["roles"],
                may_grant_administrator=form.may_grant_administrator,
                phone=data["phone"],
                start_date=data["start_date"],
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Het lidmaatschap van %(name)s is opgeslagen.")
                % {"name": membership.professional},
            )
            return redirect("organisations:membership_list")
    return render(
        request, "organisations/membership_edit.html", {"form": form, "membership": membership}
    )


@coordinator_required
def membership_end(request, pk: int):
    membership = _membership_of_coalition(request, pk)
    if membership.end_date is not None:
        messages.info(request, _("Dit lidmaatschap is al beëindigd."))
        return redirect("organisations:membership_list")
    form = MembershipEndForm(
        request.POST if request.method == "POST" else None, membership=membership
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user,
                coalition=request.active.coalition,
                membership=membership,
                end_date=form.cleaned_data["end_date"],
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Het lidmaatschap van %(name)s bij %(organisation)s is beëindigd.")
                % {"name": membership.professional, "organisation": membership.organisation.name},
            )
            return redirect("organisations:membership_list")
    return render(
        request, "organisations/membership_end.html", {"form": form, "membership": membership}
    )


# --- User accounts ------------------------------------------------------------------------

PROFESSIONAL_SORTS = {
    "naam": ("last_name", "first_name", "username"),
    "gebruikersnaam": ("username",),
    "laatst": ("last_login", "username"),
}


@administrator_required
def professional_list(request):
    coalition = request.active.coalition
    form = ProfessionalFilterForm(request.GET)
    filters = _filters(form)
    # One extra query for all rows' memberships in this coalition (prefetch); the
    # second-factor status is an annotation of the main query.
    professionals = selectors.manageable_professionals(coalition).prefetch_related(
        selectors.memberships_in_coalition(coalition)
    )
    if filters.get("q"):
        professionals = _search(
            professionals, filters["q"], ("first_name", "last_name", "username", "email")
        )
    if filters.get("status"):
        professionals = professionals.filter(is_active=filters["status"] == "actief")
    professionals, sort = _sort(request, professionals, PROFESSIONAL_SORTS, "naam")
    columns = [
        ("naam", _("Naam")),
        ("gebruikersnaam", _("Gebruikersnaam")),
        ("laatst", _("Laatst ingelogd")),
    ]
    return render(
        request,
        "organisations/professional_list.html",
        {
            "form": form,
            "page_obj": _page(request, professionals),
            "columns": _sort_columns(columns, sort),
            "filtered": any(filters.values()),
        },
    )


@administrator_required
def professional_create(request):
    form = ProfessionalCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            professional, password = services.professional_create(
                actor=request.user,
                coalition=request.active.coalition,
                new=form.new_professional(),
                request=request,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _show_temporary_password(
                request,
                professional=professional,
                password=password,
                message=_("Het account van %(name)s is aangemaakt.") % {"name": professional},
                back=reverse("organisations:professional_detail", args=[professional.pk]),
            )
    return render(request, "organisations/professional_create.html", {"form": form})


def _professional_of_coalition(request, pk: int):
    coalition = request.active.coalition
    return get_object_or_404(
        selectors.manageable_professionals(coalition).prefetch_related(
            selectors.memberships_in_coalition(coalition)
        ),
        pk=pk,
    )


@administrator_required
def professional_detail(request, pk: int):
    professional = _professional_of_coalition(request, pk)
    return render(request, "organisations/professional_detail.html", {"professional": professional})


@administrator_required
def professional_status(request, pk: int):
    professional = _professional_of_coalition(request, pk)
    is_self = professional.pk == request.user.pk
    if request.method == "POST":
        form = SetActiveForm(request.POST)
        if form.is_valid():
            try:
                services.professional_set_active(
                    actor=request.user,
                    coalition=request.active.coalition,
                    professional=professional,
                    is_active=form.cleaned_data["active"],
                    request=request,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if form.cleaned_data["active"]:
                    text = _("Het account van %(name)s is weer actief.")
                else:
                    text = _("Het account van %(name)s is gedeactiveerd.")
                messages.success(request, text % {"name": professional})
        return redirect("organisations:professional_detail", pk=professional.pk)
    return render(
        request,
        "organisations/professional_status.html",
        {
            "professional": professional,
            "is_self": is_self,
            "form": SetActiveForm(initial={"active": "0" if professional.is_active else "1"}),
        },
    )


@administrator_required
def professional_password(request, pk: int):
    professional = _professional_of_coalition(request, pk)
    if request.method == "POST":
        password = services.professional_reset_password(
            actor=request.user,
            coalition=request.active.coalition,
            professional=professional,
            request=request,
        )
        return _show_temporary_password(
            request,
            professional=professional,
            password=password,
            message=_("%(name)s heeft een nieuw tijdelijk wachtwoord.") % {"name": professional},
            back=reverse("organisations:professional_detail", args=[professional.pk]),
        )
    return render(
        request, "organisations/professional_password.html", {"professional": professional}
    )


@administrator_required
def professional_second_factor(request, pk: int):
    professional = _professional_of_coalition(request, pk)
    if request.method == "POST":
        services.professional_reset_second_factor(
            actor=request.user,
            coalition=request.active.coalition,
            professional=professional,
            request=request,
        )
        messages.success(
            request,
            _(
                "De tweede factor van %(name)s is gewist. Bij de volgende keer inloggen stelt "
                "%(name)s een nieuwe authenticator-app in."
            )
            % {"name": professional},
        )
        return redirect("organisations:professional_detail", pk=professional.pk)
    return render(
        request, "organisations/professional_second_factor.html", {"professional": professional}
    )


# --- Audit trail --------------------------------------------------------------------------


@manager_required
def audit_trail(request):
    form = AuditFilterForm(request.GET)
    filters = _filters(form)
    # select_related("actor") in the selector: every row names who did it.
    events = selectors.audit_events_of_coalition(request.active.coalition)
    if filters.get("actie"):
        events = events.filter(action=filters["actie"])
    if filters.get("van"):
        events = events.filter(at__date__gte=filters["van"])
    if filters.get("tot"):
        events = events.filter(at__date__lte=filters["tot"])
    return render(
        request,
        "organisations/audit_trail.html",
        {
            "form": form,
            "page_obj": _page(request, events, AUDIT_PAGE_SIZE),
            "filtered": any(filters.values()),
        },
    )
