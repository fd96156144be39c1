"""A service on the social map carries its kinds of care ("Soort zorg (voor de
financiering)"): set on the service form, kept when the form is saved again, shown on the
service page; the demo services have one each."""

import re

import pytest
from django.urls import reverse

from kansrijk.socialmap.demo_services import CARE_KINDS, SERVICES
from kansrijk.socialmap.terms import service_terms
from kansrijk.socialmap.vocabulary import CareKind
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap_maintenance import provider_with_editor, service_form_data

pytestmark = pytest.mark.django_db


def test_an_editor_sets_the_care_kinds_and_the_service_page_shows_them(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    client = logged_in_client(cast.outsider)
    create = reverse("socialmap:map_service_create", args=[provider.pk])
    assert "Soort zorg (voor de financiering)" in client.get(create).content.decode()
    data = {**service_form_data(municipality), "care_kinds": ["kraamzorg", "wmo"]}
    assert client.post(create, data).status_code == 302
    service = provider.services.get()
    assert service_terms([service.pk])[service.pk]["care_kinds"] == ["kraamzorg", "wmo"]

    edit = reverse("socialmap:map_service_edit", args=[service.pk])
    form = client.get(edit).content.decode()
    checked = re.findall(r'<input [^>]*name="care_kinds"[^>]*checked[^>]*>', form)
    assert [re.search(r'value="(\w+)"', tag).group(1) for tag in checked] == ["kraamzorg", "wmo"]
    # Saving without touching the care kinds keeps them.
    again = {**data, "name": "Andere naam", "version": str(service.version)}
    assert client.post(edit, again).status_code == 302
    assert service_terms([service.pk])[service.pk]["care_kinds"] == ["kraamzorg", "wmo"]

    page = client.get(reverse("socialmap:service", args=[service.pk])).content.decode()
    assert 'data-testid="service-care-kinds">Kraamzorg, Ondersteuning (Wmo)' in page


def test_an_unknown_care_kind_is_refused_next_to_the_field(cast):
    provider = provider_with_editor(cast)
    municipality = cast.coalition.municipalities.get()
    client = logged_in_client(cast.outsider)
    create = reverse("socialmap:map_service_create", args=[provider.pk])
    response = client.post(create, {**service_form_data(municipality), "care_kinds": ["tandarts"]})
    assert response.status_code == 400
    assert 'id="id_care_kinds_error"' in response.content.decode()


def test_every_demo_service_has_known_care_kinds():
    assert set(CARE_KINDS) == set(SERVICES)
    for key, kinds in CARE_KINDS.items():
        assert kinds, key
        assert set(kinds) <= set(CareKind.values), key
