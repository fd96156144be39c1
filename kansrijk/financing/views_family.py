"""The family's financing view: who pays for what for this family, and its short section
on the family file.

The family comes from the access policy (`family_for_page` logs the read; 404 without a
ground). The reads are `selectors_family.family_financing`, a fixed number of queries.
"""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kansrijk.families.pages import family_for_page

from . import selectors_family


def kraamzorg_url(family) -> str:
    """The kraamzorg calculator of the family, while that page exists."""
    try:
        return reverse("financing:kraamzorg", args=[family.pk])
    except NoReverseMatch:
        return ""


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
            "kraamzorg_url": kraamzorg_url(family),
        },
    )


def financing_file_section(request, family) -> dict:
    """ "Financiering" on the family file: the estimated total this year and a line per item
    that costs the family something (the queries of `family_financing`, reusing the care
    team the file page prefetched)."""
    financing = selectors_family.family_financing(family)
    return {
        "family": family,
        "financing": financing,
        "url": reverse("financing:family", args=[family.pk]),
    }
