"""Test data for a family's financing view: chain partners on the care team, a kraamzorg
calculation, and a coalition's rules for the usual kinds of care. Every figure is made up for
tests, except the kraamzorg contribution of € 4,20 per hour (2020) named in the sources."""

from decimal import Decimal

from kansrijk.families.models import Family
from kansrijk.families.services import care_team_member_add
from kansrijk.financing.models import ContributionKind, KraamzorgCalculation
from kansrijk.organisations.models import Discipline, Professional
from kansrijk.testing.financing import make_rule, make_year

KRAAMZORG_PER_HOUR = Decimal("4.20")


def add_team_organisation(
    cast,
    family: Family,
    kind: str,
    *,
    name: str = "",
    username: str = "",
    discipline: str = Discipline.OTHER,
) -> Professional:
    """A chain partner of `kind` working in the cast's coalition, one professional of it, put
    on the family's care team by the case director."""
    from kansrijk.testing.factories import (
        MembershipFactory,
        OrganisationFactory,
        ProfessionalFactory,
    )

    organisation = OrganisationFactory(
        name=name or f"Organisatie {kind}", kind=kind, coalitions=[cast.coalition]
    )
    professional = ProfessionalFactory(**({"username": username} if username else {}))
    MembershipFactory(
        professional=professional,
        organisation=organisation,
        coalition=cast.coalition,
        discipline=discipline,
    )
    care_team_member_add(actor=cast.case_director, family_pk=family.pk, professional=professional)
    return professional


def make_calculation(
    family: Family,
    created_by: Professional,
    *,
    year: int = 2026,
    chosen_hours: int = 49,
    standard_hours: int = 49,
    extra_hours: int = 0,
    per_hour: Decimal | None = KRAAMZORG_PER_HOUR,
    **fields,
) -> KraamzorgCalculation:
    """A kraamzorg calculation stored as the calculator would (without its service)."""
    return KraamzorgCalculation.objects.create(
        family=family,
        coalition_id=family.coalition_id,
        year=year,
        figures_year=fields.pop("figures_year", year),
        standard_hours=standard_hours,
        extra_hours=extra_hours,
        chosen_hours=chosen_hours,
        contribution_per_hour=per_hour,
        estimated_cost=None if per_hour is None else per_hour * chosen_hours,
        created_by=created_by,
        **fields,
    )


def make_usual_rules(coalition, year: int = 2026, *, eigen_risico: str | None = "385.00"):
    """The year's figures and rules for the kinds of care of the cast's care team and
    kraamzorg: midwifery and kraamzorg from the basic package (kraamzorg with € 4,20 per
    hour), hospital care with eigen risico, JGZ and the buurtteam paid by the municipality."""
    make_year(
        coalition,
        year,
        eigen_risico=None if eigen_risico is None else Decimal(eigen_risico),
        eigen_risico_source="Testbron",
    )
    return {
        "verloskundige_zorg": make_rule(
            coalition,
            "verloskundige_zorg",
            year,
            interpretation_payer="insurer",
            interpretation_notes="Tolkdienst via de praktijk.",
        ),
        "kraamzorg": make_rule(
            coalition,
            "kraamzorg",
            year,
            contribution_kind=ContributionKind.PER_HOUR,
            contribution_amount=KRAAMZORG_PER_HOUR,
            indication_required=True,
        ),
        "ziekenhuiszorg": make_rule(
            coalition, "ziekenhuiszorg", year, eigen_risico_applies=True, referral_required=True
        ),
        "jgz": make_rule(
            coalition,
            "jgz",
            year,
            law="wpg",
            payer="municipality",
            interpretation_payer="municipality",
        ),
        "wmo": make_rule(coalition, "wmo", year, law="wmo", payer="municipality"),
    }
