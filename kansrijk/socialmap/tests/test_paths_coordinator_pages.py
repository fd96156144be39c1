"""Coordinators keep the coalition's care paths: create and change a path (with the version
check), add, change, reorder and remove its steps, and link services to a step for every
municipality or as one municipality's alternative. Every write leaves an audit event.
Professionals read the list and a path; everyone else gets nothing."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import CarePath, CarePathStep, CarePathStepService, ServiceStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_paths import make_path

pytestmark = pytest.mark.django_db

PATH_DATA = {
    "name": "Geldzorgen in de zwangerschap",
    "need": "finances",
    "route": "2",
    "description": "Voor gezinnen met schulden.",
    "is_active": "on",
    "version": "0",
}


@pytest.fixture
def coordinator(cast):
    return logged_in_client(cast.coordinator)


def _audit(action: str, object_type: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_type=object_type))


def test_a_coordinator_creates_and_changes_a_path(cast, coordinator):
    response = coordinator.post(reverse("socialmap:path_add"), PATH_DATA)

    path = CarePath.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("socialmap:path_detail", args=[path.pk])
    assert (path.coalition, path.need, path.route, path.version) == (
        cast.coalition,
        "finances",
        2,
        1,
    )
    assert _audit("create", "socialmap.CarePath")[0].actor == cast.coordinator

    response = coordinator.post(
        reverse("socialmap:path_edit", args=[path.pk]),
        {**PATH_DATA, "name": "Geldzorgen", "route": "0", "version": "1"},
    )

    path.refresh_from_db()
    assert response.status_code == 302
    assert (path.name, path.route, path.version) == ("Geldzorgen", 0, 2)
    [event] = _audit("update", "socialmap.CarePath")
    assert event.changes["name"] == ["Geldzorgen in de zwangerschap", "Geldzorgen"]


def test_a_stale_version_shows_both_versions_and_keeps_the_stored_one(cast, coordinator):
    path = make_path(cast.coalition, name="Opgeslagen naam")
    path.version = 3
    path.save()

    response = coordinator.post(
        reverse("socialmap:path_edit", args=[path.pk]),
        {**PATH_DATA, "name": "Mijn naam", "version": "2"},
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert 'data-testid="conflict-table"' in html
    assert "Opgeslagen naam" in html
    assert 'value="Mijn naam"' in html  # the second writer's input stays in the form
    assert 'name="version" value="3"' in html
    path.refresh_from_db()
    assert path.name == "Opgeslagen naam"


def test_bad_input_gets_dutch_errors_and_keeps_the_input(coordinator):
    response = coordinator.post(
        reverse("socialmap:path_add"),
        {**PATH_DATA, "name": "  ", "need": "", "description": "Mijn tekst"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef het zorgpad een naam." in html
    assert "Kies voor welke behoefte dit zorgpad is." in html
    assert "Mijn tekst" in html
    assert not CarePath.objects.exists()


def test_steps_are_added_changed_moved_and_removed(cast, coordinator):
    path = make_path(cast.coalition)
    add = reverse("socialmap:path_step_add", args=[path.pk])
    for title in ("Eerste", "Tweede", "Derde"):
        assert coordinator.post(add, {"title": title}).status_code == 302
    first, second, third = CarePathStep.objects.order_by("position")
    assert coordinator.post(add, {"title": ""}).status_code == 400

    coordinator.post(
        reverse("socialmap:path_step_edit", args=[path.pk, second.pk]),
        {"title": "Tweede stap", "description": "Met uitleg"},
    )
    coordinator.post(
        reverse("socialmap:path_step_move", args=[path.pk, third.pk]), {"richting": "omhoog"}
    )
    assert list(path.steps.order_by("position").values_list("title", flat=True)) == [
        "Eerste",
        "Derde",
        "Tweede stap",
    ]

    remove = reverse("socialmap:path_step_remove", args=[path.pk, first.pk])
    confirm = coordinator.get(remove)
    assert "Weet je zeker" in confirm.content.decode()
    coordinator.post(remove)

    assert list(path.steps.order_by("position").values_list("position", "title")) == [
        (1, "Derde"),
        (2, "Tweede stap"),
    ]
    assert len(_audit("create", "socialmap.CarePathStep")) == 3
    assert len(_audit("update", "socialmap.CarePathStep")) == 2  # the edit and the move
    assert len(_audit("delete", "socialmap.CarePathStep")) == 1


def test_moving_down_and_past_either_end(cast, coordinator):
    path = make_path(cast.coalition, steps=[("Eerste", []), ("Tweede", [])])
    first, second = path.steps.order_by("position")

    def move(step, direction):
        url = reverse("socialmap:path_step_move", args=[path.pk, step.pk])
        assert coordinator.post(url, {"richting": direction}).status_code == 302

    move(first, "omhoog")  # already first: nothing changes
    move(second, "omlaag")  # already last
    assert list(path.steps.order_by("position").values_list("title", flat=True)) == [
        "Eerste",
        "Tweede",
    ]
    move(first, "omlaag")
    assert list(path.steps.order_by("position").values_list("title", flat=True)) == [
        "Tweede",
        "Eerste",
    ]


def test_services_are_linked_for_all_or_one_municipality_and_unlinked(cast, coordinator):
    provider = make_provider(cast.coalition)
    general = make_service(provider, name="Schuldhulp Regio")
    inactive = make_service(provider, name="Gesloten loket", status=ServiceStatus.INACTIVE)
    elsewhere = make_service(make_provider(cast.other_coalition), name="Loket Tweededorp")
    municipality = cast.coalition.municipalities.get()
    path = make_path(cast.coalition, steps=[("Aanmelden", [])])
    step = path.steps.get()
    url = reverse("socialmap:path_step_service_add", args=[path.pk, step.pk])

    form = coordinator.get(url).content.decode()
    assert "Schuldhulp Regio" in form
    assert "Gesloten loket" not in form
    assert "Loket Tweededorp" not in form

    assert coordinator.post(url, {"service": general.pk}).status_code == 302
    assert (
        coordinator.post(url, {"service": general.pk, "municipality": municipality.pk}).status_code
        == 302
    )
    duplicate = coordinator.post(url, {"service": general.pk})
    assert duplicate.status_code == 400
    assert "Dit aanbod staat al bij deze stap voor alle gemeenten." in duplicate.content.decode()
    for refused in (inactive, elsewhere):
        response = coordinator.post(url, {"service": refused.pk})
        assert response.status_code == 400
        assert "Kies een actief aanbod van deze coalitie uit de lijst." in response.content.decode()

    links = CarePathStepService.objects.filter(step=step)
    assert sorted((link.municipality_id or 0) for link in links) == [0, municipality.pk]
    link = links.get(municipality=None)
    coordinator.post(
        reverse("socialmap:path_step_service_remove", args=[path.pk, step.pk, link.pk])
    )
    assert list(links.values_list("municipality_id", flat=True)) == [municipality.pk]
    assert len(_audit("create", "socialmap.CarePathStepService")) == 2
    assert len(_audit("delete", "socialmap.CarePathStepService")) == 1


def test_professionals_read_but_do_not_edit(cast):
    service = make_service(make_provider(cast.coalition), name="Schuldhulp Regio")
    path = make_path(cast.coalition, name="Geldzorgen", steps=[("Aanmelden", [service])])
    step = path.steps.get()
    professional = logged_in_client(cast.outsider)

    listing = professional.get(reverse("socialmap:path_list")).content.decode()
    page = professional.get(reverse("socialmap:path_detail", args=[path.pk])).content.decode()

    assert "Geldzorgen" in listing
    assert "Nieuw zorgpad" not in listing
    assert "Schuldhulp Regio" in page
    assert "Zorgpad bewerken" not in page
    assert "Omhoog" not in page
    for url in (
        reverse("socialmap:path_add"),
        reverse("socialmap:path_edit", args=[path.pk]),
        reverse("socialmap:path_step_add", args=[path.pk]),
        reverse("socialmap:path_step_remove", args=[path.pk, step.pk]),
    ):
        assert professional.post(url, {**PATH_DATA, "title": "x"}).status_code == 403
    assert path.steps.count() == 1
    assert not AuditEvent.objects.filter(object_type__startswith="socialmap.CarePath").exists()


def test_a_path_of_another_coalition_does_not_exist_here(cast):
    path = make_path(cast.other_coalition)

    assert (
        logged_in_client(cast.outsider)
        .get(reverse("socialmap:path_detail", args=[path.pk]))
        .status_code
        == 404
    )
    assert (
        logged_in_client(cast.coordinator)
        .get(reverse("socialmap:path_edit", args=[path.pk]))
        .status_code
        == 404
    )
