"""Closing and reopening a file from the page, with a confirmation and a reason."""

import pytest
from django.urls import reverse

from kansrijk.families.models import Family, FamilyStatus
from kansrijk.families.services import family_update
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_closing_asks_for_a_reason(cast, cast_family):
    client = logged_in_client(cast.case_director)
    url = reverse("families:close", args=[cast_family.pk])
    page = client.get(url).content.decode()
    assert "Ja, dossier sluiten" in page
    response = client.post(url, {"reason": "  ", "version": 1})
    assert response.status_code == 200
    assert "Vul in waarom het dossier wordt gesloten." in response.content.decode()
    assert Family.objects.get(pk=cast_family.pk).is_open


def test_close_and_reopen(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    response = client.post(
        reverse("families:close", args=[cast_family.pk]),
        {"reason": "Gezin is verhuisd naar Tweededorp", "version": 1},
    )
    assert response.status_code == 302
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.status, family.closed_reason) == (
        FamilyStatus.CLOSED,
        "Gezin is verhuisd naar Tweededorp",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Het dossier is gesloten." in page
    assert "Gezin is verhuisd naar Tweededorp" in page
    assert reverse("families:reopen", args=[cast_family.pk]) in page
    assert reverse("families:edit", args=[cast_family.pk]) not in page
    # Closing twice just says so.
    again = client.get(reverse("families:close", args=[cast_family.pk]))
    assert again.status_code == 302

    url = reverse("families:reopen", args=[cast_family.pk])
    assert "Ja, dossier heropenen" in client.get(url).content.decode()
    response = client.post(url, {"version": 2})
    assert response.status_code == 302
    assert Family.objects.get(pk=cast_family.pk).is_open
    assert "Het dossier is heropend." in client.get(response["Location"]).content.decode()


def test_closing_a_file_that_changed_meanwhile_asks_again(cast, cast_family):
    family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"low_income": True},
    )
    response = logged_in_client(cast.case_director).post(
        reverse("families:close", args=[cast_family.pk]), {"reason": "Verhuisd", "version": 1}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft het dossier intussen gewijzigd" in page
    assert "Verhuisd" in page
    assert '<input type="hidden" name="version" value="2"' in page
    assert Family.objects.get(pk=cast_family.pk).is_open


def test_someone_off_the_care_team_cannot_close(cast, cast_family):
    response = logged_in_client(cast.outsider).post(
        reverse("families:close", args=[cast_family.pk]), {"reason": "Weg", "version": 1}
    )
    assert response.status_code == 404
    assert Family.objects.get(pk=cast_family.pk).is_open
