"""Care paths through the API: professionals and coordinators of the coalition read them,
coordinators create and change paths (version check, 409), steps (numbered 1..n) and the
steps' services, with the pages' Dutch messages and an audit event for every write."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import CarePath, CarePathStep, CarePathStepService, ServiceStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_paths import make_path

pytestmark = pytest.mark.django_db
PATHS = "/api/v1/care-paths/"

NEW_PATH = {
    "name": "Geldzorgen in de zwangerschap",
    "need": "finances",
    "route": 2,
    "description": "Voor gezinnen met schulden.",
}


def detail(pk: int) -> str:
    return reverse("api:care_path_detail", args=[pk])


def steps(pk: int) -> str:
    return reverse("api:care_path_steps", args=[pk])


def step(pk: int, step_pk: int) -> str:
    return reverse("api:care_path_step", args=[pk, step_pk])


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def _path_with_two_steps(cast):
    service = make_service(make_provider(cast.coalition))
    return make_path(
        cast.coalition,
        steps=[("Aanmelden bij schuldhulp", [service]), ("Budgetcoaching", [])],
    )


def test_a_coordinator_creates_a_path(cast):
    response = _post(logged_in_client(cast.coordinator), PATHS, NEW_PATH)
    assert response.status_code == 201, response.json()
    path = CarePath.objects.get()
    assert response["Location"] == detail(path.pk)
    body = response.json()
    assert (body["name"], body["need"], body["route"], body["is_active"]) == (
        "Geldzorgen in de zwangerschap",
        "finances",
        2,
        True,
    )
    assert (body["version"], body["steps"], body["updated_by"]) == (
        1,
        [],
        cast.coordinator.get_full_name(),
    )
    assert path.coalition == cast.coalition
    assert AuditEvent.objects.filter(object_type="socialmap.CarePath", action="create").exists()


def test_a_new_path_is_checked_by_the_pages_form(cast):
    client = logged_in_client(cast.coordinator)
    response = _post(client, PATHS, {"name": " ", "need": "geen", "route": 7})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["need"] == ["Kies een behoefte uit de lijst."]
    assert errors["route"] == ["Kies een route uit de lijst."]
    missing = _post(client, PATHS, {"name": " "})
    errors = missing.json()["errors"]
    assert errors["name"] == ["Geef het zorgpad een naam."]
    assert errors["need"] == ["Kies voor welke behoefte dit zorgpad is."]
    assert not CarePath.objects.exists()
    assert not AuditEvent.objects.exists()


def test_professionals_read_and_only_coordinators_write(cast, client):
    path = _path_with_two_steps(cast)
    professional = logged_in_client(cast.case_director)
    listed = professional.get(PATHS).json()
    assert [(row["name"], row["step_count"]) for row in listed["results"]] == [
        ("Geldzorgen in de zwangerschap", 2)
    ]
    read = professional.get(detail(path.pk)).json()
    assert [item["title"] for item in read["steps"]] == [
        "Aanmelden bij schuldhulp",
        "Budgetcoaching",
    ]
    assert read["steps"][0]["services"][0]["service_name"] == "Schuldhulp Eerstedorp"
    assert _post(professional, PATHS, NEW_PATH).status_code == 403
    assert _patch(professional, detail(path.pk), {"name": "X", "version": 1}).status_code == 403
    assert _post(professional, steps(path.pk), {"title": "X"}).status_code == 403
    for actor in (cast.analyst, cast.administrator):
        assert logged_in_client(actor).get(PATHS).status_code == 403
        assert logged_in_client(actor).get(detail(path.pk)).status_code == 403
    assert client.get(PATHS).status_code == 401
    assert CarePath.objects.count() == 1
    assert CarePathStep.objects.count() == 2


def test_a_path_of_another_coalition_does_not_exist(cast):
    path = _path_with_two_steps(cast)
    stranger = logged_in_client(cast.other_coalition_professional)
    assert stranger.get(PATHS).json()["results"] == []
    assert stranger.get(detail(path.pk)).status_code == 404
    elsewhere = make_path(cast.other_coalition)
    coordinator = logged_in_client(cast.coordinator)
    assert coordinator.get(detail(elsewhere.pk)).status_code == 404
    assert _patch(coordinator, detail(elsewhere.pk), {"name": "X", "version": 1}).status_code == 404
    assert _post(coordinator, steps(elsewhere.pk), {"title": "X"}).status_code == 404
    assert not CarePathStep.objects.filter(care_path=elsewhere).exists()


def test_a_coordinator_changes_a_path_with_the_version_read(cast):
    path = make_path(cast.coalition)
    response = _patch(
        logged_in_client(cast.coordinator),
        detail(path.pk),
        {"is_active": False, "version": 1},
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["is_active"], response.json()["version"]) == (False, 2)
    assert response.json()["name"] == path.name  # not sent: kept
    event = AuditEvent.objects.get(object_type="socialmap.CarePath", action="update")
    assert event.changes == {"is_active": [True, False]}


def test_a_stale_path_version_answers_409(cast):
    path = make_path(cast.coalition)
    client = logged_in_client(cast.coordinator)
    assert _patch(client, detail(path.pk), {"name": "Eerste", "version": 1}).status_code == 200
    response = _patch(client, detail(path.pk), {"name": "Tweede", "version": 1})
    assert response.status_code == 409
    body = response.json()
    assert (body["submitted_version"], body["current_version"]) == (1, 2)
    assert (body["current"]["name"], body["submitted"]["name"]) == ("Eerste", "Tweede")
    path.refresh_from_db()
    assert path.name == "Eerste"
    missing = _patch(client, detail(path.pk), {"name": "Derde"})
    assert missing.json()["errors"]["version"] == [
        "Geef de versie mee waarop de wijziging is gebaseerd."
    ]


def test_a_coordinator_adds_changes_moves_and_removes_steps(cast):
    path = _path_with_two_steps(cast)
    client = logged_in_client(cast.coordinator)
    added = _post(client, steps(path.pk), {"title": "Nazorg", "description": "Na drie maanden."})
    assert added.status_code == 201, added.json()
    assert (added.json()["position"], added.json()["title"]) == (3, "Nazorg")
    new_pk = added.json()["id"]

    changed = _patch(client, step(path.pk, new_pk), {"title": "Nazorg bij de JGZ"})
    assert changed.status_code == 200
    assert changed.json()["description"] == "Na drie maanden."

    moved = _post(
        client, reverse("api:care_path_step_move", args=[path.pk, new_pk]), {"direction": "up"}
    )
    assert moved.status_code == 200
    assert [item["title"] for item in moved.json()["steps"]] == [
        "Aanmelden bij schuldhulp",
        "Nazorg bij de JGZ",
        "Budgetcoaching",
    ]
    first = path.steps.get(position=1)
    assert client.delete(step(path.pk, first.pk)).status_code == 204
    assert list(path.steps.order_by("position").values_list("position", "title")) == [
        (1, "Nazorg bij de JGZ"),
        (2, "Budgetcoaching"),
    ]
    actions = set(
        AuditEvent.objects.filter(object_type="socialmap.CarePathStep").values_list(
            "action", flat=True
        )
    )
    assert actions == {"create", "update", "delete"}


def test_step_input_is_checked(cast):
    path = _path_with_two_steps(cast)
    first = path.steps.get(position=1)
    client = logged_in_client(cast.coordinator)
    empty = _post(client, steps(path.pk), {"title": ""})
    assert empty.json()["errors"]["title"] == ["Zeg wat er in deze stap gebeurt."]
    long = _patch(client, step(path.pk, first.pk), {"title": "x" * 201})
    assert long.json()["errors"]["title"] == ["Houd de stap korter dan 200 tekens."]
    wrong = _post(
        client, reverse("api:care_path_step_move", args=[path.pk, first.pk]), {"direction": "x"}
    )
    assert wrong.json()["errors"]["direction"] == ["Kies of de stap omhoog of omlaag moet."]
    other = make_path(cast.coalition, name="Ander pad", steps=[("Iets", [])])
    foreign = other.steps.get()
    assert client.delete(step(path.pk, foreign.pk)).status_code == 404
    assert CarePathStep.objects.count() == 3
    assert not AuditEvent.objects.exists()


def test_a_coordinator_links_services_to_a_step(cast):
    path = _path_with_two_steps(cast)
    second = path.steps.get(position=2)
    provider = make_provider(cast.coalition, name="Buurtteam")
    coaching = make_service(provider, name="Budgetcoaching")
    closed = make_service(provider, name="Gesloten", status=ServiceStatus.DEFUNCT)
    elsewhere = make_service(make_provider(cast.other_coalition), name="Elders")
    municipality = cast.coalition.municipalities.get()
    url = reverse("api:care_path_step_services", args=[path.pk, second.pk])
    client = logged_in_client(cast.coordinator)

    linked = _post(client, url, {"service": str(coaching.pk), "municipality": municipality.pk})
    assert linked.status_code == 201, linked.json()
    assert (linked.json()["service_name"], linked.json()["municipality_name"]) == (
        "Budgetcoaching",
        "Eerstedorp",
    )
    again = _post(client, url, {"service": str(coaching.pk), "municipality": municipality.pk})
    assert again.json()["errors"]["service"] == [
        "Dit aanbod staat al bij deze stap voor deze gemeente."
    ]
    for service in (closed, elsewhere):
        refused = _post(client, url, {"service": str(service.pk)})
        assert refused.json()["errors"]["service"] == [
            "Kies een actief aanbod van deze coalitie uit de lijst."
        ]
    other_municipality = cast.other_coalition.municipalities.get()
    refused = _post(
        client, url, {"service": str(coaching.pk), "municipality": other_municipality.pk}
    )
    assert refused.json()["errors"]["municipality"] == [
        "Kies een gemeente van deze coalitie uit de lijst."
    ]
    assert CarePathStepService.objects.filter(step=second).count() == 1

    link = CarePathStepService.objects.get(step=second)
    remove = reverse("api:care_path_step_service", args=[path.pk, second.pk, link.pk])
    assert logged_in_client(cast.case_director).delete(remove).status_code == 403
    wrong_step = reverse(
        "api:care_path_step_service", args=[path.pk, path.steps.get(position=1).pk, link.pk]
    )
    assert client.delete(wrong_step).status_code == 404
    assert client.delete(remove).status_code == 204
    assert not CarePathStepService.objects.filter(step=second).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="socialmap.CarePathStepService")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


def test_unimplemented_methods_answer_405(cast):
    path = make_path(cast.coalition)
    client = logged_in_client(cast.coordinator)
    assert client.delete(detail(path.pk)).status_code == 405
    assert client.put(detail(path.pk), {}, content_type="application/json").status_code == 405
    assert CarePath.objects.filter(pk=path.pk).exists()


def test_the_messages_come_in_english_when_asked(cast):
    response = logged_in_client(cast.coordinator).post(
        PATHS,
        {**NEW_PATH, "name": " "},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["Give the care path a name."]
