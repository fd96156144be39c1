"""Maintaining the social map through the API: the pages' policy (coordinators the whole map,
delegated editors their own providers), forms (Dutch messages), version check (409) and
services (audit trail and HSDS metadata)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import MapEditor, Metadata, MunicipalityAccess, Organization, Service
from kansrijk.socialmap.terms import service_terms
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_maintenance import provider_with_editor, service_with_editor

pytestmark = pytest.mark.django_db
PROVIDERS = "/api/v1/socialmap/maintenance/organizations/"
SERVICES = "/api/v1/socialmap/maintenance/services/"


def provider_url(pk) -> str:
    return reverse("api:socialmap_maintained_provider", args=[pk])


def service_url(pk) -> str:
    return reverse("api:socialmap_maintained_service", args=[pk])


def _post(client, url, data=None, **headers):
    return client.post(url, data or {}, content_type="application/json", headers=headers)


def _patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


NEW_SERVICE = {
    "name": "Budgetcoaching Eerstedorp",
    "description": "Samen orde in de geldzaken.",
    "phone": "058 1234567",
    "minimum_age": 16,
    "languages": ["nl", "ar", "hy"],
    "phases": ["pregnancy", "infancy"],
    "needs": ["finances"],
    "evidence": "not_assessed",
    "own_costs": "none",
}


# --- Providers ---------------------------------------------------------------------------------


def test_a_coordinator_adds_a_provider_linked_to_a_chain_partner(cast):
    partner = cast.coalition.organisations.get(name="JGZ Eerstedorp")
    response = _post(
        logged_in_client(cast.coordinator),
        PROVIDERS,
        {"name": "Buurtteam Eerstedorp", "email": "info@buurtteam.nl", "organisation": partner.pk},
    )
    assert response.status_code == 201, response.json()
    organization = Organization.objects.get(name="Buurtteam Eerstedorp")
    assert response["Location"] == provider_url(organization.pk)
    body = response.json()
    assert (body["organisation"], body["organisation_name"]) == (partner.pk, "JGZ Eerstedorp")
    assert (body["service_count"], body["editor_count"]) == (0, 0)
    assert organization.coalition == cast.coalition
    event = AuditEvent.objects.get(object_type="socialmap.Organization", action="create")
    assert event.actor == cast.coordinator
    assert Metadata.objects.filter(resource_id=organization.pk, field_name="name").exists()


def test_a_new_provider_is_checked_by_the_pages_form(cast):
    client = logged_in_client(cast.coordinator)
    other_partner = cast.other_coalition.organisations.get()
    response = _post(
        client,
        PROVIDERS,
        {
            "name": "",
            "email": "geen-adres",
            "website": "niet een url",
            "organisation": other_partner.pk,
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["name"] == ["Vul de naam van de aanbieder in."]
    assert errors["email"] == ["Vul een geldig e-mailadres in, bijvoorbeeld info@voorbeeld.nl."]
    assert errors["website"] == [
        "Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl."
    ]
    assert errors["organisation"] == ["Kies een ketenpartner van deze coalitie."]
    assert not Organization.objects.exists()
    assert not AuditEvent.objects.exists()


def test_only_coordinators_add_providers(cast, client):
    provider_with_editor(cast)  # the outsider maintains a provider: still no new ones
    for actor in (cast.outsider, cast.case_director, cast.analyst, cast.administrator):
        response = _post(logged_in_client(actor), PROVIDERS, {"name": "Nieuw"})
        assert response.status_code == 403, actor
    assert _post(client, PROVIDERS, {"name": "Nieuw"}).status_code == 401
    assert Organization.objects.count() == 1


def test_a_create_with_an_idempotency_key_adds_one_provider(cast):
    client = logged_in_client(cast.coordinator)
    first = _post(client, PROVIDERS, {"name": "Buurtteam"}, **{"Idempotency-Key": "buurtteam"})
    second = _post(client, PROVIDERS, {"name": "Buurtteam"}, **{"Idempotency-Key": "buurtteam"})
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert Organization.objects.count() == 1


def test_an_editor_changes_their_provider_but_not_its_chain_partner(cast):
    provider = provider_with_editor(cast)
    client = logged_in_client(cast.outsider)
    response = _patch(client, provider_url(provider.pk), {"description": "Welzijn en meer."})
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Welzijn Eerstedorp"  # what was not sent stays
    provider.refresh_from_db()
    assert provider.description == "Welzijn en meer."
    event = AuditEvent.objects.get(object_type="socialmap.Organization", action="update")
    assert event.changes == {"description": ["Welzijn Eerstedorp.", "Welzijn en meer."]}

    partner = cast.coalition.organisations.first()
    refused = _patch(client, provider_url(provider.pk), {"organisation": partner.pk})
    assert refused.status_code == 403
    provider.refresh_from_db()
    assert provider.organisation is None


def test_a_coordinator_links_a_provider_to_a_chain_partner(cast):
    provider = make_provider(cast.coalition)
    partner = cast.coalition.organisations.get(name="JGZ Eerstedorp")
    response = _patch(
        logged_in_client(cast.coordinator), provider_url(provider.pk), {"organisation": partner.pk}
    )
    assert response.status_code == 200
    provider.refresh_from_db()
    assert provider.organisation == partner


def test_a_provider_change_is_checked_and_nothing_is_stored_on_bad_input(cast):
    provider = provider_with_editor(cast)
    response = _patch(
        logged_in_client(cast.outsider), provider_url(provider.pk), {"name": " ", "email": "x"}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["Vul de naam van de aanbieder in."]
    provider.refresh_from_db()
    assert provider.name == "Welzijn Eerstedorp"
    assert not AuditEvent.objects.exists()


def test_who_may_change_which_provider(cast):
    mine = provider_with_editor(cast)
    another = make_provider(cast.coalition, name="Sportclub Eerstedorp")
    elsewhere = make_provider(cast.other_coalition, name="Welzijn Tweededorp")
    editor = logged_in_client(cast.outsider)
    assert editor.get(provider_url(mine.pk)).status_code == 200
    assert _patch(editor, provider_url(another.pk), {"name": "X"}).status_code == 403
    assert _patch(editor, provider_url(elsewhere.pk), {"name": "X"}).status_code == 404
    for actor in (cast.case_director, cast.analyst):
        assert (
            _patch(logged_in_client(actor), provider_url(mine.pk), {"name": "X"}).status_code == 403
        )
    stranger = logged_in_client(cast.other_coalition_professional)
    assert stranger.get(provider_url(mine.pk)).status_code == 404
    assert _patch(stranger, provider_url(mine.pk), {"name": "X"}).status_code == 404
    coordinator = logged_in_client(cast.coordinator)
    assert _patch(coordinator, provider_url(elsewhere.pk), {"name": "X"}).status_code == 404
    assert Organization.objects.filter(name="X").count() == 0


def test_the_providers_list_shows_what_the_caller_maintains(cast):
    mine = provider_with_editor(cast)
    make_service(mine, assured_date=date(2000, 1, 1))
    make_provider(cast.coalition, name="Sportclub Eerstedorp")
    make_provider(cast.other_coalition, name="Welzijn Tweededorp")
    editor = logged_in_client(cast.outsider).get(PROVIDERS).json()
    assert [row["name"] for row in editor["results"]] == ["Welzijn Eerstedorp"]
    assert (editor["results"][0]["service_count"], editor["results"][0]["unchecked_count"]) == (
        1,
        1,
    )
    coordinator = logged_in_client(cast.coordinator).get(PROVIDERS).json()
    assert [row["name"] for row in coordinator["results"]] == [
        "Sportclub Eerstedorp",
        "Welzijn Eerstedorp",
    ]
    assert logged_in_client(cast.case_director).get(PROVIDERS).status_code == 403


# --- Services ----------------------------------------------------------------------------------


def test_an_editor_adds_a_service_with_terms_languages_and_access(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    data = {
        **NEW_SERVICE,
        "access": [{"municipality": municipality.pk, "route": "buurtteam", "waiting_weeks": 2}],
    }
    url = reverse("api:socialmap_provider_services", args=[provider.pk])
    response = _post(logged_in_client(cast.outsider), url, data)
    assert response.status_code == 201, response.json()
    service = Service.objects.get(name="Budgetcoaching Eerstedorp")
    assert response["Location"] == service_url(service.pk)
    body = response.json()
    assert (body["status"], body["version"], body["flagged"]) == ("active", 1, True)
    assert body["languages"] == ["ar", "hy", "nl"]
    assert body["evidence"] == "not_assessed"
    assert body["access"] == [
        {
            "municipality": municipality.pk,
            "municipality_name": "Eerstedorp",
            "route": "buurtteam",
            "conditions": "",
            "waiting_weeks": 2,
        }
    ]
    terms = service_terms([service.pk])[service.pk]
    assert terms["phases"] == ["infancy", "pregnancy"]
    assert service.organization == provider
    assert MunicipalityAccess.objects.get(service=service).waiting_weeks == 2
    assert AuditEvent.objects.filter(object_type="socialmap.Service", action="create").exists()
    assert Metadata.objects.filter(resource_id=service.pk, field_name="needs").exists()


def test_a_new_service_is_checked_by_the_pages_form(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    other_municipality = cast.other_coalition.municipalities.get()
    url = reverse("api:socialmap_provider_services", args=[provider.pk])
    client = logged_in_client(cast.outsider)
    response = _post(
        client,
        url,
        {
            **NEW_SERVICE,
            "name": "",
            "minimum_age": 18,
            "maximum_age": 4,
            "languages": ["nl", "xx"],
            "needs": ["geen-behoefte"],
            "access": [{"municipality": municipality.pk, "route": "", "conditions": "Alleen hier"}],
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["needs"] == {"0": ["Kies uit de lijst."]}
    response = _post(
        client,
        url,
        {
            **NEW_SERVICE,
            "name": "",
            "minimum_age": 18,
            "maximum_age": 4,
            "languages": ["nl", "xx"],
            "access": [{"municipality": municipality.pk, "route": "", "conditions": "Alleen hier"}],
        },
    )
    errors = response.json()["errors"]
    assert errors["name"] == ["Geef het aanbod een naam."]
    assert errors["maximum_age"] == [
        "De maximumleeftijd kan niet lager zijn dan de minimumleeftijd."
    ]
    assert errors["languages"] == [
        "Onbekende taalcode: xx. Gebruik codes van twee letters (ISO 639-1), zoals nl, en, ar."
    ]
    assert errors["access"] == ["Kies hoe een gezin uit Eerstedorp binnenkomt."]
    elsewhere = _post(
        client,
        url,
        {**NEW_SERVICE, "access": [{"municipality": other_municipality.pk, "route": "direct"}]},
    )
    assert elsewhere.status_code == 400
    assert elsewhere.json()["errors"]["access"] == [
        "Toegang kan alleen voor gemeenten van deze coalitie."
    ]
    assert not Service.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_service_of_another_provider_or_coalition_is_refused(cast):
    provider_with_editor(cast)
    another = make_provider(cast.coalition, name="Sportclub Eerstedorp")
    elsewhere = make_provider(cast.other_coalition, name="Welzijn Tweededorp")
    client = logged_in_client(cast.outsider)
    assert (
        _post(
            client, reverse("api:socialmap_provider_services", args=[another.pk]), NEW_SERVICE
        ).status_code
        == 403
    )
    assert (
        _post(
            client, reverse("api:socialmap_provider_services", args=[elsewhere.pk]), NEW_SERVICE
        ).status_code
        == 404
    )
    assert not Service.objects.exists()


def test_an_editor_changes_a_service_with_the_version_read(cast):
    service = service_with_editor(cast)
    client = logged_in_client(cast.outsider)
    read = client.get(service_url(service.pk)).json()
    assert read["version"] == 1
    response = _patch(
        client,
        service_url(service.pk),
        {"wait_time": "4 weken", "needs": ["finances", "housing"], "version": read["version"]},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["version"], body["wait_time"], body["name"]) == (2, "4 weken", service.name)
    assert body["needs"] == ["finances", "housing"]
    assert body["access"][0]["route"] == "direct"  # not sent: kept
    event = AuditEvent.objects.get(object_type="socialmap.Service", action="update")
    assert event.changes["wait_time"] == ["", "4 weken"]
    assert Metadata.objects.filter(resource_id=service.pk, field_name="wait_time").exists()


def test_a_stale_version_answers_409_with_both_versions(cast):
    service = service_with_editor(cast)
    _patch(
        logged_in_client(cast.coordinator),
        service_url(service.pk),
        {"wait_time": "1 week", "version": 1},
    )
    response = _patch(
        logged_in_client(cast.outsider),
        service_url(service.pk),
        {"wait_time": "6 weken", "version": 1},
    )
    assert response.status_code == 409
    body = response.json()
    assert (body["submitted_version"], body["current_version"]) == (1, 2)
    assert body["current"]["wait_time"] == "1 week"
    assert body["submitted"]["wait_time"] == "6 weken"
    service.refresh_from_db()
    assert (service.wait_time, service.version) == ("1 week", 2)


def test_a_service_change_needs_a_version_and_valid_input(cast):
    service = service_with_editor(cast)
    client = logged_in_client(cast.outsider)
    missing = _patch(client, service_url(service.pk), {"wait_time": "4 weken"})
    assert missing.status_code == 400
    assert missing.json()["errors"]["version"] == [
        "Geef de versie mee waarop de wijziging is gebaseerd."
    ]
    bad = _patch(client, service_url(service.pk), {"email": "geen", "status": "weg", "version": 1})
    assert bad.status_code == 400
    assert bad.json()["errors"]["status"] == ["Kies een status uit de lijst."]
    bad = _patch(client, service_url(service.pk), {"email": "geen", "version": 1})
    assert bad.json()["errors"]["email"] == [
        "Vul een geldig e-mailadres in, bijvoorbeeld info@voorbeeld.nl."
    ]
    service.refresh_from_db()
    assert service.version == 1
    assert not AuditEvent.objects.exists()


def test_who_may_change_which_service(cast):
    mine = service_with_editor(cast)
    another = make_service(make_provider(cast.coalition, name="Sportclub Eerstedorp"))
    elsewhere = make_service(make_provider(cast.other_coalition, name="Welzijn Tweededorp"))
    editor = logged_in_client(cast.outsider)
    assert editor.get(service_url(another.pk)).status_code == 403
    assert _patch(editor, service_url(another.pk), {"name": "X", "version": 1}).status_code == 403
    assert _patch(editor, service_url(elsewhere.pk), {"name": "X", "version": 1}).status_code == 404
    assert logged_in_client(cast.coordinator).get(service_url(elsewhere.pk)).status_code == 404
    assert logged_in_client(cast.case_director).get(service_url(mine.pk)).status_code == 403
    assert logged_in_client(cast.administrator).get(service_url(mine.pk)).status_code == 403
    assert Service.objects.filter(name="X").count() == 0


def test_marking_a_service_checked_keeps_its_version(cast):
    service = service_with_editor(cast, assured_date=date(2020, 1, 1))
    url = reverse("api:socialmap_service_verify", args=[service.pk])
    response = _post(logged_in_client(cast.outsider), url)
    assert response.status_code == 200
    body = response.json()
    assert body["assured_date"] == timezone.localdate().isoformat()
    assert (body["version"], body["flagged"]) == (1, False)
    service.refresh_from_db()
    assert service.assured_by == cast.outsider
    event = AuditEvent.objects.get(object_type="socialmap.Service")
    assert event.summary == "Aanbod Schuldhulp Eerstedorp gecontroleerd"
    assert _post(logged_in_client(cast.case_director), url).status_code == 403
    assert _post(logged_in_client(cast.other_coalition_professional), url).status_code == 404
    assert AuditEvent.objects.count() == 1


def test_the_services_list_filters_unchecked_ones(cast):
    provider = provider_with_editor(cast)
    make_service(provider, name="Oud aanbod", assured_date=date(2000, 1, 1))
    make_service(provider, name="Nieuw aanbod")
    make_service(make_provider(cast.coalition, name="Ander"), name="Niet van mij")
    client = logged_in_client(cast.outsider)
    names = [row["name"] for row in client.get(SERVICES).json()["results"]]
    assert names == ["Nieuw aanbod", "Oud aanbod"]
    unchecked = client.get(SERVICES, {"unchecked": "true"}).json()["results"]
    assert [(row["name"], row["flagged"]) for row in unchecked] == [("Oud aanbod", True)]
    found = client.get(SERVICES, {"q": "nieuw"}).json()["results"]
    assert [row["name"] for row in found] == ["Nieuw aanbod"]
    by_check = client.get(SERVICES, {"sort": "checked"}).json()["results"]
    assert by_check[0]["name"] == "Oud aanbod"


# --- Editors -----------------------------------------------------------------------------------


def test_a_coordinator_manages_the_editors_of_a_provider(cast):
    provider = provider_with_editor(cast)
    url = reverse("api:socialmap_provider_editors", args=[provider.pk])
    client = logged_in_client(cast.coordinator)
    listed = client.get(url).json()
    assert [row["professional"] for row in listed] == [cast.outsider.pk]

    added = _post(client, url, {"professional": cast.case_director.pk})
    assert added.status_code == 201, added.json()
    assert added.json()["granted_by"] == cast.coordinator.get_full_name()
    assert MapEditor.objects.filter(organization=provider, professional=cast.case_director).exists()
    assert AuditEvent.objects.filter(object_type="socialmap.MapEditor", action="create").exists()

    editor = MapEditor.objects.get(professional=cast.case_director)
    removed = client.delete(reverse("api:socialmap_provider_editor", args=[provider.pk, editor.pk]))
    assert removed.status_code == 204
    assert not MapEditor.objects.filter(pk=editor.pk).exists()
    assert AuditEvent.objects.filter(object_type="socialmap.MapEditor", action="delete").exists()


def test_an_editor_is_a_professional_of_the_coalition_and_not_yet_one(cast):
    provider = provider_with_editor(cast)
    url = reverse("api:socialmap_provider_editors", args=[provider.pk])
    client = logged_in_client(cast.coordinator)
    for professional in (cast.other_coalition_professional, cast.outsider, cast.analyst):
        response = _post(client, url, {"professional": professional.pk})
        assert response.status_code == 400
        assert response.json()["errors"]["professional"] == [
            "Kies een professional die in deze coalitie werkt."
        ]
    missing = _post(client, url, {})
    assert missing.json()["errors"]["professional"] == [
        "Kies wie het aanbod van deze aanbieder mag bijhouden."
    ]
    assert MapEditor.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_only_coordinators_of_the_providers_coalition_manage_editors(cast):
    provider = provider_with_editor(cast)
    editor = provider.editors.get()
    url = reverse("api:socialmap_provider_editors", args=[provider.pk])
    remove = reverse("api:socialmap_provider_editor", args=[provider.pk, editor.pk])
    outsider = logged_in_client(cast.outsider)  # the delegated editor
    assert outsider.get(url).status_code == 403
    assert _post(outsider, url, {"professional": cast.case_director.pk}).status_code == 403
    assert outsider.delete(remove).status_code == 403
    stranger = logged_in_client(cast.other_coalition_professional)
    assert stranger.get(url).status_code == 404
    assert stranger.delete(remove).status_code == 404
    other_provider = make_provider(cast.coalition, name="Ander")
    wrong_pair = reverse("api:socialmap_provider_editor", args=[other_provider.pk, editor.pk])
    assert logged_in_client(cast.coordinator).delete(wrong_pair).status_code == 404
    assert MapEditor.objects.filter(pk=editor.pk).exists()


def test_the_messages_come_in_english_when_asked(cast):
    response = logged_in_client(cast.coordinator).post(
        PROVIDERS, {"name": ""}, content_type="application/json", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["Enter the name of the provider."]
