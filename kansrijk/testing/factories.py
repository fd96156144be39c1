"""factory-boy factories for organisation data; all names are fictional."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.organisations.models import (
    Coalition,
    Discipline,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Professional,
    Region,
)

PASSWORD = "geheim-wachtwoord-123"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Testregio {n}")


class CoalitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coalition

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Kansrijke Start Testdorp {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    coalition = factory.SubFactory(CoalitionFactory)
    # Six characters whatever the number of municipalities a test run makes (PostgreSQL
    # enforces the length); unique among the thousand a test could make.
    cbs_code = factory.Sequence(lambda n: f"GM{8000 + n % 1000:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testorganisatie {n}")
    kind = OrganisationKind.MIDWIFERY

    @factory.post_generation
    def coalitions(self, create, extracted, **kwargs):
        if create and extracted:
            self.coalitions.add(*extracted)


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"professional{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Testpersoon"
    email = factory.LazyAttribute(lambda p: f"{p.username}@example.invalid")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    professional = factory.SubFactory(ProfessionalFactory)
    coalition = factory.SubFactory(CoalitionFactory)
    organisation = factory.LazyAttribute(lambda m: OrganisationFactory(coalitions=[m.coalition]))
    discipline = Discipline.MIDWIFE
    phone = "06 12345678"


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(ProfessionalFactory)
    name = "Test"
    confirmed = True
