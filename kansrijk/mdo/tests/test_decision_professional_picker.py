"""The MDO decision form names a professional by typing (part of) the name (the professional
picker, kansrijk/organisations/forms_picker.py): the item page lists no professionals, an
ambiguous name comes back with just the matches to choose from, and someone of another
coalition is not found."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.mdo.models import DecisionKind
from kansrijk.testing.actors import logged_in_client

from .meeting_fixtures import (
    mdo_registrations,  # noqa: F401  (autouse)
    setup_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    return setup_meeting(cast)


def _task(client, held, **fields):
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    url = reverse("mdo:decision_add", args=[held.meeting.pk, held.named_item.pk])
    return client.post(
        url, {"kind": DecisionKind.TASK, "text": "Huisbezoek", "due_date": due, **fields}
    )


def test_the_item_page_lists_no_professionals(cast, held):
    client = logged_in_client(held.chair)
    response = client.get(reverse("mdo:item", args=[held.meeting.pk, held.named_item.pk]))
    html = response.content.decode()
    assert 'data-professional-picker="/professionals/zoeken/"' in html
    assert "Buitenstaander Testpersoon" not in html


def test_an_ambiguous_name_is_narrowed_and_then_chosen(cast, held):
    client = logged_in_client(held.chair)
    response = _task(client, held, professional="Testpersoon")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er zijn meer professionals met deze naam: kies er een." in html
    assert "Huisbezoek" in html
    chosen = cast.care_team_member.memberships.get()
    assert f'<option value="{chosen.pk}">' in html
    response = _task(client, held, professional="Testpersoon", professional_keuze=chosen.pk)
    assert response.status_code == 302
    assert held.named_item.decisions.get().task.owner == cast.care_team_member


def test_a_professional_of_another_coalition_is_not_found(cast, held):
    client = logged_in_client(held.chair)
    response = _task(client, held, professional="anderecoalitie")
    assert response.status_code == 400
    assert "Er is geen professional met deze naam in de coalitie." in response.content.decode()
    assert not held.named_item.decisions.exists()
