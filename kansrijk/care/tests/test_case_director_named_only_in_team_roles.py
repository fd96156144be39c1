"""A file opened before casusregie was recorded says who the team calls its case director."""

import pytest
from django.urls import reverse

from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def test_the_file_names_the_case_director_of_the_team_roles_until_it_is_recorded(cast, cast_family):
    content = (
        logged_in_client(cast.care_team_member)
        .get(reverse("families:detail", args=[cast_family.pk]))
        .content.decode()
    )
    assert "Geen casusregisseur" in content
    assert "Volgens de rollen in het zorgteam: Regisseur Testpersoon." in content
