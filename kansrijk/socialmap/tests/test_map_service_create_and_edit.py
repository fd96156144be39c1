"""Creating and editing a service: HSDS fields, languages, phone, kansrijk terms and access per
municipality; bad input keeps the form; a stale version gives the conflict page."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import Metadata, MunicipalityAccess, Service
from kansrijk.socialmap.terms import service_terms
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap_maintenance import (
    provider_with_editor,
    service_form_data,
    service_with_editor,
)

pytestmark = pytest.mark.django_db


def _edit_data(service, municipality, **overrides) -> dict:
    return {**service_form_data(municipality), "version": str(service.version), **overrides}


def test_an_editor_creates_a_service_with_terms_and_access(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    client = logged_in_client(cast.outsider)
    url = reverse("socialmap:map_service_create", args=[provider.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, service_form_data(municipality, other_languages="hy"))

    service = Service.objects.get(name="Budgetcoaching Eerstedorp")
    assert response.status_code == 302
    assert response["Location"] == reverse("socialmap:map_service_edit", args=[service.pk])
    assert service.organization == provider
    assert service.coalition == cast.coalition
    assert service.minimum_age == 16
    assert service.maximum_age is None
    assert service.assured_date is None  # not checked until someone says so
    terms = service_terms([service.pk])[service.pk]
    assert terms["needs"] == ["finances"]
    assert terms["phases"] == ["infancy", "pregnancy"]
    assert terms["routes"] == ["route_2"]
    assert terms["evidence"] == ["not_assessed"]
    assert terms["laws"] == ["participatiewet"]
    assert terms["payers"] == ["municipality"]
    assert terms["own_costs"] == ["none"]
    assert sorted(service.languages.values_list("code", "name")) == [
        ("ar", "Arabisch"),
        ("hy", "Armeens"),
        ("nl", "Nederlands"),
    ]
    assert list(service.phones.values_list("number", flat=True)) == ["058 1234567"]
    access = MunicipalityAccess.objects.get(service=service)
    assert (access.municipality, access.route, access.waiting_weeks) == (
        municipality,
        "buurtteam",
        2,
    )
    assert access.conditions == "Inwoners van de gemeente."


def test_an_edit_changes_terms_and_access_and_bumps_the_version(cast):
    service = service_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    client = logged_in_client(cast.coordinator)
    url = reverse("socialmap:map_service_edit", args=[service.pk])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page

    data = _edit_data(
        service,
        municipality,
        needs=["housing", "finances"],
        evidence="",
        **{f"toegang_{municipality.pk}": "central_point", f"wachttijd_{municipality.pk}": ""},
    )
    response = client.post(url, data)

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.version == 2
    terms = service_terms([service.pk])[service.pk]
    assert terms["needs"] == ["finances", "housing"]
    assert terms["evidence"] == []
    access = MunicipalityAccess.objects.get(service=service)
    assert (access.route, access.waiting_weeks) == ("central_point", None)


def test_clearing_the_access_of_a_municipality_removes_it(cast):
    service = service_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    data = _edit_data(
        service,
        municipality,
        **{
            f"toegang_{municipality.pk}": "",
            f"voorwaarden_{municipality.pk}": "",
            f"wachttijd_{municipality.pk}": "",
        },
    )
    client = logged_in_client(cast.coordinator)
    client.post(reverse("socialmap:map_service_edit", args=[service.pk]), data)
    assert not MunicipalityAccess.objects.filter(service=service).exists()


def test_bad_input_gets_dutch_errors_next_to_the_fields_and_keeps_the_input(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    client = logged_in_client(cast.outsider)
    data = service_form_data(
        municipality,
        name="",
        description="Mijn zorgvuldig geschreven beschrijving.",
        email="geen-adres",
        minimum_age="18",
        maximum_age="4",
        other_languages="xx, nl-be",
        **{f"toegang_{municipality.pk}": "", f"wachttijd_{municipality.pk}": "-1"},
    )
    response = client.post(reverse("socialmap:map_service_create", args=[provider.pk]), data)

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["name"] == ["Geef het aanbod een naam."]
    assert form.errors["email"] == [
        "Vul een geldig e-mailadres in, bijvoorbeeld info@voorbeeld.nl."
    ]
    assert form.errors["maximum_age"] == [
        "De maximumleeftijd kan niet lager zijn dan de minimumleeftijd."
    ]
    assert "Onbekende taalcode: xx, nl-be" in form.errors["other_languages"][0]
    assert form.errors[f"wachttijd_{municipality.pk}"] == ["Een wachttijd kan niet negatief zijn."]
    content = response.content.decode()
    assert "Mijn zorgvuldig geschreven beschrijving." in content
    assert 'value="geen-adres"' in content
    assert 'id="id_name_error"' in content
    assert not Service.objects.exists()


def test_conditions_without_a_route_ask_for_the_route(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    data = service_form_data(municipality, **{f"toegang_{municipality.pk}": ""})
    response = logged_in_client(cast.outsider).post(
        reverse("socialmap:map_service_create", args=[provider.pk]), data
    )
    assert response.status_code == 400
    assert response.context["form"].errors[f"toegang_{municipality.pk}"] == [
        "Kies hoe een gezin uit Eerstedorp binnenkomt."
    ]


def test_a_concurrent_edit_gives_the_conflict_page_with_the_input_kept(cast):
    service = service_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    url = reverse("socialmap:map_service_edit", args=[service.pk])
    first = logged_in_client(cast.coordinator)
    second = logged_in_client(cast.outsider)
    stale = _edit_data(service, municipality, description="De tekst van de redacteur.")

    first.post(url, _edit_data(service, municipality, description="De tekst van de coördinator."))
    response = second.post(url, stale)

    assert response.status_code == 409
    content = response.content.decode()
    assert "Iemand anders heeft Budgetcoaching Eerstedorp intussen gewijzigd" in content
    assert "De tekst van de coördinator." in content  # the stored version
    assert "De tekst van de redacteur." in content  # the second editor's input
    assert 'data-testid="conflict-table"' in content
    assert 'name="version" value="2"' in content  # saving again is a conscious choice
    service.refresh_from_db()
    assert service.description == "De tekst van de coördinator."

    again = second.post(url, {**stale, "version": "2"})
    assert again.status_code == 302
    service.refresh_from_db()
    assert (service.description, service.version) == ("De tekst van de redacteur.", 3)


def test_an_edit_without_changes_writes_nothing(cast):
    municipality = cast.coalition.municipalities.get()
    provider = provider_with_editor(cast)
    client = logged_in_client(cast.outsider)
    client.post(
        reverse("socialmap:map_service_create", args=[provider.pk]),
        service_form_data(municipality),
    )
    service = Service.objects.get()
    events, rows = AuditEvent.objects.count(), Metadata.objects.count()
    response = client.post(
        reverse("socialmap:map_service_edit", args=[service.pk]),
        _edit_data(service, municipality),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.version == 1
    assert (AuditEvent.objects.count(), Metadata.objects.count()) == (events, rows)


def test_an_edit_without_a_version_asks_to_reload(cast):
    service = service_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    data = _edit_data(service, municipality)
    del data["version"]
    response = logged_in_client(cast.coordinator).post(
        reverse("socialmap:map_service_edit", args=[service.pk]), data
    )
    assert response.status_code == 400
    assert "Laad de pagina opnieuw: de versie ontbreekt." in response.content.decode()
