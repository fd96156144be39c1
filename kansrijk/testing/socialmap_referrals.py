"""Referral test data: a receiving chain partner with a professional, a service of the map
linked to it, and referrals of a family in every status (for tests and the demo).

The receiving organisation is a buurtteam of the cast's first coalition; its professional
(`receiver`) is off every care team until they accept a referral.

`refer_in_status` needs no cast and no test packages (factory-boy is imported only by the
functions that make people), so that seed_demo can use it with its own professionals.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kansrijk.families.models import Family, Person
from kansrijk.organisations.models import Discipline, Organisation, OrganisationKind, Professional
from kansrijk.socialmap import services_referrals as services
from kansrijk.socialmap.models import Referral, ReferralStatus, Service, Urgency
from kansrijk.testing.socialmap import make_provider, make_service

if TYPE_CHECKING:
    from kansrijk.testing.actors import Cast

# The actions that bring a new referral to each status (from "sent"), and who takes them.
PATHS: dict[str, tuple[str, ...]] = {
    ReferralStatus.SENT: (),
    ReferralStatus.RECEIVED: ("receive",),
    ReferralStatus.ACCEPTED: ("receive", "accept"),
    ReferralStatus.DECLINED: ("receive", "decline"),
    ReferralStatus.STARTED: ("accept", "start"),
    ReferralStatus.COMPLETED: ("accept", "start", "complete"),
    ReferralStatus.NO_SHOW: ("accept", "no_show"),
    ReferralStatus.WITHDRAWN: ("withdraw",),
}


@dataclass
class ReceivingSide:
    organisation: Organisation
    receiver: Professional
    service: Service


def add_receiver(
    cast: "Cast",
    organisation: Organisation,
    *,
    username: str = "ontvanger",
    professional: Professional | None = None,
) -> Professional:
    """A professional of `organisation` in the cast's first coalition (with a TOTP device);
    with `professional`, that existing one gets the membership."""
    from kansrijk.testing.factories import (
        MembershipFactory,
        ProfessionalFactory,
        TOTPDeviceFactory,
    )

    if professional is None:
        professional = ProfessionalFactory(
            username=username, first_name=username.title(), last_name="Buurtteam"
        )
        TOTPDeviceFactory(user=professional)
    MembershipFactory(
        professional=professional,
        organisation=organisation,
        coalition=cast.coalition,
        discipline=Discipline.SOCIAL_WORKER,
        phone="06 12345678",
    )
    return professional


def make_receiving_side(
    cast: "Cast",
    *,
    name: str = "Buurtteam Eerstedorp",
    service_name: str = "Schuldhulp Eerstedorp",
    receiver: Professional | None = None,
    username: str = "ontvanger",
) -> ReceivingSide:
    """A buurtteam working in the cast's coalition, a professional of it, and a service of
    the map whose provider is linked to it."""
    from kansrijk.testing.factories import OrganisationFactory

    organisation = OrganisationFactory(
        name=name, kind=OrganisationKind.NEIGHBOURHOOD_TEAM, coalitions=[cast.coalition]
    )
    receiver = add_receiver(cast, organisation, username=username, professional=receiver)
    provider = make_provider(cast.coalition, name=name, organisation=organisation)
    service = make_service(provider, name=service_name)
    return ReceivingSide(organisation=organisation, receiver=receiver, service=service)


def make_unlinked_service(cast: "Cast", *, name: str = "Inloop Eerstedorp") -> Service:
    """A service whose provider is not linked to a chain partner: not referable."""
    provider = make_provider(cast.coalition, name=f"Stichting {name}")
    return make_service(provider, name=name)


def family_member(family: Family, *, first_name: str = "Anna", born: date | None = None) -> Person:
    return family.persons.create(
        coalition_id=family.coalition_id,
        role="client",
        first_name=first_name,
        last_name="Test",
        date_of_birth=born or date(1999, 5, 17),
    )


def send_referral(
    cast: "Cast",
    family: Family,
    service: Service,
    *,
    person: Person | None = None,
    actor: Professional | None = None,
    urgency: str = Urgency.NORMAL,
    reason: str = "Schulden lopen op; moeder wil hulp.",
    shared_data: str = "Moeder (26) heeft een betalingsachterstand bij de huur.",
) -> Referral:
    person = person or family.persons.order_by("pk").first() or family_member(family)
    return services.referral_send(
        actor=actor or cast.case_director,
        family_pk=family.pk,
        person_pk=person.pk,
        service_id=service.pk,
        reason=reason,
        urgency=urgency,
        shared_data=shared_data,
        consent_to_share=True,
    )


def move_referral(
    referral: Referral, action: str, *, receiver: Professional, sender: Professional
) -> Referral:
    """One step of the table by the side that takes it (reasons filled in where needed)."""
    actor = sender if action == "withdraw" else receiver
    note = {"decline": "Geen plek tot maart.", "complete": "Schulden in beeld, plan loopt."}
    return services.referral_act(
        actor=actor,
        referral_pk=referral.pk,
        action=action,
        note=note.get(action, ""),
        expected_version=referral.version,
    )


def refer_in_status(
    family: Family,
    service: Service,
    status: str,
    *,
    sender: Professional,
    receiver: Professional,
    person: Person | None = None,
    urgency: str = Urgency.NORMAL,
    reason: str = "Schulden lopen op; moeder wil hulp.",
    shared_data: str = "",
) -> Referral:
    """A referral of `family` to `service` sent by `sender` (who may change the family) and
    brought to `status` through the services, answered by `receiver` (a professional of the
    service's linked chain partner). For tests and seed_demo."""
    person = person or family.persons.order_by("pk").first() or family_member(family)
    referral = services.referral_send(
        actor=sender,
        family_pk=family.pk,
        person_pk=person.pk,
        service_id=service.pk,
        reason=reason,
        urgency=urgency,
        shared_data=shared_data,
        consent_to_share=True,
    )
    for action in PATHS[ReferralStatus(status)]:
        referral = move_referral(referral, action, receiver=receiver, sender=sender)
    return Referral.objects.get(pk=referral.pk)


def referral_in_status(
    cast: "Cast",
    family: Family,
    side: ReceivingSide,
    status: str,
    *,
    sender: Professional | None = None,
) -> Referral:
    """A referral of `family` to `side.service` brought to `status` through the services."""
    sender = sender or cast.case_director
    referral = send_referral(cast, family, side.service, actor=sender)
    for action in PATHS[ReferralStatus(status)]:
        referral = move_referral(referral, action, receiver=side.receiver, sender=sender)
    return Referral.objects.get(pk=referral.pk)


def referrals_in_every_status(
    cast: "Cast", family: Family, side: ReceivingSide
) -> dict[str, Referral]:
    return {status: referral_in_status(cast, family, side, status) for status in PATHS}
