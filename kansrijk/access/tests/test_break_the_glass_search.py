"""Asking for emergency access by a family's reference (dossiernummer)."""

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.testing.actors import logged_in_client

URL = reverse("access:break_the_glass_search")
EXPLANATION = "Cliënt belt met bloedverlies, zorgteam niet bereikbaar."


def _data(reference, **extra):
    return {"reference": reference, "reason": "acute_care", "explanation": EXPLANATION, **extra}


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("case_director", 200),
        ("care_team_member", 200),
        ("outsider", 200),
        # A professional in their own coalition; they would find only its families.
        ("other_coalition_professional", 200),
        ("coordinator", 403),
        ("analyst", 403),
        ("administrator", 403),
    ],
)
def test_only_professionals_get_the_form(cast, actor, status):
    assert logged_in_client(getattr(cast, actor)).get(URL).status_code == status


def test_anonymous_is_sent_to_the_login(db):
    assert Client().get(URL)["Location"].startswith("/inloggen/?next=")


def test_an_outsider_breaks_the_glass_by_reference(cast, cast_family):
    response = logged_in_client(cast.outsider).post(URL, _data(cast_family.reference.lower()))
    assert response.status_code == 302
    assert response["Location"] == f"/gezinnen/{cast_family.pk}/"
    assert BreakTheGlass.objects.get().family == cast_family


def test_without_a_valid_reason_the_answer_does_not_depend_on_existence(cast, cast_family):
    client = logged_in_client(cast.outsider)
    existing = client.post(URL, _data(cast_family.reference, explanation="kort"))
    unknown = client.post(URL, _data("KS-BESTAATNIET", explanation="kort"))
    for response in (existing, unknown):
        assert response.status_code == 200
        page = response.content.decode()
        assert "minstens 10 tekens" in page
        assert "Er is geen gezin" not in page
    assert not BreakTheGlass.objects.exists()
    assert not AccessEvent.objects.filter(user=cast.outsider).exists()


def test_an_unknown_reference_is_reported_and_logged_after_a_reason(cast, cast_family):
    response = logged_in_client(cast.outsider).post(URL, _data("KS-BESTAATNIET"))
    assert response.status_code == 200
    assert "Er is geen gezin met dit dossiernummer" in response.content.decode()
    event = AccessEvent.objects.get(user=cast.outsider)
    assert event.action == AccessEvent.Action.SEARCH
    assert event.family is None
    assert not event.authorisation
    assert "KS-BESTAATNIET" in event.detail
    assert not BreakTheGlass.objects.exists()


def test_a_family_of_another_coalition_is_not_found(cast, cast_family):
    response = logged_in_client(cast.other_coalition_professional).post(
        URL, _data(cast_family.reference)
    )
    assert "Er is geen gezin met dit dossiernummer" in response.content.decode()
    assert not BreakTheGlass.objects.exists()


def test_the_care_team_is_sent_to_the_file_without_emergency_access(cast, cast_family):
    response = logged_in_client(cast.care_team_member).post(URL, _data(cast_family.reference))
    assert response.status_code == 302
    assert response["Location"] == f"/gezinnen/{cast_family.pk}/"
    assert not BreakTheGlass.objects.exists()


def test_the_reference_is_required(cast):
    response = logged_in_client(cast.outsider).post(URL, _data(""))
    assert "Vul het dossiernummer van het gezin in." in response.content.decode()
