"""Who may maintain the map: the coordinator everything, a delegated editor only the provider
delegated to them, everyone else 403, another coalition's provider 404."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kansrijk.socialmap import services_map
from kansrijk.socialmap.selectors_map import (
    map_rights,
    may_edit_organization,
    may_edit_service,
    may_manage_map,
)
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider, make_service
from kansrijk.testing.socialmap_maintenance import provider_with_editor, service_with_editor

pytestmark = pytest.mark.django_db


def test_the_coordinator_maintains_every_provider_and_service(cast):
    own = service_with_editor(cast)
    other = make_service(make_provider(cast.coalition, name="GGD"), name="Stevig Ouderschap")
    assert may_manage_map(cast.coordinator, cast.coalition)
    assert may_edit_service(cast.coordinator, own)
    assert may_edit_service(cast.coordinator, other)
    client = logged_in_client(cast.coordinator)
    for service in (own, other):
        url = reverse("socialmap:map_service_edit", args=[service.pk])
        assert client.get(url).status_code == 200


def test_a_delegated_editor_maintains_only_their_own_provider(cast):
    own = service_with_editor(cast)
    other_provider = make_provider(cast.coalition, name="GGD Eerstedorp")
    other = make_service(other_provider, name="Stevig Ouderschap")
    assert may_edit_service(cast.outsider, own)
    assert may_edit_organization(cast.outsider, own.organization)
    assert not may_edit_service(cast.outsider, other)
    assert not may_edit_organization(cast.outsider, other_provider)
    assert not may_manage_map(cast.outsider, cast.coalition)

    client = logged_in_client(cast.outsider)
    assert client.get(reverse("socialmap:map_service_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("socialmap:map_service_edit", args=[other.pk])).status_code == 403
    assert (
        client.get(reverse("socialmap:map_provider_edit", args=[other_provider.pk])).status_code
        == 403
    )
    # Not the editors, not a new provider.
    assert (
        client.get(reverse("socialmap:map_editors", args=[own.organization.pk])).status_code == 403
    )
    assert client.get(reverse("socialmap:map_provider_create")).status_code == 403


def test_the_overview_shows_a_delegated_editor_only_their_services(cast):
    service_with_editor(cast, name="Budgetcoaching")
    make_service(make_provider(cast.coalition, name="GGD"), name="Stevig Ouderschap")
    response = logged_in_client(cast.outsider).get(reverse("socialmap:map_overview"))
    content = response.content.decode()
    assert "Budgetcoaching" in content
    assert "Stevig Ouderschap" not in content
    assert "Aanbieder toevoegen" not in content


def test_everyone_else_gets_403(cast):
    service = service_with_editor(cast)
    for professional in (cast.case_director, cast.analyst, cast.administrator):
        client = logged_in_client(professional)
        assert client.get(reverse("socialmap:map_overview")).status_code == 403
        url = reverse("socialmap:map_service_edit", args=[service.pk])
        assert client.get(url).status_code == 403
        check = reverse("socialmap:map_service_check", args=[service.pk])
        assert client.post(check).status_code == 403
    service.refresh_from_db()
    assert service.assured_by is None


def test_another_coalition_s_provider_does_not_exist(cast):
    service = service_with_editor(cast)
    client = logged_in_client(cast.other_coalition_professional)
    for name, pk in (
        ("socialmap:map_service_edit", service.pk),
        ("socialmap:map_provider_edit", service.organization.pk),
        ("socialmap:map_service_create", service.organization.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404


def test_a_delegation_ends_with_the_editor_s_membership(cast):
    service = service_with_editor(cast)
    membership = cast.outsider.memberships.get()
    membership.end_date = membership.start_date
    membership.save()
    assert not map_rights(cast.outsider, cast.coalition).may_maintain
    assert not may_edit_service(cast.outsider, service)


def test_the_services_refuse_whoever_may_not_edit(cast):
    service = service_with_editor(cast)
    with pytest.raises(PermissionDenied):
        services_map.service_mark_checked(actor=cast.case_director, service_pk=service.pk)
    with pytest.raises(PermissionDenied):
        services_map.organization_create(
            actor=cast.outsider, coalition=cast.coalition, data={"name": "Nieuw"}
        )
    with pytest.raises(PermissionDenied):
        services_map.map_editor_add(
            actor=cast.outsider,
            organization_pk=service.organization.pk,
            professional=cast.case_director,
        )
    # A delegated editor may not relink the provider to another chain partner.
    with pytest.raises(PermissionDenied):
        services_map.organization_update(
            actor=cast.outsider,
            organization_pk=service.organization.pk,
            data={"name": "Welzijn"},
            organisation=None,
        )


def test_the_beheer_page_offers_the_map_to_coordinators_only(cast):
    provider_with_editor(cast)
    coordinator_page = logged_in_client(cast.coordinator).get(reverse("organisations:manage"))
    assert reverse("socialmap:map_overview") in coordinator_page.content.decode()
    administrator_page = logged_in_client(cast.administrator).get(reverse("organisations:manage"))
    assert reverse("socialmap:map_overview") not in administrator_page.content.decode()


def test_the_maintenance_link_is_offered_to_coordinators_and_editors_only(cast, rf):
    from kansrijk.organisations.context import resolve_active_coalition
    from kansrijk.socialmap.views_map import maintenance_link

    provider_with_editor(cast)

    def link_for(professional):
        request = rf.get("/sociale-kaart/")
        request.user = professional
        request.session = {}
        request.active = resolve_active_coalition(request)
        return maintenance_link(request)["map_maintenance"]

    assert link_for(cast.coordinator).coordinator
    assert link_for(cast.outsider).organization_ids
    assert link_for(cast.case_director) is None
    assert link_for(cast.other_coalition_professional) is None
