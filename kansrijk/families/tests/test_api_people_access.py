"""The persons and pregnancies API follows the people pages' access exactly: the care team
reads and writes; everyone else (a professional off the team, another coalition's, the
coordinator, analyst and administrator) gets the same logged 404 "niet gevonden of geen
toegang" for reads and writes alike, and nothing changes; without login 401."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Person, PersonRole, Pregnancy, TimelineEvent
from kansrijk.families.services import pregnancy_add
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
Action = AccessEvent.Action

ON_THE_TEAM = ["case_director", "care_team_member"]
OFF_THE_TEAM = [
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]


@pytest.fixture
def paths(cast, cast_family):
    person = Person.objects.create(
        family=cast_family, coalition=cast.coalition, role=PersonRole.CLIENT, first_name="Anna"
    )
    pregnancy = pregnancy_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"due_date": timezone.localdate() + timedelta(days=10)},
    )
    base = f"/api/v1/families/{cast_family.pk}"
    return {
        "persons": f"{base}/persons/",
        "person": f"{base}/persons/{person.pk}/",
        "pregnancies": f"{base}/pregnancies/",
        "pregnancy": f"{base}/pregnancies/{pregnancy.pk}/",
        "birth": f"{base}/pregnancies/{pregnancy.pk}/birth/",
    }


TODAY = timezone.localdate().isoformat()
WRITES = [
    ("post", "persons", {"role": "partner", "first_name": "Bram"}),
    ("patch", "person", {"first_name": "Bram"}),
    ("post", "pregnancies", {"due_date": TODAY}),
    ("patch", "pregnancy", {"gravidity": 2}),
    ("post", "birth", {"birth_date": TODAY, "outcome": "live_birth"}),
]
READS = ["persons", "person", "pregnancies", "pregnancy"]


def _state(family):
    return (
        list(Person.objects.filter(family=family).values_list("first_name", flat=True)),
        list(Pregnancy.objects.filter(family=family).values_list("gravidity", "birth_date")),
        TimelineEvent.objects.filter(family=family).count(),
    )


@pytest.mark.parametrize("name", READS)
@pytest.mark.parametrize("actor", ON_THE_TEAM)
def test_the_care_team_reads(cast, paths, name, actor):
    assert logged_in_client(getattr(cast, actor)).get(paths[name]).status_code == 200


@pytest.mark.parametrize(("method", "name", "data"), WRITES)
def test_the_care_team_member_writes_too(cast, cast_family, paths, method, name, data):
    response = getattr(logged_in_client(cast.care_team_member), method)(
        paths[name], data, content_type="application/json"
    )
    assert response.status_code in (200, 201), response.content


@pytest.mark.parametrize("name", READS)
@pytest.mark.parametrize("actor", OFF_THE_TEAM)
def test_anyone_off_the_care_team_reads_nothing(cast, cast_family, paths, name, actor):
    response = logged_in_client(getattr(cast, actor)).get(paths[name])

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Niet gevonden of geen toegang."
    assert "Anna" not in response.content.decode()
    assert cast_family.reference not in response.content.decode()


@pytest.mark.parametrize(("method", "name", "data"), WRITES)
@pytest.mark.parametrize("actor", OFF_THE_TEAM)
def test_a_write_from_off_the_care_team_changes_nothing(
    cast, cast_family, paths, method, name, data, actor
):
    before = _state(cast_family)

    response = getattr(logged_in_client(getattr(cast, actor)), method)(
        paths[name], data, content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["detail"] == "Niet gevonden of geen toegang."
    assert _state(cast_family) == before


@pytest.mark.parametrize(("method", "name", "data"), WRITES)
def test_a_refused_write_is_in_the_access_log(cast, cast_family, paths, method, name, data):
    before = AccessEvent.objects.count()

    getattr(logged_in_client(cast.outsider), method)(
        paths[name], data, content_type="application/json"
    )

    [event] = AccessEvent.objects.order_by("id")[before:]
    expected = Action.CREATE if name in ("persons", "pregnancies") else Action.UPDATE
    assert (event.user, event.family, event.action, event.authorisation) == (
        cast.outsider,
        cast_family,
        expected,
        False,
    )


@pytest.mark.parametrize(("method", "name", "data"), [("get", n, {}) for n in READS] + WRITES)
def test_without_login_the_answer_is_401(cast_family, paths, method, name, data):
    response = getattr(Client(), method)(paths[name], data, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_made_up_family_is_not_found_either(cast):
    response = logged_in_client(cast.case_director).get("/api/v1/families/999999/persons/")
    assert response.status_code == 404
