"""Authorization matrix rows for a family's persons and pregnancies through the API
(`kansrijk.families.api_people`); merged into the matrix test.

The people pages' policy, with 401 instead of a login page: the care team and an active
break-the-glass get the family's persons and pregnancies; everyone else, coordinators,
analysts and administrators included, the 404 "niet gevonden of geen toegang". Recording a
birth without its date and outcome is refused (400) for everyone who may write, before
anything is stored. The other writes (POST, PATCH) are covered by
`test_api_people_access.py`.
"""

from datetime import timedelta

from django.utils import timezone

from kansrijk.families.services import pregnancy_add
from kansrijk.testing.matrix import Row, World, family_kwargs, family_only

FAMILY_API = {**family_only(), "anonymous": 401}


def _person(world: World) -> dict:
    # The world's family has its client (the family member's own person).
    return {"pk": world.family.pk, "person_pk": world.family.persons.order_by("pk").first().pk}


def _pregnancy(world: World) -> dict:
    pregnancy = pregnancy_add(
        actor=world.cast.case_director,
        family_pk=world.family.pk,
        data={"due_date": timezone.localdate() + timedelta(days=30)},
    )
    return {"pk": world.family.pk, "pregnancy_pk": pregnancy.pk}


ROWS: dict[str, Row] = {
    "api:person_list": Row(FAMILY_API, kwargs=family_kwargs),
    "api:person_detail": Row(FAMILY_API, kwargs=_person),
    "api:pregnancy_list": Row(FAMILY_API, kwargs=family_kwargs),
    "api:pregnancy_detail": Row(FAMILY_API, kwargs=_pregnancy),
    "api:pregnancy_birth": Row(
        {**family_only(outcome=400), "anonymous": 401}, method="post", kwargs=_pregnancy
    ),
}
