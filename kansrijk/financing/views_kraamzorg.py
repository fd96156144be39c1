"""The kraamzorg calculator on the family file.

One page, two buttons: "Bereken" shows the estimate without saving (the input stays in the
form), "Opslaan" keeps the calculation through `services_kraamzorg.calculation_save` and
sends back to the page (post/redirect/get).

Access follows the family (`kansrijk.families.pages`): the page and a preview show family
data, so they log a read; saving fetches the family without a read event and the service
logs the update (or the policy logs the refusal, 404). Queries on the page: the family with
its access check, the current pregnancy, the year's figures (four), the latest calculation
with its task (one, joined) and the kraamzorg organisation on the care team (one).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kansrijk.families.pages import add_service_errors, family_for_page, family_for_write

from . import services_kraamzorg as services
from .forms_kraamzorg import KraamzorgForm

SAVE = "opslaan"
PREVIEW = "bereken"


def _initial(figures: services.YearFigures, year: int) -> dict:
    """The form's start: the year of the birth, the higher standard, no extra hours, and the
    family taking every indicated hour."""
    hours = figures.figures
    standard = hours.default_standard if hours is not None else None
    return {"year": year, "standard_hours": standard, "extra_hours": 0, "chosen_hours": standard}


def kraamzorg(request, pk: int):
    action = request.POST.get("actie", PREVIEW) if request.method == "POST" else None
    if action == SAVE:
        return _save(request, pk)
    family = family_for_page(request, pk, detail=_("Kraamzorgberekening ingezien"))
    pregnancy = services.current_pregnancy(family)
    estimate = None
    figures = None
    status = 200
    if action is None:
        year = services.default_year(pregnancy)
        figures = services.kraamzorg_figures(family.coalition_id, year)
        form = KraamzorgForm(initial=_initial(figures, year))
    else:
        form = KraamzorgForm(request.POST)
        if form.is_valid():
            data = form.kraamzorg_input()
            figures = services.kraamzorg_figures(family.coalition_id, data.year)
            try:
                estimate = services.calculation_preview(
                    family, data, figures=figures, pregnancy=pregnancy
                )
            except ValidationError as error:
                add_service_errors([form], error)
        if form.errors:
            status = 400
    return _render(
        request,
        family,
        form,
        pregnancy=pregnancy,
        figures=figures,
        estimate=estimate,
        status=status,
    )


def _save(request, pk: int):
    family = family_for_write(request, pk)
    if not family.is_open:
        messages.info(
            request, _("Dit dossier is gesloten. Heropen het om een berekening op te slaan.")
        )
        return redirect("financing:kraamzorg", pk=family.pk)
    form = KraamzorgForm(request.POST)
    if form.is_valid():
        try:
            calculation = services.calculation_save(
                actor=request.user,
                family_pk=family.pk,
                data=form.kraamzorg_input(),
                create_task=form.cleaned_data["create_task"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors([form], error)
        else:
            messages.success(
                request,
                _("De kraamzorgberekening is opgeslagen: %(hours)s uur, jaar %(year)s.")
                % {"hours": calculation.chosen_hours, "year": calculation.year},
            )
            if calculation.task is not None:
                messages.success(
                    request,
                    _("Taak aangemaakt: %(title)s (%(owner)s).")
                    % {"title": calculation.task.title, "owner": calculation.task.owner_label},
                )
            elif form.cleaned_data["create_task"]:
                messages.info(
                    request,
                    _(
                        "Er is geen taak aangemaakt: er zijn geen extra uren en geen "
                        "prenatale kraamzorg."
                    ),
                )
            return redirect("financing:kraamzorg", pk=family.pk)
    # The page shows the family again: that is a read, logged like the page itself.
    family = family_for_page(request, pk, detail=_("Kraamzorgberekening ingezien"))
    return _render(request, family, form, pregnancy=services.current_pregnancy(family), status=400)


def _year_of(form, fallback: int) -> int:
    """The year the figures on the page are about: the one typed, when it is a year."""
    value = form["year"].value()
    try:
        year = int(value)
    except (TypeError, ValueError):
        return fallback
    return year if 2000 <= year <= 2100 else fallback


def _render(request, family, form, *, pregnancy, figures=None, estimate=None, status=200):
    year = _year_of(form, services.default_year(pregnancy))
    if figures is None:
        figures = services.kraamzorg_figures(family.coalition_id, year)
    return render(
        request,
        "financing/kraamzorg.html",
        {
            "family": family,
            "section": "financing",
            "form": form,
            "estimate": estimate,
            "pregnancy": pregnancy,
            "pregnancy_date": services.pregnancy_date(pregnancy),
            "year": year,
            "figures": figures,
            "latest": services.latest_calculation(family),
            "kraamzorg_organisation": services.kraamzorg_organisation(family),
        },
        status=status,
    )
