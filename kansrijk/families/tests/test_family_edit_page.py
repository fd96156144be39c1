"""Editing a family: saved with a new version, and a stale version gets the conflict page."""

import pytest
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Family, FamilyVersion
from kansrijk.families.services import family_update
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def edit_data(family, **overrides) -> dict:
    data = {
        "municipality": family.municipality_id,
        "postcode": family.postcode,
        "main_language": family.main_language,
        "health_insurer": "",
        "insurance_kind": family.insurance_kind,
        "strengths": family.strengths,
        "version": family.version,
    }
    data.update(overrides)
    return data


def test_the_form_carries_the_version_it_was_based_on(cast, cast_family):
    response = logged_in_client(cast.care_team_member).get(
        reverse("families:edit", args=[cast_family.pk])
    )
    assert response.status_code == 200
    assert '<input type="hidden" name="version" value="1"' in response.content.decode()


def test_an_edit_is_saved_as_a_new_version_and_logged(cast, cast_family):
    client = logged_in_client(cast.care_team_member)
    response = client.post(
        reverse("families:edit", args=[cast_family.pk]),
        edit_data(cast_family, postcode="4321 ba", low_income="on"),
    )
    assert response.status_code == 302
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.postcode, family.low_income, family.version) == ("4321 BA", True, 2)
    assert FamilyVersion.objects.get(family=family, version=1).snapshot["postcode"] == "1234 AB"
    event = AccessEvent.objects.order_by("-pk").first()
    assert (event.action, event.user) == ("U", cast.care_team_member)
    assert "De gezinsgegevens zijn opgeslagen." in client.get(response["Location"]).content.decode()


def test_bad_input_is_shown_next_to_the_field_with_the_input_kept(cast, cast_family):
    response = logged_in_client(cast.case_director).post(
        reverse("families:edit", args=[cast_family.pk]),
        edit_data(cast_family, postcode="99", strengths="Nieuwe tekst"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul een Nederlandse postcode in" in page
    assert "Nieuwe tekst" in page
    assert Family.objects.get(pk=cast_family.pk).version == 1


def test_a_stale_version_gets_a_conflict_page_with_both_versions(cast, cast_family):
    # The care-team member saves first ...
    family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"strengths": "Vader is betrokken."},
    )
    # ... then the case director submits a form loaded at version 1.
    response = logged_in_client(cast.case_director).post(
        reverse("families:edit", args=[cast_family.pk]),
        edit_data(cast_family, strengths="Oma woont om de hoek.", version=1),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit gezin intussen gewijzigd" in page
    assert "Vader is betrokken." in page  # the stored version
    assert "Oma woont om de hoek." in page  # the submitted one, kept in the form
    assert "Verschilt" in page
    # Nothing was overwritten.
    family = Family.objects.get(pk=cast_family.pk)
    assert (family.strengths, family.version) == ("Vader is betrokken.", 2)
    # The form now carries the current version, so saving again is a conscious choice.
    assert '<input type="hidden" name="version" value="2"' in page


def test_saving_again_from_the_conflict_page_keeps_both_in_the_history(cast, cast_family):
    family_update(
        actor=cast.care_team_member,
        family_pk=cast_family.pk,
        expected_version=1,
        data={"strengths": "Vader is betrokken."},
    )
    client = logged_in_client(cast.case_director)
    client.post(
        reverse("families:edit", args=[cast_family.pk]),
        edit_data(cast_family, strengths="Oma helpt.", version=1),
    )
    response = client.post(
        reverse("families:edit", args=[cast_family.pk]),
        edit_data(cast_family, strengths="Oma helpt.", version=2),
    )
    assert response.status_code == 302
    strengths = list(
        FamilyVersion.objects.filter(family=cast_family)
        .order_by("version")
        .values_list("snapshot__strengths", flat=True)
    )
    assert strengths == ["Moeder heeft een steunend netwerk.", "Vader is betrokken.", "Oma helpt."]


def test_a_closed_file_is_not_edited(cast, cast_family):
    from kansrijk.families.services import family_close

    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    response = logged_in_client(cast.case_director).get(
        reverse("families:edit", args=[cast_family.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("families:detail", args=[cast_family.pk])


def test_someone_off_the_care_team_cannot_post_an_edit(cast, cast_family):
    response = logged_in_client(cast.outsider).post(
        reverse("families:edit", args=[cast_family.pk]), edit_data(cast_family, postcode="4321 BA")
    )
    assert response.status_code == 404
    assert Family.objects.get(pk=cast_family.pk).postcode == "1234 AB"
