"""The family's financing view: who pays for what for this family, and its short section
on the family file.

The family comes from the access policy (`family_for_page` logs the read; 404 without a
ground). The page's reads are `selectors_family.family_financing`, a fixed number of
queries; the section on the file reads only the latest kraamzorg calculation.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from kansrijk.core.reversing import reverse
from kansrijk.core.together import Reader
from kansrijk.families.models import InsuranceKind
from kansrijk.families.pages import family_for_page

from . import selectors_family

# Policies under which costs land on the family more often: worth a look on the file.
WEAK_POLICIES = (InsuranceKind.MUNICIPAL, InsuranceKind.UNINSURED)


def family_financing(request, pk: int):
    family = family_for_page(request, pk, detail=_("Financiering ingezien"))
    year = selectors_family.requested_year(request.GET.get("jaar"))
    financing = selectors_family.family_financing(family, year=year)
    return render(
        request,
        "financing/family.html",
        {
            "family": family,
            "section": "financing",
            "financing": financing,
            "kraamzorg_url": reverse("financing:kraamzorg", args=[family.pk]),
        },
    )


def financing_file_section(request, family) -> Reader:
    """ "Financiering" on the family file: the pointers a professional needs at a glance
    (the latest kraamzorg calculation and its risk flag, a low income or a weak policy, an
    interpreter) and the way to the full view. One query, the latest calculation: the family
    file is the most used page, and who pays for each item is one click away. A reader
    (`kansrijk.core.together`): the query goes out with the other sections'."""
    calculation = yield from selectors_family.latest_kraamzorg_reads(family)
    weak_policy = family.insurance_kind in WEAK_POLICIES
    return {
        "family": family,
        "calculation": calculation,
        "weak_policy": weak_policy,
        "pointers": bool(
            calculation or family.low_income or weak_policy or family.interpreter_needed
        ),
        "url": reverse("financing:family", args=[family.pk]),
    }
