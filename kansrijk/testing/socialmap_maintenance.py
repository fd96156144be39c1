"""Test data for the social map's maintenance: a provider with a delegated editor."""

from kansrijk.organisations.models import Professional
from kansrijk.socialmap.models import MapEditor, Organization, Service
from kansrijk.testing.actors import Cast
from kansrijk.testing.socialmap import make_provider, make_service


def delegate(provider: Organization, professional: Professional, *, by: Professional) -> MapEditor:
    """Let `professional` maintain `provider` (as a coordinator would)."""
    return MapEditor.objects.create(organization=provider, professional=professional, granted_by=by)


def provider_with_editor(cast: Cast, *, name: str = "Welzijn Eerstedorp") -> Organization:
    """A provider of the cast's coalition that the outsider (a midwife) maintains."""
    provider = make_provider(cast.coalition, name=name)
    delegate(provider, cast.outsider, by=cast.coordinator)
    return provider


def service_with_editor(cast: Cast, **fields) -> Service:
    """A service of a provider the outsider maintains, with access in Eerstedorp."""
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    return make_service(provider, access={municipality: "direct"}, **fields)


def service_form_data(municipality=None, **overrides) -> dict:
    """What the service form posts for a complete service (override fields by name)."""
    data = {
        "name": "Budgetcoaching Eerstedorp",
        "alternate_name": "",
        "description": "Samen orde in de geldzaken.",
        "status": "active",
        "eligibility_description": "Zwangeren en ouders met geldzorgen.",
        "application_process": "Bel of mail het buurtteam.",
        "fees_description": "Gratis.",
        "wait_time": "2 weken",
        "url": "https://budget.example.org",
        "email": "budget@example.org",
        "phone": "058 1234567",
        "minimum_age": "16",
        "maximum_age": "",
        "languages": ["nl", "ar"],
        "other_languages": "",
        "phases": ["pregnancy", "infancy"],
        "routes": ["route_2"],
        "needs": ["finances"],
        "evidence": "not_assessed",
        "laws": ["participatiewet"],
        "payers": ["municipality"],
        "own_costs": "none",
    }
    if municipality is not None:
        data[f"toegang_{municipality.pk}"] = "buurtteam"
        data[f"voorwaarden_{municipality.pk}"] = "Inwoners van de gemeente."
        data[f"wachttijd_{municipality.pk}"] = "2"
    data.update(overrides)
    return data
