"""Delegated editors: a coordinator adds a professional of the coalition as editor of a
provider and removes them after a confirmation page; both are audited."""

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.socialmap.models import MapEditor
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.socialmap import make_provider
from kansrijk.testing.socialmap_maintenance import delegate

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_an_editor_who_then_maintains_the_provider(cast):
    provider = make_provider(cast.coalition)
    client = logged_in_client(cast.coordinator)
    url = reverse("socialmap:map_editors", args=[provider.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="no-map-editors"' in page.content.decode()
    # Only professionals of the coalition are offered.
    offered = set(page.context["form"].fields["professional"].queryset)
    assert cast.case_director in offered
    assert cast.other_coalition_professional not in offered
    assert cast.analyst not in offered

    response = client.post(url, {"professional": cast.case_director.pk})

    assert response.status_code == 302
    editor = MapEditor.objects.get()
    assert (editor.organization, editor.professional) == (provider, cast.case_director)
    assert editor.granted_by == cast.coordinator
    assert AuditEvent.objects.filter(action="create", object_id=str(editor.pk)).exists()
    edit = reverse("socialmap:map_provider_edit", args=[provider.pk])
    assert logged_in_client(cast.case_director).get(edit).status_code == 200


def test_a_professional_of_another_coalition_cannot_be_added(cast):
    provider = make_provider(cast.coalition)
    response = logged_in_client(cast.coordinator).post(
        reverse("socialmap:map_editors", args=[provider.pk]),
        {"professional": cast.other_coalition_professional.pk},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["professional"] == [
        "Kies een professional die in deze coalitie werkt."
    ]
    assert not MapEditor.objects.exists()


def test_removal_asks_for_confirmation_first(cast):
    provider = make_provider(cast.coalition)
    editor = delegate(provider, cast.outsider, by=cast.coordinator)
    client = logged_in_client(cast.coordinator)
    url = reverse("socialmap:map_editor_remove", args=[provider.pk, editor.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Weet je zeker dat" in confirm.content.decode()
    assert MapEditor.objects.exists()

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("socialmap:map_editors", args=[provider.pk])
    assert not MapEditor.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(editor.pk)).exists()
    edit = reverse("socialmap:map_provider_edit", args=[provider.pk])
    assert logged_in_client(cast.outsider).get(edit).status_code == 403


def test_an_editor_of_another_provider_is_not_found_under_this_one(cast):
    provider = make_provider(cast.coalition)
    other = make_provider(cast.coalition, name="GGD")
    editor = delegate(other, cast.outsider, by=cast.coordinator)
    response = logged_in_client(cast.coordinator).post(
        reverse("socialmap:map_editor_remove", args=[provider.pk, editor.pk])
    )
    assert response.status_code == 404
    assert MapEditor.objects.exists()
