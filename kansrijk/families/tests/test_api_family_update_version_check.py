"""Changing a family through the API: the same validation and version check as the pages.
A change based on an older version answers 409 with the stored and the submitted data, and
nothing is overwritten."""

import pytest

from kansrijk.families.models import Family, FamilyVersion
from kansrijk.families.services import family_close
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def _patch(client, family, data):
    return client.patch(f"/api/v1/families/{family.pk}/", data, content_type="application/json")


def test_a_change_on_the_current_version_goes_through_and_raises_the_version(cast, cast_family):
    response = _patch(
        logged_in_client(cast.care_team_member), cast_family, {"version": 1, "low_income": True}
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["low_income"] is True
    assert FamilyVersion.objects.filter(family=cast_family).count() == 2


def test_put_replaces_the_editable_fields(cast, cast_family):
    response = logged_in_client(cast.case_director).put(
        f"/api/v1/families/{cast_family.pk}/",
        {
            "version": 1,
            "municipality": cast_family.municipality_id,
            "postcode": "9999 zz",
            "main_language": "Arabisch",
            "interpreter_needed": True,
            "interpreter_language": "Arabisch",
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.postcode, family.interpreter_language, family.version) == (
        "9999 ZZ",
        "Arabisch",
        2,
    )


def test_put_needs_every_required_field(cast, cast_family):
    response = logged_in_client(cast.case_director).put(
        f"/api/v1/families/{cast_family.pk}/", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"municipality", "postcode"}


def test_a_stale_version_answers_409_with_both_versions(cast, cast_family):
    first = _patch(
        logged_in_client(cast.case_director), cast_family, {"version": 1, "postcode": "2345 BC"}
    )
    assert first.status_code == 200

    response = _patch(
        logged_in_client(cast.care_team_member),
        cast_family,
        {"version": 1, "postcode": "3456 CD", "low_income": True},
    )

    assert response.status_code == 409
    body = response.json()
    assert body["submitted_version"] == 1
    assert body["current_version"] == 2
    assert body["current"]["postcode"] == "2345 BC"
    assert body["current"]["low_income"] is False
    assert body["submitted"] == {"postcode": "3456 CD", "low_income": True}
    assert "versie is 2" in body["detail"]
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.postcode, family.low_income, family.version) == ("2345 BC", False, 2)


def test_a_change_without_a_version_is_refused(cast, cast_family):
    response = _patch(logged_in_client(cast.case_director), cast_family, {"low_income": True})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "version": ["Geef de versie mee waarop de wijziging is gebaseerd."]
    }
    assert Family.objects.get(pk=cast_family.pk).version == 1


def test_bad_input_gets_the_pages_dutch_message(cast, cast_family):
    response = _patch(
        logged_in_client(cast.case_director),
        cast_family,
        {"version": 1, "interpreter_needed": True},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "interpreter_language": ["Vul in voor welke taal een tolk nodig is."]
    }
    assert Family.objects.get(pk=cast_family.pk).version == 1


def test_a_closed_file_cannot_be_changed(cast, cast_family):
    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    response = _patch(
        logged_in_client(cast.case_director), cast_family, {"version": 2, "low_income": True}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Dit gezinsdossier is gesloten; heropen het eerst."]
    }


def test_moving_to_a_municipality_of_another_coalition_is_refused(cast, cast_family):
    other = cast.other_coalition.municipalities.get()
    response = _patch(
        logged_in_client(cast.case_director), cast_family, {"version": 1, "municipality": other.pk}
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["municipality"]
