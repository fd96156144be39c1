"""The family pages: list, create, file, edit (with conflict page), history, close, reopen.

Who sees what is decided by the access policy (`kansrijk.access.policy`), never here:
lists start from `families_visible_to` (through `selectors`), a single family comes from
`get_family_for_user`, which answers "niet gevonden of geen toegang" (404) to anyone without
a ground and writes the NEN 7513 access event. A POST does not log a separate read: the
service it calls logs the update (or the refusal) itself. Opening a new file needs the
professional role in the active coalition (403 otherwise).
"""

from copy import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kansrijk.access.context_processors import header_reads
from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.access.services import access_event_record
from kansrijk.core.together import read_together
from kansrijk.organisations.models import Role

from . import selectors, services
from .forms import (
    ClientForm,
    FamilyCloseForm,
    FamilyCreateForm,
    FamilyEditForm,
    FamilyFilterForm,
    FamilyReopenForm,
    PregnancyForm,
)
from .models import ConsentPurpose, Family, FamilyStatus, InsuranceKind
from .models.family import FAMILY_EDITABLE_FIELDS
from .pages import family_for_write
from .phases import family_phase
from .sections import file_sections

Action = AccessEvent.Action
PAGE_SIZE = 25


def may_use_families(request) -> bool:
    """Whether the "Gezinnen" menu item is shown: professionals of the active coalition."""
    active = getattr(request, "active", None)
    return bool(
        active is not None and active.coalition is not None and active.has_role(Role.PROFESSIONAL)
    )


def _active_coalition(request):
    active = getattr(request, "active", None)
    return active.coalition if active is not None else None


def _family(request, pk: int, *, detail: str = "") -> Family:
    """The family for a page that shows it (logs a read); 404 without access.

    With its municipality joined (`selectors.family_pages`): every family page shows it.
    """
    return get_family_for_user(
        request.user,
        pk,
        Action.READ,
        request=request,
        coalition=_active_coalition(request),
        detail=detail,
        queryset=selectors.family_pages,
    )


def _family_for_post(request, pk: int) -> Family:
    """The family a form is posted for, without logging a read: the service logs the write.

    Only on a ground that lets the user change the file (`pages.family_for_write`); without
    one, the refused attempt is logged and the answer is 404.
    """
    return family_for_write(request, pk)


def _family_for_form(request, pk: int) -> Family:
    """A form page shows the family on GET (a logged read); on POST the service logs."""
    if request.method == "POST":
        return _family_for_post(request, pk)
    return _family(request, pk)


def _add_errors(forms, error: ValidationError) -> None:
    """Put a service's errors next to the field of whichever form has it."""
    if not hasattr(error, "error_dict"):
        forms[0].add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = next((form for form in forms if field in form.fields), None)
        if target is None:
            forms[0].add_error(None, errors)
        else:
            target.add_error(field, errors)


# --- List ---------------------------------------------------------------------------------

# Sort key → (annotation or field, descending?) pairs. "fase" follows the 1000 days: before
# pregnancy, pregnant (latest due date first = earliest in pregnancy), born (youngest first).
FAMILY_SORTS = {
    "dossier": (("reference", False),),
    "naam": (("client_sort_name", False), ("client_first_name", False), ("reference", False)),
    "gemeente": (("municipality__name", False), ("reference", False)),
    "fase": (("phase_rank", False), ("phase_key_date", True), ("reference", False)),
    "datum": (("phase_key_date", False), ("reference", False)),
}
DEFAULT_SORT = "naam"


def _sort(request, queryset):
    """Order by the `sorteer` parameter (a key of FAMILY_SORTS, "-" for the reverse)."""
    chosen = request.GET.get("sorteer", DEFAULT_SORT)
    key = chosen.removeprefix("-")
    if key not in FAMILY_SORTS:
        chosen, key = DEFAULT_SORT, DEFAULT_SORT
    reverse = chosen.startswith("-")
    queryset = selectors.with_list_keys(queryset, *(field for field, _desc in FAMILY_SORTS[key]))
    ordering = []
    for field, descending in FAMILY_SORTS[key]:
        expression = F(field)
        ordering.append(
            expression.desc(nulls_last=True)
            if descending != reverse
            else expression.asc(nulls_last=True)
        )
    return queryset.order_by(*ordering, "pk"), chosen


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
            {"label": label, "next": f"-{key}" if state == "ascending" else key, "aria_sort": state}
        )
    return result


def _log_search(request, form: FamilyFilterForm, coalition) -> None:
    """One NEN 7513 "search" event per search, naming the criteria but not their values
    (a name or date of birth typed in a search box is itself personal data)."""
    criteria = [str(form.fields[name].label) for name, value in form.cleaned_data.items() if value]
    access_event_record(
        user=request.user,
        action=Action.SEARCH,
        coalition=coalition,
        authorisation=True,
        treatment_relationship=False,
        consent=False,
        emergency=False,
        detail=_("Gezinnen gezocht op: %(criteria)s") % {"criteria": ", ".join(criteria)},
        request=request,
    )


