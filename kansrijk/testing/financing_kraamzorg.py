"""Test data for the kraamzorg calculator: a year's kraamzorg figures with its own
contribution per hour, a pregnancy with a due date, and a kraamzorg organisation with a
professional on the family's care team. Every figure is made up for tests, except that the
defaults follow the 2020 figures of the source documents (45/49 hours, 80 at most, € 4,20)."""

from datetime import date
from decimal import Decimal

from kansrijk.families.models import Family, Pregnancy
from kansrijk.families.services import care_team_member_add
from kansrijk.financing.models import ContributionKind, FinancingYear
from kansrijk.organisations.models import (
    Discipline,
    Organisation,
    OrganisationKind,
    Professional,
)
from kansrijk.testing.actors import Cast
from kansrijk.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProfessionalFactory,
    TOTPDeviceFactory,
)
from kansrijk.testing.financing import make_rule, make_year


def make_kraamzorg_year(
    coalition, year: int = 2020, *, per_hour: str | None = "4.20", **fields
) -> FinancingYear:
    """The year's hours (45/49, max 80 unless overridden) and, unless `per_hour` is None,
    the kraamzorg rule with that own contribution per hour."""
    row = make_year(coalition, year, **fields)
    if per_hour is not None:
        make_rule(
            coalition,
            "kraamzorg",
            year,
            contribution_kind=ContributionKind.PER_HOUR,
            contribution_amount=Decimal(per_hour),
        )
    return row


def make_pregnancy(family: Family, due_date: date, **fields) -> Pregnancy:
    return Pregnancy.objects.create(
        family=family, coalition_id=family.coalition_id, due_date=due_date, **fields
    )


def kraamzorg_on_care_team(
    cast: Cast, family: Family, *, name: str = "Kraamzorg Eerstedorp"
) -> tuple[Organisation, Professional]:
    """A kraamzorg organisation of the first coalition whose kraamverzorgende is put on the
    family's care team by the case director."""
    organisation = OrganisationFactory(
        name=name, kind=OrganisationKind.KRAAMZORG, coalitions=[cast.coalition]
    )
    professional = ProfessionalFactory(username="kraamverzorgende", first_name="Kraam")
    MembershipFactory(
        professional=professional,
        organisation=organisation,
        coalition=cast.coalition,
        discipline=Discipline.MATERNITY_CARER,
    )
    TOTPDeviceFactory(user=professional)
    care_team_member_add(
        actor=cast.case_director,
        family_pk=family.pk,
        professional=professional,
        role_in_family="kraamverzorgende",
    )
    return organisation, professional
