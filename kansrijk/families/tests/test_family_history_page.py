"""The change history lists every version with who, when and what changed."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.services import family_close, family_update
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_the_history_shows_who_changed_what(cast, cast_family):
    family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"postcode": "4321 BA", "insurance_kind": "onverzekerd"},
    )
    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=2, reason="Verhuisd"
    )
    response = logged_in_client(cast.care_team_member).get(
        reverse("families:history", args=[cast_family.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 versies" in page
    assert "Postcode: 1234 AB → 4321 BA" in page
    assert "Soort verzekering: Basisverzekering → Onverzekerd" in page
    assert "Status: Open → Gesloten" in page
    assert "Reden van sluiten: — → Verhuisd" in page
    assert "Dossier aangemaakt" in page
    assert "Teamlid" in page
    assert "Regisseur" in page
    event = AccessEvent.objects.order_by("-pk").first()
    assert (event.action, event.family_id) == ("R", cast_family.pk)
