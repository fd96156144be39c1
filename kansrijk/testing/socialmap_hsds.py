"""Test data for the HSDS import, export and API: a map that fills every HSDS table, and a
canonical dump of all social-map records to compare a database before and after a round trip.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal

from kansrijk.organisations.models import Coalition, Municipality
from kansrijk.socialmap.hsds.mapping import MODELS
from kansrijk.socialmap.models import (
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Metadata,
    Organization,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from kansrijk.socialmap.terms import set_service_terms


def make_full_map(coalition: Coalition, *, services: int = 2, prefix: str = "") -> Organization:
    """An organization of `coalition` with a location and `services` services, every HSDS
    table used (kansrijk's terms and a taxonomy of its own among them)."""
    municipality = Municipality.objects.filter(coalition=coalition).first()
    organization = Organization.objects.create(
        coalition=coalition,
        name=f"{prefix}Stichting Welzijn Eerstedorp",
        alternate_name="SWE",
        description="Welzijnswerk in Eerstedorp.",
        email="info@welzijn-eerstedorp.example",
        website="https://welzijn-eerstedorp.example",
        tax_id="12345678",
        year_incorporated=1998,
        legal_status="stichting",
    )
    child = Organization.objects.create(
        coalition=coalition, name=f"{prefix}Buurtteam Noord", parent_organization=organization
    )
    Phone.objects.create(organization=organization, number="0101234567", type="voice")
    contact = Contact.objects.create(
        organization=organization, name="Anna de Vries", title="Coördinator"
    )
    Phone.objects.create(contact=contact, organization=organization, number="0612345678")
    Funding.objects.create(organization=organization, source="Gemeente Eerstedorp")
    program = Program.objects.create(organization=organization, name="Samen Sterk")
    location = Location.objects.create(
        organization=organization,
        name=f"{prefix}Wijkcentrum De Linde",
        description="Naast de bibliotheek.",
        transportation="Bus 12, halte Lindeplein.",
        latitude=Decimal("52.370216"),
        longitude=Decimal("4.895168"),
        municipality=municipality,
    )
    Address.objects.create(
        location=location, address_1="Lindeplein 1", city="Eerstedorp", postal_code="1234 AB"
    )
    Address.objects.create(
        location=location,
        address_1="Postbus 10",
        city="Eerstedorp",
        postal_code="1230 AA",
        address_type=Address.Kind.POSTAL,
    )
    location_phone = Phone.objects.create(location=location, number="0107654321")
    Language.objects.create(phone=location_phone, name="Turks", code="tr")
    Language.objects.create(location=location, name="Nederlands", code="nl")
    Schedule.objects.create(
        location=location,
        freq="WEEKLY",
        byday="MO,TU,WE,TH,FR",
        opens_at=time(9),
        closes_at=time(17),
        description="Op werkdagen",
    )
    Contact.objects.create(location=location, name="Receptie", email="receptie@linde.example")
    own_taxonomy = Taxonomy.objects.create(name=f"{prefix}eigen-kenmerk", description="Eigen")
    own_term = TaxonomyTerm.objects.create(
        taxonomy=own_taxonomy,
        taxonomy_name=own_taxonomy.name,
        code="drempelvrij",
        name="Drempelvrij",
    )
    TaxonomyTerm.objects.create(
        taxonomy=own_taxonomy,
        taxonomy_name=own_taxonomy.name,
        code="rolstoel",
        name="Rolstoeltoegankelijk",
        parent=own_term,
    )
    Attribute.objects.create(
        link_entity="location", link_id=location.pk, taxonomy_term=own_term, value="ja"
    )
    Attribute.objects.create(link_entity="organization", link_id=child.pk, taxonomy_term=own_term)
    for number in range(services):
        service = Service.objects.create(
            coalition=coalition,
            organization=organization,
            program=program,
            name=f"{prefix}Schuldhulp {number}",
            description="Hulp bij geldzorgen.",
            url="https://welzijn-eerstedorp.example/schuldhulp",
            email="schuldhulp@welzijn-eerstedorp.example",
            application_process="Bel of mail.",
            minimum_age=16,
            assured_date=date(2026, 1, 15),
            assurer_email="coordinator@eerstedorp.example",
        )
        set_service_terms(service, {"needs": ["finances", "housing"], "routes": ["route_2"]})
        Attribute.objects.create(
            link_entity="service", link_id=service.pk, taxonomy_term=own_term, label="toegang"
        )
        phone = Phone.objects.create(service=service, number="0800123456", extension="2")
        Language.objects.create(phone=phone, name="Arabisch", code="ar")
        Language.objects.create(service=service, name="Engels", code="en", note="Op afspraak")
        Schedule.objects.create(
            service=service,
            freq="MONTHLY",
            bymonthday="1",
            valid_from=date(2026, 1, 1),
            opens_at=time(13, 30),
            closes_at=time(15),
        )
        ServiceArea.objects.create(service=service, name="Eerstedorp", municipality=municipality)
        ServiceArea.objects.create(
            service=service, name="Noord", extent="POLYGON((0 0,1 1,1 0,0 0))", extent_type="wkt"
        )
        CostOption.objects.create(
            service=service, option="Intake", amount=Decimal("12.50"), amount_description="Eenmalig"
        )
        Funding.objects.create(service=service, source="Wmo")
        RequiredDocument.objects.create(service=service, document="Legitimatiebewijs")
        service_contact = Contact.objects.create(
            service=service, name="Balie", department="Schuldhulp"
        )
        Phone.objects.create(contact=service_contact, service=service, number="0109999999")
        at_location = ServiceAtLocation.objects.create(
            service=service, location=location, description="Inloopspreekuur"
        )
        Contact.objects.create(service_at_location=at_location, service=service, name="Inloop")
        Phone.objects.create(service_at_location=at_location, number="0108888888")
        Schedule.objects.create(
            service_at_location=at_location, freq="WEEKLY", byday="WE", opens_at=time(10)
        )
        ServiceArea.objects.create(service_at_location=at_location, name="Wijk De Linde")
        Metadata.objects.create(
            resource_id=service.pk,
            resource_type="service",
            last_action_date=datetime(2026, 1, 15, 10, 0, tzinfo=UTC),
            last_action_type="update",
            field_name="name",
            previous_value="Schuldhulpverlening",
            replacement_value=service.name,
            updated_by="coordinator",
        )
    return organization


def delete_map() -> None:
    """Remove every social-map record (what an import into an empty database starts from)."""
    for model in (Attribute, Metadata, Service, Location, Organization, TaxonomyTerm, Taxonomy):
        model.objects.all().delete()


def canonical_dump() -> dict[str, list[str]]:
    """Every social-map record as sorted text, per table, comparable between databases.

    Taxonomies and terms are named by taxonomy name and code (kansrijk's own are made again
    with new ids in another database); what HSDS does not carry is left out: a service's
    time of change, version and checking account, an organization's chain-partner link,
    and the change history the import itself writes.
    """
    taxonomies = dict(Taxonomy.objects.values_list("pk", "name"))
    terms = {
        pk: (name, code, label)
        for pk, name, code, label in TaxonomyTerm.objects.values_list(
            "pk", "taxonomy_name", "code", "name"
        )
    }
    dump = {}
    for table, model in MODELS.items():
        rows = []
        for values in model.objects.values():
            if table == "metadata" and values["last_action_type"] == "import":
                continue
            if table in ("taxonomy", "taxonomy_term"):
                values.pop("id")
            if table == "taxonomy_term":
                values["taxonomy_id"] = taxonomies.get(values["taxonomy_id"])
                values["parent_id"] = terms.get(values["parent_id"])
            if table == "attribute":
                values["taxonomy_term_id"] = terms[values["taxonomy_term_id"]]
            if table == "service":
                for name in ("last_modified", "version", "assured_by_id"):
                    values.pop(name)
            if table == "organization":
                values.pop("organisation_id")
            rows.append(repr(sorted(values.items())))
        dump[table] = sorted(rows)
    return dump
