"""The family file's sections all ask who holds the casusregie (the director shown, the
portal's invitations, inzage); the page reads it once, and each section keeps its own rule:
the invitations fall back on the care team's roles while casusregie was never recorded,
inzage does not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.care.services_handovers import case_director_set
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db


def _file(professional, family) -> tuple[str, int]:
    """The file page as `professional` sees it, and its queries on the casusregie."""
    client = logged_in_client(professional)
    url = reverse("families:detail", args=[family.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    reads = [q for q in queries.captured_queries if '"care_casedirector"' in q["sql"]]
    return response.content.decode(), len(reads)


def _links(family) -> tuple[str, str]:
    return (
        reverse("portal:invitations", args=[family.pk]),
        reverse("interop:inzage", args=[family.pk]),
    )


def test_the_recorded_case_director_decides_in_every_section(cast):
    # The care team's roles name the case director; the recorded casusregie names another.
    family = make_family(cast)
    case_director_set(
        actor=cast.case_director, family_pk=family.pk, professional=cast.care_team_member
    )
    invitations, inzage = _links(family)

    page, reads = _file(cast.care_team_member, family)
    assert invitations in page
    assert inzage in page
    assert reads == 1

    page, reads = _file(cast.case_director, family)
    assert invitations not in page
    assert inzage not in page
    assert reads == 1


def test_before_it_is_recorded_only_the_invitations_follow_the_team_roles(cast):
    family = make_family(cast)
    invitations, inzage = _links(family)

    page, reads = _file(cast.case_director, family)
    assert invitations in page
    assert inzage not in page
    assert "Geen casusregisseur" in page
    assert reads == 1

    page, reads = _file(cast.care_team_member, family)
    assert invitations not in page
    assert inzage not in page
    assert reads == 1
