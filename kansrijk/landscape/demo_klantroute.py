"""The klantroute's demo step (seed_demo step 56, right after the social map's 55).

It gives some of the demo's services their target groups (`socialmap.demo_services.
TARGET_GROUPS`): VoorZorg and the "Moeders van" coach for pregnant women in a vulnerable
situation and young parents, the debt services for families with debts, the language
services for non-Dutch-speaking families. The sociaal raadslieden then no longer serve
pregnant women in a vulnerable situation, so their klantroute shows a gap in the day 8 -
week 5 column for Beekveld: the buurtteam's form help, the only help with language there, is
not available in Beekveld.

Idempotent: a service that already has target groups keeps them (a coordinator may have
changed them), so running seed_demo again changes nothing.
"""

from django.db import transaction

from kansrijk.organisations import demo as organisations_demo
from kansrijk.organisations.models import Coalition, Municipality
from kansrijk.socialmap.demo import COALITION_MAPS, REGION
from kansrijk.socialmap.demo_services import SERVICES, TARGET_GROUPS
from kansrijk.socialmap.models import Service
from kansrijk.socialmap.terms import service_terms, set_service_terms

ORDER = 56


def _names(towns: list[str]) -> dict[str, str]:
    """Service name -> demo key, for every town a provider can sit in."""
    return {
        SERVICES[key].name.format(town=town, region=REGION): key
        for key in TARGET_GROUPS
        for town in towns
    }


@transaction.atomic
def seed_demo_klantroute() -> str | None:
    tagged = 0
    for key, spec in organisations_demo.COALITIONS.items():
        coalition = Coalition.objects.filter(name=spec["name"]).first()
        if coalition is None or key not in COALITION_MAPS:
            continue
        codes, _keys = COALITION_MAPS[key]
        towns = list(Municipality.objects.filter(cbs_code__in=codes).values_list("name", flat=True))
        names = _names(towns)
        services = list(
            Service.objects.filter(coalition=coalition, name__in=list(names)).only("id", "name")
        )
        terms = service_terms(service.pk for service in services)
        for service in services:
            if terms[service.pk]["target_groups"]:
                continue
            set_service_terms(service, {"target_groups": TARGET_GROUPS[names[service.name]]})
            tagged += 1
    return f"Demo-klantroute: {tagged} aanbod kreeg een doelgroep."