def family_list(request):
    coalition = _active_coalition(request)
    today = timezone.localdate()
    form = FamilyFilterForm(request.GET, coalition=coalition)
    filters = form.cleaned_data if form.is_valid() else {}
    # One query for the page: the client's name, the phase's dates and the user's role are
    # annotated, the municipality joined (selectors.families_for_list); it counts them too.
    families = selectors.families_for_list(request.user, coalition=coalition)
    families = selectors.search_families(
        families,
        name=filters.get("naam") or "",
        date_of_birth=filters.get("geboortedatum"),
        postcode=filters.get("postcode") or "",
    )
    if filters.get("fase"):
        families = selectors.filter_by_phase(families, filters["fase"], today=today)
    if filters.get("gemeente"):
        families = families.filter(municipality=filters["gemeente"])
    filtered = any(filters.values())
    if filtered:
        _log_search(request, form, coalition)
    families, sort = _sort(request, families)
    page_obj = selectors.WindowCountPaginator(families, PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    selectors.with_phase(page_obj.object_list, today=today)
    columns = [
        ("dossier", _("Dossier")),
        ("naam", _("Cliënt")),
        ("gemeente", _("Gemeente")),
        ("fase", _("Fase")),
        ("datum", _("À terme / geboren")),
    ]
    return render(
        request,
        "families/family_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "columns": _sort_columns(columns, sort),
            "filtered": filtered or bool(form.errors),
            "may_create": may_use_families(request),
        },
    )


# --- Create -------------------------------------------------------------------------------


def family_create(request):
    if not may_use_families(request):
        raise PermissionDenied
    coalition = request.active.coalition
    data = request.POST if request.method == "POST" else None
    family_form = FamilyCreateForm(data, coalition=coalition)
    client_form = ClientForm(data)
    pregnancy_form = PregnancyForm(data)
    if request.method == "POST":
        with_pregnancy = pregnancy_form.is_filled_in()
        if not with_pregnancy:
            pregnancy_form = PregnancyForm()  # left empty: no pregnancy, and no errors for it
        valid = [family_form.is_valid(), client_form.is_valid()]
        if with_pregnancy:
            valid.append(pregnancy_form.is_valid())
        if all(valid):
            try:
                family = services.family_create_with_client(
                    actor=request.user,
                    municipality=family_form.cleaned_data["municipality"],
                    data=family_form.family_data(),
                    client=client_form.person_data(),
                    pregnancy=pregnancy_form.pregnancy_data() if with_pregnancy else None,
                    role_in_family=family_form.cleaned_data["role_in_family"],
                    request=request,
                )
            except ValidationError as error:
                _add_errors([family_form, client_form, pregnancy_form], error)
            else:
                messages.success(
                    request,
                    _("Dossier %(reference)s is aangemaakt. Je staat in het zorgteam.")
                    % {"reference": family.reference},
                )
                return redirect("families:detail", pk=family.pk)
    return render(
        request,
        "families/family_create.html",
        {
            "family_form": family_form,
            "client_form": client_form,
            "pregnancy_form": pregnancy_form,
            "has_errors": bool(family_form.errors or client_form.errors or pregnancy_form.errors),
        },
    )


# --- File ---------------------------------------------------------------------------------


def family_detail(request, pk: int):
    # The file's own reads and the header's query (unread notifications) in one round trip.
    family, _header = read_together(
        [selectors.family_file_reads(_family(request, pk)), header_reads(request)]
    )
    consents = {consent.purpose: consent for consent in family.consents_in_force}
    care_team = family.current_care_team
    return render(
        request,
        "families/family_detail.html",
        {
            "family": family,
            # The access report is for the care team; a break-the-glass visitor reads the file
            # but not who else looked at it.
            "on_care_team": any(m.professional_id == request.user.pk for m in care_team),
            "file_sections": file_sections(request, family),
            "phase": family_phase(family.pregnancies.all(), today=timezone.localdate()),
            "persons": family.persons.all(),
            "pregnancies": family.pregnancies.all(),
            "care_team": care_team,
            "consents": [
                {"purpose": purpose.label, "consent": consents.get(purpose.value)}
                for purpose in ConsentPurpose
            ],
        },
    )


# --- Edit, conflict and history ----------------------------------------------------------


