"""Care-path test data: a path of the cast's coalition with steps and their services."""

from kansrijk.organisations.models import Coalition, Municipality
from kansrijk.socialmap.models import CarePath, CarePathStep, CarePathStepService, Service


def make_path(
    coalition: Coalition,
    *,
    name: str = "Geldzorgen in de zwangerschap",
    need: str = "finances",
    route: int = 0,
    steps: list[tuple[str, list[Service | tuple[Service, Municipality]]]] = (),
    **fields,
) -> CarePath:
    """A care path; `steps` lists (title, services) where a service is a `Service` (for
    every municipality) or a (service, municipality) pair (that municipality's alternative)."""
    path = CarePath.objects.create(coalition=coalition, name=name, need=need, route=route, **fields)
    for position, (title, services) in enumerate(steps, start=1):
        step = CarePathStep.objects.create(care_path=path, position=position, title=title)
        for entry in services:
            service, municipality = entry if isinstance(entry, tuple) else (entry, None)
            CarePathStepService.objects.create(
                step=step, service=service, municipality=municipality
            )
    return path
