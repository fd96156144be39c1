"""Coordinators review every emergency access of their coalition."""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.access.services import break_the_glass_open
from kansrijk.core.models import AuditEvent
from kansrijk.families.services import family_create
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory
from kansrijk.testing.families import FAMILY_DATA

LIST = reverse("access:break_the_glass_review")
EXPLANATION = "Cliënt belt met bloedverlies, zorgteam niet bereikbaar."


def _mark_url(glass) -> str:
    return reverse("access:break_the_glass_review_mark", args=[glass.pk])


@pytest.fixture
def glass(cast, cast_family):
    return break_the_glass_open(
        user=cast.outsider, family_pk=cast_family.pk, reason="acute_care", explanation=EXPLANATION
    )


ACTORS = [
    "case_director",
    "care_team_member",
    "outsider",
    "other_coalition_professional",
    "analyst",
    "administrator",
]


@pytest.mark.parametrize("actor", ACTORS)
def test_only_coordinators_see_the_list_and_review(cast, glass, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(LIST).status_code == 403
    assert client.post(_mark_url(glass), {"note": "ok"}).status_code == 403
    glass.refresh_from_db()
    assert glass.reviewed_at is None


def test_anonymous_is_sent_to_the_login(glass):
    assert Client().get(LIST)["Location"].startswith("/inloggen/?next=")
    assert Client().post(_mark_url(glass))["Location"].startswith("/inloggen/?next=")


def test_the_coordinator_sees_what_to_review_and_that_is_logged(cast, cast_family, glass):
    page = logged_in_client(cast.coordinator).get(LIST).content.decode()
    assert cast_family.reference in page
    assert "buitenstaander" in page
    assert "Acute zorgsituatie" in page
    assert EXPLANATION in page
    assert "nog actief" in page
    event = AccessEvent.objects.filter(user=cast.coordinator).get()
    assert event.action == AccessEvent.Action.SEARCH
    assert event.family is None


def test_reviewing_records_who_when_and_the_note(cast, glass):
    client = logged_in_client(cast.coordinator)
    response = client.post(_mark_url(glass), {"note": "Terecht: acute situatie."})
    assert response.status_code == 302
    assert response["Location"] == LIST
    glass.refresh_from_db()
    assert glass.reviewed_by == cast.coordinator
    assert glass.reviewed_at is not None
    assert glass.review_note == "Terecht: acute situatie."
    assert AuditEvent.objects.filter(action="update", object_id=str(glass.pk)).exists()

    assert "Er zijn geen noodtoegangen meer te beoordelen." in client.get(LIST).content.decode()
    reviewed = client.get(LIST, {"status": "beoordeeld"}).content.decode()
    assert "Terecht: acute situatie." in reviewed
    assert "door coordinator" in reviewed


def test_a_second_review_does_not_overwrite_the_first(cast, glass):
    client = logged_in_client(cast.coordinator)
    client.post(_mark_url(glass), {"note": "Eerste"})
    response = client.post(_mark_url(glass), {"note": "Tweede"}, follow=True)
    assert "Deze noodtoegang is al beoordeeld." in response.content.decode()
    glass.refresh_from_db()
    assert glass.review_note == "Eerste"


def test_a_too_long_note_keeps_the_input_with_a_message(cast, glass):
    note = "x" * 2001
    response = logged_in_client(cast.coordinator).post(_mark_url(glass), {"note": note})
    assert response.status_code == 400
    page = response.content.decode()
    assert "De beoordeling mag hoogstens 2000 tekens zijn." in page
    assert note in page
    glass.refresh_from_db()
    assert glass.reviewed_at is None


def test_another_coalitions_emergency_access_is_not_found(cast, glass):
    other_family = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data=FAMILY_DATA,
    )
    colleague = ProfessionalFactory(username="collega")
    MembershipFactory(professional=colleague, coalition=cast.other_coalition)
    other_glass = break_the_glass_open(
        user=colleague, family_pk=other_family.pk, reason="acute_care", explanation=EXPLANATION
    )
    client = logged_in_client(cast.coordinator)
    assert client.post(_mark_url(other_glass), {"note": "ok"}).status_code == 404
    assert other_family.reference not in client.get(LIST, {"status": "alle"}).content.decode()
    assert BreakTheGlass.objects.get(pk=other_glass.pk).reviewed_at is None


def test_the_menu_shows_the_access_log_to_coordinators_only(cast):
    page = logged_in_client(cast.coordinator).get("/").content.decode()
    assert f'href="{reverse("access:log_search")}"' in page
    page = logged_in_client(cast.outsider).get("/").content.decode()
    assert f'href="{reverse("access:log_search")}"' not in page
    assert f'href="{reverse("access:break_the_glass_search")}"' in page
