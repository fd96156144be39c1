"""The way from the social map's own pages to its maintenance: the search page links
coordinators and delegated editors to the maintenance pages, and the service page offers
"Aanbod bewerken" to whoever may edit that service, and to nobody else."""

import pytest
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_maintenance import service_with_editor

pytestmark = pytest.mark.django_db


def _html(professional, url: str) -> str:
    response = logged_in_client(professional).get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("actor", "shown"),
    [("coordinator", True), ("outsider", True), ("case_director", False)],
)
def test_the_search_page_links_editors_to_the_maintenance(cast, actor, shown):
    service_with_editor(cast)  # the outsider maintains its provider

    html = _html(getattr(cast, actor), reverse("socialmap:search"))

    assert ('data-testid="map-maintenance-link"' in html) is shown
    assert (reverse("socialmap:map_overview") in html) is shown


def test_the_service_page_offers_editing_to_its_editors_only(cast):
    own = service_with_editor(cast, name="Budgetcoaching")
    other = make_service(make_provider(cast.coalition, name="GGZ Eerstedorp"), name="Praatgroep")
    edit_own = reverse("socialmap:map_service_edit", args=[own.pk])
    edit_other = reverse("socialmap:map_service_edit", args=[other.pk])

    assert edit_own in _html(cast.outsider, reverse("socialmap:service", args=[own.pk]))
    assert edit_other not in _html(cast.outsider, reverse("socialmap:service", args=[other.pk]))
    assert edit_other in _html(cast.coordinator, reverse("socialmap:service", args=[other.pk]))
    assert edit_own not in _html(cast.case_director, reverse("socialmap:service", args=[own.pk]))
