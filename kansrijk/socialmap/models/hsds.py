"""The social map after Open Referral HSDS 3.0 (https://docs.openreferral.org/en/latest/).

One model per HSDS table, with HSDS's field names, so that import and export are a plain
mapping. Ids are UUIDs as in HSDS. kansrijk adds only what it needs around the standard:

- every organization belongs to one coalition (the map is public within the coalition) and
  may be linked to the chain-partner `Organisation` whose professionals answer referrals;
- a service carries its coalition (denormalised from its organization, for fast filters),
  when it was last checked and by whom (HSDS's `assured_date`/`assurer_email`, plus the
  professional), and a version for the edit check;
- kansrijk's own vocabulary (phase, route, need, evidence, law, payer, own costs) is stored
  as HSDS `attribute` rows pointing at `taxonomy_term` rows (`vocabulary.py`).

Access per municipality, delegated editors, care paths and referrals are kansrijk's own
(`access.py`, `paths.py`, `referrals.py`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.core.modelbase import KansrijkModel


def _uuid_pk():
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


class Organization(KansrijkModel):
    id = _uuid_pk()
    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.CASCADE,
        related_name="map_organizations",
        verbose_name=_("coalitie"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="map_organizations",
        verbose_name=_("ketenpartner in kansrijk"),
        help_text=_("De professionals van deze ketenpartner behandelen verwijzingen."),
    )
    name = models.CharField(_("naam"), max_length=200)
    alternate_name = models.CharField(_("andere naam"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    tax_id = models.CharField(_("KvK-nummer"), max_length=40, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(_("opgericht in"), null=True, blank=True)
    legal_status = models.CharField(_("rechtsvorm"), max_length=100, blank=True)
    logo = models.URLField(_("logo"), blank=True)
    uri = models.URLField(_("URI"), blank=True)
    parent_organization = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        indexes = [models.Index(fields=["coalition", "name"])]

    def __str__(self) -> str:
        return self.name


class Program(KansrijkModel):
    id = _uuid_pk()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(_("naam"), max_length=200)
    alternate_name = models.CharField(_("andere naam"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    INACTIVE = "inactive", _("Niet actief")
    DEFUNCT = "defunct", _("Opgeheven")
    TEMPORARILY_CLOSED = "temporarily closed", _("Tijdelijk gesloten")


class Service(KansrijkModel):
    id = _uuid_pk()
    coalition = models.ForeignKey(
        "organisations.Coalition",
        on_delete=models.CASCADE,
        related_name="map_services",
        verbose_name=_("coalitie"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("aanbieder"),
    )
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="services"
    )
    name = models.CharField(_("naam"), max_length=200)
    alternate_name = models.CharField(_("andere naam"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    interpretation_services = models.TextField(_("tolken"), blank=True)
    application_process = models.TextField(_("aanmelden"), blank=True)
    fees_description = models.TextField(_("kosten"), blank=True)
    wait_time = models.CharField(_("wachttijd"), max_length=200, blank=True)
    fees = models.TextField(_("tarieven"), blank=True)
    accreditations = models.TextField(_("keurmerken"), blank=True)
    eligibility_description = models.TextField(_("voor wie"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimumleeftijd"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximumleeftijd"), null=True, blank=True)
    alert = models.TextField(_("let op"), blank=True)
    licenses = models.TextField(_("vergunningen"), blank=True)
    # HSDS: "the date that the information about the service was last checked" and by whom.
    assured_date = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)
    assurer_email = models.EmailField(_("gecontroleerd door (e-mail)"), blank=True)
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gecontroleerd door"),
    )
    last_modified = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    # Optimistic lock for the edit form (DESIGN.md section 5).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        indexes = [
            models.Index(fields=["coalition", "status", "name"]),
            models.Index(fields=["coalition", "assured_date"]),
        ]

    def __str__(self) -> str:
        return self.name


class Location(KansrijkModel):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("Bezoekadres")
        POSTAL = "postal", _("Postadres")
        VIRTUAL = "virtual", _("Online")

    id = _uuid_pk()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations", null=True, blank=True
    )
    location_type = models.CharField(
        _("soort locatie"), max_length=10, choices=Kind.choices, default=Kind.PHYSICAL
    )
    url = models.URLField(_("website"), blank=True)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    alternate_name = models.CharField(_("andere naam"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    transportation = models.TextField(_("bereikbaarheid"), blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(KansrijkModel):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("Bezoekadres")
        POSTAL = "postal", _("Postadres")
        VIRTUAL = "virtual", _("Online")

    id = _uuid_pk()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(_("adres"), max_length=200)
    address_2 = models.CharField(_("adres (vervolg)"), max_length=200, blank=True)
    city = models.CharField(_("plaats"), max_length=120)
    region = models.CharField(_("regio"), max_length=120, blank=True)
    state_province = models.CharField(_("provincie"), max_length=120, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=12)
    country = models.CharField(_("land"), max_length=2, default="NL")
    address_type = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class ServiceAtLocation(KansrijkModel):
    id = _uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")
    description = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_at_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Contact(KansrijkModel):
    id = _uuid_pk()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    title = models.CharField(_("functie"), max_length=200, blank=True)
    department = models.CharField(_("afdeling"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    def __str__(self) -> str:
        return self.name or self.email or str(self.id)


class Phone(KansrijkModel):
    id = _uuid_pk()
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("telefoonnummer"), max_length=30)
    extension = models.CharField(_("toestel"), max_length=10, blank=True)
    type = models.CharField(_("soort"), max_length=20, blank=True)
    description = models.TextField(_("toelichting"), blank=True)

    def __str__(self) -> str:
        return self.number


class Schedule(KansrijkModel):
    id = _uuid_pk()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.SmallIntegerField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, blank=True)
    interval = models.PositiveIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=40, blank=True)
    byweekno = models.CharField(max_length=100, blank=True)
    bymonthday = models.CharField(max_length=100, blank=True)
    byyearday = models.CharField(max_length=100, blank=True)
    description = models.TextField(_("openingstijden"), blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(blank=True)
    attending_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.description or str(self.id)


class ServiceArea(KansrijkModel):
    id = _uuid_pk()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="service_areas"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_areas",
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.URLField(blank=True)
    # kansrijk: the municipality the area is (HSDS leaves the area's meaning to `name`/`uri`).
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )

    def __str__(self) -> str:
        return self.name or str(self.id)


class Language(KansrijkModel):
    id = _uuid_pk()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    name = models.CharField(_("taal"), max_length=100, blank=True)
    code = models.CharField(_("taalcode"), max_length=10, blank=True)  # ISO 639
    note = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["code", "service"])]

    def __str__(self) -> str:
        return self.name or self.code


class CostOption(KansrijkModel):
    id = _uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(_("kostenpost"), max_length=200, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    amount = models.DecimalField(
        _("bedrag"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_description = models.TextField(_("toelichting bedrag"), blank=True)

    def __str__(self) -> str:
        return self.option or str(self.amount)


class Funding(KansrijkModel):
    id = _uuid_pk()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    source = models.TextField(_("financiering"))

    def __str__(self) -> str:
        return self.source


class RequiredDocument(KansrijkModel):
    id = _uuid_pk()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="required_documents"
    )
    document = models.CharField(_("document"), max_length=300)
    uri = models.URLField(blank=True)

    def __str__(self) -> str:
        return self.document


class Taxonomy(KansrijkModel):
    id = _uuid_pk()
    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("taxonomieën")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(KansrijkModel):
    id = _uuid_pk()
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.CASCADE, null=True, blank=True, related_name="terms"
    )
    # HSDS's `taxonomy` (free text name) for terms without a taxonomy row; for kansrijk's
    # own terms it repeats the taxonomy's name so filters need no join.
    taxonomy_name = models.CharField(max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    language = models.CharField(max_length=10, blank=True)
    term_uri = models.URLField(blank=True)

    class Meta:
        ordering = ["taxonomy_name", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"],
                condition=~models.Q(code=""),
                name="taxonomy_term_code_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Attribute(KansrijkModel):
    """HSDS's link from any record (`link_entity` + `link_id`) to a taxonomy term."""

    id = _uuid_pk()
    link_id = models.UUIDField()
    link_type = models.CharField(max_length=100, blank=True)
    link_entity = models.CharField(max_length=50)
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    value = models.CharField(max_length=200, blank=True)
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["link_entity", "link_id"]),
            models.Index(fields=["taxonomy_term", "link_entity", "link_id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["link_entity", "link_id", "taxonomy_term"],
                name="attribute_unique_per_record_and_term",
            )
        ]

    def __str__(self) -> str:
        return f"{self.link_entity} {self.link_id}: {self.taxonomy_term_id}"


class Metadata(KansrijkModel):
    """HSDS's change history: one row per changed field of a record."""

    id = _uuid_pk()
    resource_id = models.UUIDField()
    resource_type = models.CharField(max_length=50)
    last_action_date = models.DateTimeField()
    last_action_type = models.CharField(max_length=20)  # create, update, delete, import
    field_name = models.CharField(max_length=100, blank=True)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-last_action_date"]
        indexes = [models.Index(fields=["resource_type", "resource_id", "-last_action_date"])]

    def __str__(self) -> str:
        return f"{self.resource_type} {self.resource_id} {self.last_action_type}"
