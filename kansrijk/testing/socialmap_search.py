"""Test data for the social map's search and service page (on top of testing/socialmap.py).

`second_municipality` gives the cast's coalition a second municipality ("Noorddorp"); note
that `make_family` expects one municipality, so tests that need both create families first.
"""

import re
from datetime import date, time
from decimal import Decimal

from kansrijk.organisations.models import Coalition, Municipality
from kansrijk.socialmap.models import (
    Address,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
)
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.socialmap import make_service

RESULT_NAME = re.compile(r'data-testid="service-link">([^<]+)<')


def second_municipality(coalition: Coalition, name: str = "Noorddorp") -> Municipality:
    return MunicipalityFactory(coalition=coalition, cbs_code="GM9511", name=name)


def result_names(response) -> list[str]:
    """The services' names on a search page, in the order shown."""
    return RESULT_NAME.findall(response.content.decode())


def make_search_service(
    provider: Organization,
    *,
    languages: list[tuple[str, str]] = (),
    **kwargs,
) -> Service:
    """`make_service` plus HSDS languages as (code, name)."""
    service = make_service(provider, **kwargs)
    Language.objects.bulk_create(
        Language(service=service, code=code, name=name) for code, name in languages
    )
    return service


def add_service_details(service: Service, *, count: int = 1) -> Service:
    """Everything the service page shows, `count` times over (for the query-count test)."""
    for number in range(1, count + 1):
        location = Location.objects.create(
            organization=service.organization,
            name=f"Wijkcentrum {number}",
            transportation="Bus 12, halte Dorpsplein.",
        )
        Address.objects.create(
            location=location,
            address_1=f"Dorpsstraat {number}",
            city="Eerstedorp",
            postal_code="1234 AB",
        )
        Phone.objects.create(location=location, number=f"0581 00000{number}")
        Schedule.objects.create(
            location=location, byday="MO,WE", opens_at=time(9), closes_at=time(12)
        )
        ServiceAtLocation.objects.create(service=service, location=location)
        contact = Contact.objects.create(
            service=service,
            name=f"Contactpersoon {number}",
            title="Coördinator",
            email=f"contact{number}@example.org",
        )
        Phone.objects.create(contact=contact, number=f"06 1234567{number}")
        Phone.objects.create(service=service, number=f"0800 12345{number}", description="Intake")
        Phone.objects.create(organization=service.organization, number=f"058 1234{number}")
        Schedule.objects.create(service=service, description=f"Spreekuur {number}: dinsdag 9-11")
        Language.objects.create(service=service, code=f"l{number}", name=f"Taal {number}")
        CostOption.objects.create(
            service=service,
            option=f"Cursus {number}",
            amount=Decimal("12.50"),
            amount_description="Per bijeenkomst",
            valid_from=date(2026, 1, 1),
        )
        Funding.objects.create(service=service, source=f"Subsidie gemeente {number}")
        RequiredDocument.objects.create(service=service, document=f"Identiteitsbewijs {number}")
    return service
