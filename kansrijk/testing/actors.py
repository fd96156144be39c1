"""The fixed cast of every authorization test (see STYLE.md).

Two coalitions in one region. In the first: a case director and a care-team member (both
professionals; the families issue puts them on a care team), a professional of the same
coalition outside the care team, a coordinator, an analyst and an administrator. In the
second coalition: one professional. Every actor has a confirmed TOTP device.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp.oath import totp

from kansrijk.organisations.models import Coalition, Discipline, OrganisationKind, Professional

from .factories import (
    CoalitionFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ProfessionalFactory,
    RegionFactory,
    TOTPDeviceFactory,
)


@dataclass
class Cast:
    coalition: Coalition
    other_coalition: Coalition
    case_director: Professional
    care_team_member: Professional
    outsider: Professional
    other_coalition_professional: Professional
    coordinator: Professional
    analyst: Professional
    administrator: Professional

    def all(self) -> dict[str, Professional]:
        return {
            name: value for name, value in vars(self).items() if isinstance(value, Professional)
        }


def make_cast() -> Cast:
    region = RegionFactory(name="Testregio")
    coalition = CoalitionFactory(region=region, name="Kansrijke Start Eerstedorp")
    other = CoalitionFactory(region=region, name="Kansrijke Start Tweededorp")
    MunicipalityFactory(coalition=coalition, cbs_code="GM9501", name="Eerstedorp")
    MunicipalityFactory(coalition=other, cbs_code="GM9502", name="Tweededorp")
    practice = OrganisationFactory(name="Verloskundigen Eerstedorp", coalitions=[coalition])
    jgz = OrganisationFactory(
        name="JGZ Eerstedorp", kind=OrganisationKind.JGZ, coalitions=[coalition]
    )
    municipality = OrganisationFactory(
        name="Gemeente Eerstedorp", kind=OrganisationKind.MUNICIPALITY, coalitions=[coalition]
    )
    other_practice = OrganisationFactory(name="Verloskundigen Tweededorp", coalitions=[other])

    def actor(username, organisation, coalition, discipline, **roles):
        professional = ProfessionalFactory(username=username, first_name=username.title())
        MembershipFactory(
            professional=professional,
            organisation=organisation,
            coalition=coalition,
            discipline=discipline,
            **roles,
        )
        TOTPDeviceFactory(user=professional)
        return professional

    return Cast(
        coalition=coalition,
        other_coalition=other,
        case_director=actor("regisseur", practice, coalition, Discipline.MIDWIFE),
        care_team_member=actor("teamlid", jgz, coalition, Discipline.YOUTH_NURSE),
        outsider=actor("buitenstaander", practice, coalition, Discipline.MIDWIFE),
        other_coalition_professional=actor(
            "anderecoalitie", other_practice, other, Discipline.MIDWIFE
        ),
        coordinator=actor(
            "coordinator",
            municipality,
            coalition,
            Discipline.OTHER,
            is_professional=False,
            is_coordinator=True,
        ),
        analyst=actor(
            "analist",
            municipality,
            coalition,
            Discipline.OTHER,
            is_professional=False,
            is_analyst=True,
        ),
        administrator=actor(
            "beheerder",
            municipality,
            coalition,
            Discipline.OTHER,
            is_professional=False,
            is_administrator=True,
        ),
    )


def current_code(professional: Professional) -> str:
    device = professional.totpdevice_set.get(confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def verified_client(professional: Professional) -> Client:
    """A test client logged in the way the app logs people in: password, then TOTP code."""
    from kansrijk.testing.factories import PASSWORD

    client = Client()
    response = client.post("/inloggen/", {"username": professional.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    response = client.post("/inloggen/code/", {"token": current_code(professional)})
    assert response.status_code == 302, response.content[:500]
    return client


def logged_in_client(professional: Professional, client: Client | None = None) -> Client:
    """A client with a session as after a two-factor login, without typing codes.

    TOTP codes can be used only once, so tests that log in the same person repeatedly use
    this; the login itself is tested through `verified_client` and in the browser.
    """
    from django_otp import DEVICE_ID_SESSION_KEY

    client = client or Client()
    client.force_login(professional)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = professional.totpdevice_set.get(confirmed=True).persistent_id
    session.save()
    return client


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


def add_colleagues(
    colleague: Professional, count: int, *, first_name: str, last_name: str
) -> list[Professional]:
    """`count` professionals with `colleague`'s membership (organisation, coalition and
    discipline), named "{first_name}000 {last_name}", "{first_name}001 {last_name}", …, in
    two queries: for the pages and searches that must not grow with a coalition's
    professionals (the professional picker)."""
    from kansrijk.organisations.models import Membership

    membership = colleague.memberships.get()
    people = Professional.objects.bulk_create(
        Professional(
            username=f"{first_name}{last_name}{n}".lower(),
            first_name=f"{first_name}{n:03d}",
            last_name=last_name,
        )
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(
            professional=person,
            organisation=membership.organisation,
            coalition=membership.coalition,
            discipline=membership.discipline,
        )
        for person in people
    )
    return people
