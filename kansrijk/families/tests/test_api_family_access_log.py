"""The access report of a family through the API: who looked at the file, when, how and on
what ground. For the family's care team only; opening it is itself logged."""

import pytest

from kansrijk.access.services import break_the_glass_start
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db


def _log(client, family):
    return client.get(f"/api/v1/families/{family.pk}/access-log/")


def test_the_care_team_sees_who_looked_and_on_what_ground(cast, cast_family):
    logged_in_client(cast.care_team_member).get(f"/api/v1/families/{cast_family.pk}/")
    response = _log(logged_in_client(cast.case_director), cast_family)
    assert response.status_code == 200
    data = response.json()
    newest, read = data["results"][:2]
    # Newest first: the opening of this report, then the care-team member's read.
    assert newest["user"] == "Regisseur Testpersoon (regisseur)"
    assert "Toegangslog" in newest["detail"]
    assert read["user"] == "Teamlid Testpersoon (teamlid)"
    assert read["action"] == "R"
    assert read["action_display"] == "ingezien"
    assert read["ground"] == "care_team"
    assert read["ground_display"] == "Lid van het zorgteam"
    assert read["organisation"] == "JGZ Eerstedorp"
    assert read["discipline"] == "Jeugdverpleegkundige"
    assert read["authorisation"] is True
    assert read["emergency"] is False
    assert "T" in read["timestamp"]
    assert data["count"] == len(data["results"])
    # Creating the file and adding the member are in it too.
    assert {"C", "U"} <= {row["action"] for row in data["results"]}


def test_refused_attempts_show_in_the_report(cast, cast_family):
    logged_in_client(cast.outsider).get(f"/api/v1/families/{cast_family.pk}/")
    rows = _log(logged_in_client(cast.case_director), cast_family).json()["results"]
    refused = [r for r in rows if not r["authorisation"]]
    assert [r["user"] for r in refused] == ["Buitenstaander Testpersoon (buitenstaander)"]


def test_the_report_is_paginated(cast, cast_family, monkeypatch):
    # DRF reads PAGE_SIZE once, at import; the project's pagination class is patched instead.
    monkeypatch.setattr("rest_framework.pagination.PageNumberPagination.page_size", 2)
    client = logged_in_client(cast.case_director)
    first = _log(client, cast_family).json()
    assert len(first["results"]) == 2
    assert first["next"]
    # Opening page 2 is logged too (one more event on top), so the pages shift by one.
    second = client.get(first["next"]).json()
    assert second["previous"]
    assert second["count"] == first["count"] + 1


def test_break_the_glass_opens_the_file_but_not_the_report(cast, cast_family):
    break_the_glass_start(
        user=cast.outsider,
        family_pk=cast_family.pk,
        reason="acute_care",
        explanation="Cliënte ligt op de SEH, zorgteam onbereikbaar.",
    )
    client = logged_in_client(cast.outsider)
    assert client.get(f"/api/v1/families/{cast_family.pk}/").status_code == 200
    response = _log(client, cast_family)
    assert response.status_code == 404
    assert response.json()["detail"] == "Niet gevonden of geen toegang."
