"""Test helpers for the financing rules: a service of the cast's coalition with kinds of
care, the form data of a rule, and posting a page as one of the cast."""

from kansrijk.socialmap.models import Service
from kansrijk.testing.socialmap import make_provider, make_service


def rule_form_data(**overrides) -> dict:
    """The rules form as a browser posts it: the kraamzorg rule with a made-up amount."""
    data = {
        "care_kind": "kraamzorg",
        "service": "",
        "law": "zvw",
        "payer": "insurer",
        "contribution_kind": "per_hour",
        "contribution_amount": "4,50",
        "indication_required": "on",
        "interpretation_payer": "",
        "interpretation_notes": "",
        "notes": "Het gezin betaalt een eigen bijdrage per uur.",
        "source": "Testbron",
        "version": "0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def year_form_data(**overrides) -> dict:
    data = {
        "eigen_risico": "",
        "eigen_risico_source": "",
        "kraamzorg_min_hours": "",
        "kraamzorg_standard_hours_low": "45",
        "kraamzorg_standard_hours_high": "49",
        "kraamzorg_max_hours": "80",
        "kraamzorg_source": "Testbron",
        "notes": "",
        "version": "0",
    }
    data.update(overrides)
    return data


def compensation_form_data(municipality, **overrides) -> dict:
    data = {
        "municipality": str(municipality.pk),
        "kind": "bijzondere_bijstand",
        "name": "Bijzondere bijstand Eerstedorp",
        "care_kinds": ["kraamzorg"],
        "minima_only": "on",
        "conditions": "",
        "how_to_apply": "",
        "contact": "",
        "source": "Testbron",
        "is_active": "on",
        "version": "0",
    }
    data.update(overrides)
    return data


def kraamzorg_service(coalition, name: str = "Kraamzorg Eerstedorp") -> Service:
    return make_service(
        make_provider(coalition, name=f"Aanbieder {name}"),
        name=name,
        terms={"care_kinds": ["kraamzorg"], "phases": ["kraamperiode"]},
    )