def _display(name: str, value, municipalities: dict) -> str:
    """A stored or submitted family value as a person reads it."""
    if value in (None, ""):
        return "—"
    if name == "municipality":
        return municipalities.get(getattr(value, "pk", value), str(value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if name == "insurance_kind" and value in InsuranceKind.values:
        return str(InsuranceKind(value).label)
    if name == "status" and value in FamilyStatus.values:
        return str(FamilyStatus(value).label)
    return str(value)


def _label(name: str) -> str:
    return capfirst(Family._meta.get_field(name).verbose_name)


def _municipality_names(family: Family) -> dict:
    return dict(family.coalition.municipalities.values_list("pk", "name"))


def family_edit(request, pk: int):
    family = _family_for_form(request, pk)
    if not family.is_open:
        messages.info(request, _("Dit dossier is gesloten. Heropen het om het te bewerken."))
        return redirect("families:detail", pk=family.pk)
    form = FamilyEditForm(
        request.POST if request.method == "POST" else None,
        # A copy: validating a ModelForm writes the input onto its instance, and the page
        # keeps showing the stored reference while the input has errors.
        instance=copy(family),
        coalition=family.coalition,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.family_update(
                actor=request.user,
                family_pk=family.pk,
                expected_version=form.cleaned_data["version"],
                data=form.family_data(),
                request=request,
            )
        except services.VersionConflict as conflict:
            return _conflict_page(request, pk, conflict)
        except ValidationError as error:
            _add_errors([form], error)
        else:
            messages.success(request, _("De gezinsgegevens zijn opgeslagen."))
            return redirect("families:detail", pk=family.pk)
    return render(request, "families/family_edit.html", {"family": family, "form": form})


def _conflict_page(request, pk: int, conflict: services.VersionConflict):
    """Both versions side by side, and the form again with the user's input (HTTP 409).

    The form now carries the current version: saving it again is a conscious choice to
    put the user's values over the other person's, never a silent overwrite.
    """
    # The stored version is shown, so this is a read of the file.
    family = _family(request, pk, detail=_("Wijzigingsconflict getoond"))
    municipalities = _municipality_names(family)
    rows = []
    for name in FAMILY_EDITABLE_FIELDS:
        stored = _display(name, conflict.current.get(name), municipalities)
        submitted = _display(name, conflict.submitted.get(name), municipalities)
        rows.append(
            {
                "label": _label(name),
                "stored": stored,
                "submitted": submitted,
                "differs": stored != submitted,
            }
        )
    data = request.POST.copy()
    data["version"] = str(family.version)
    form = FamilyEditForm(data, instance=copy(family), coalition=family.coalition)
    return render(
        request,
        "families/family_conflict.html",
        {"family": family, "form": form, "rows": rows, "conflict": conflict},
        status=409,
    )


def family_history(request, pk: int):
    family = _family(request, pk, detail=_("Wijzigingsgeschiedenis bekeken"))
    municipalities = _municipality_names(family)
    versions = []
    for version in selectors.family_versions(family):
        versions.append(
            {
                "version": version,
                "changes": [
                    {
                        "label": _label(name),
                        "old": _display(name, old, municipalities),
                        "new": _display(name, new, municipalities),
                    }
                    for name, (old, new) in version.changes.items()
                ],
            }
        )
    return render(request, "families/family_history.html", {"family": family, "versions": versions})


# --- Close and reopen ---------------------------------------------------------------------


def family_close(request, pk: int):
    family = _family_for_form(request, pk)
    if not family.is_open:
        messages.info(request, _("Dit dossier is al gesloten."))
        return redirect("families:detail", pk=family.pk)
    form = FamilyCloseForm(
        request.POST if request.method == "POST" else None, initial={"version": family.version}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.family_close(
                actor=request.user,
                family_pk=family.pk,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except services.VersionConflict:
            form, status = _stale(request, pk, FamilyCloseForm), 409
        except ValidationError as error:
            _add_errors([form], error)
        else:
            messages.success(request, _("Het dossier is gesloten."))
            return redirect("families:detail", pk=family.pk)
    return render(
        request, "families/family_close.html", {"family": family, "form": form}, status=status
    )


def family_reopen(request, pk: int):
    family = _family_for_form(request, pk)
    if family.is_open:
        messages.info(request, _("Dit dossier is al open."))
        return redirect("families:detail", pk=family.pk)
    form = FamilyReopenForm(
        request.POST if request.method == "POST" else None, initial={"version": family.version}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.family_reopen(
                actor=request.user,
                family_pk=family.pk,
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except services.VersionConflict:
            form, status = _stale(request, pk, FamilyReopenForm), 409
        except ValidationError as error:
            _add_errors([form], error)
        else:
            messages.success(request, _("Het dossier is heropend."))
            return redirect("families:detail", pk=family.pk)
    return render(
        request, "families/family_reopen.html", {"family": family, "form": form}, status=status
    )


def _stale(request, pk: int, form_class):
    """The confirmation form again, on the current version, with a message why."""
    family = _family(request, pk, detail=_("Wijzigingsconflict getoond"))
    data = request.POST.copy()
    data["version"] = str(family.version)
    form = form_class(data)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Iemand anders heeft het dossier intussen gewijzigd. Bekijk het dossier en "
            "bevestig opnieuw als dit nog steeds klopt."
        ),
    )
    return form
