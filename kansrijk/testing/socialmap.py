"""Social-map test data: a provider of the cast's coalition and services with kansrijk terms
and access per municipality."""

from datetime import date

from kansrijk.organisations.models import Coalition, Municipality, Organisation
from kansrijk.socialmap.models import MunicipalityAccess, Organization, Service
from kansrijk.socialmap.terms import set_service_terms
from kansrijk.socialmap.vocabulary import AccessRoute


def make_provider(
    coalition: Coalition, *, name: str = "Welzijn Eerstedorp", organisation: Organisation = None
) -> Organization:
    return Organization.objects.create(
        coalition=coalition, name=name, organisation=organisation, description=f"{name}."
    )


def make_service(
    provider: Organization,
    *,
    name: str = "Schuldhulp Eerstedorp",
    description: str = "Hulp bij geldzorgen en schulden.",
    access: dict[Municipality, str] | None = None,
    assured_date: date | None = None,
    terms: dict[str, list[str]] | None = None,
    **fields,
) -> Service:
    """A service of `provider`; `terms` maps term fields (needs, phases, routes, evidence,
    laws, payers, own_costs) to codes; `access` maps municipalities to an `AccessRoute`."""
    service = Service.objects.create(
        coalition=provider.coalition,
        organization=provider,
        name=name,
        description=description,
        assured_date=assured_date or date.today(),
        **fields,
    )
    set_service_terms(service, terms or {"needs": ["finances"], "phases": ["pregnancy"]})
    for municipality, route in (access or {}).items():
        MunicipalityAccess.objects.create(
            service=service, municipality=municipality, route=route or AccessRoute.DIRECT
        )
    return service
