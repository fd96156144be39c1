"""Coordinators review the emergency accesses of their coalition through the API: the list
(reading it is logged, the explanations can hold family data) and marking one reviewed,
once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kansrijk.access.models import AccessEvent, BreakTheGlass
from kansrijk.access.services import break_the_glass_open, break_the_glass_review
from kansrijk.core.models import AuditEvent
from kansrijk.families.services import family_create
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory
from kansrijk.testing.families import FAMILY_DATA, make_family

pytestmark = pytest.mark.django_db
LIST = "/api/v1/break-the-glass/"
EXPLANATION = "Cliënt belt met bloedverlies, zorgteam niet bereikbaar."


def _review_url(glass) -> str:
    return f"/api/v1/break-the-glass/{glass.pk}/review/"


def _open(user, family):
    return break_the_glass_open(
        user=user, family_pk=family.pk, reason="acute_care", explanation=EXPLANATION
    )


@pytest.fixture
def glass(cast, cast_family):
    return _open(cast.outsider, cast_family)


def _other_coalitions_glass(cast):
    other = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data=FAMILY_DATA,
    )
    colleague = ProfessionalFactory(username="collega")
    MembershipFactory(
        professional=colleague,
        coalition=cast.other_coalition,
        organisation=cast.other_coalition_professional.memberships.get().organisation,
    )
    return _open(colleague, other)


def test_the_list_shows_the_coalitions_accesses_still_to_review(cast, glass):
    other = _other_coalitions_glass(cast)

    response = logged_in_client(cast.coordinator).get(LIST)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == glass.pk
    assert row["id"] != other.pk
    assert (row["professional"], row["reference"]) == ("buitenstaander", glass.family.reference)
    assert (row["reason_display"], row["explanation"]) == ("Acute zorgsituatie", EXPLANATION)
    assert row["active"] is True
    read = AccessEvent.objects.get(user=cast.coordinator)
    assert (read.action, read.detail) == ("S", "Noodtoegangen ter beoordeling bekeken")


def test_the_status_filter_shows_reviewed_or_all(cast, glass, cast_family):
    second = _open(cast.outsider, make_family(cast))
    break_the_glass_review(
        reviewer=cast.coordinator, coalition=cast.coalition, glass_pk=glass.pk, note=""
    )
    client = logged_in_client(cast.coordinator)

    def ids(status):
        return {row["id"] for row in client.get(LIST, {"status": status}).json()["results"]}

    assert ids("open") == {second.pk}
    assert ids("reviewed") == {glass.pk}
    assert ids("all") == {glass.pk, second.pk}


def test_an_unknown_status_is_refused_in_dutch(cast, glass):
    response = logged_in_client(cast.coordinator).get(LIST, {"status": "alles"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["Kies wat je wilt zien uit de lijst."]}
    assert not AccessEvent.objects.filter(user=cast.coordinator).exists()


def test_a_coordinator_marks_an_access_reviewed_once(cast, glass):
    client = logged_in_client(cast.coordinator)

    response = client.post(
        _review_url(glass), {"note": "Terecht gebruikt."}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["reviewed_by"], body["review_note"]) == ("coordinator", "Terecht gebruikt.")
    glass.refresh_from_db()
    assert (glass.reviewed_by, glass.review_note) == (cast.coordinator, "Terecht gebruikt.")
    assert AuditEvent.objects.filter(
        summary="Noodtoegang van buitenstaander beoordeeld door coordinator"
    ).exists()

    again = client.post(_review_url(glass), {}, content_type="application/json")

    assert again.status_code == 400
    assert again.json()["errors"] == {"non_field_errors": ["Deze noodtoegang is al beoordeeld."]}
    glass.refresh_from_db()
    assert glass.review_note == "Terecht gebruikt."


def test_the_note_is_optional(cast, glass):
    response = logged_in_client(cast.coordinator).post(
        _review_url(glass), {"note": None}, content_type="application/json"
    )

    assert response.status_code == 200
    glass.refresh_from_db()
    assert glass.reviewed_at is not None
    assert glass.review_note == ""


def test_a_too_long_note_is_refused_and_nothing_changes(cast, glass):
    response = logged_in_client(cast.coordinator).post(
        _review_url(glass), {"note": "x" * 2001}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"note": ["De beoordeling mag hoogstens 2000 tekens zijn."]}
    glass.refresh_from_db()
    assert glass.reviewed_at is None


def test_another_coalitions_access_is_not_found(cast, glass):
    other = _other_coalitions_glass(cast)

    response = logged_in_client(cast.coordinator).post(
        _review_url(other), {}, content_type="application/json"
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.reviewed_at is None


@pytest.mark.parametrize(
    "actor",
    [
        "case_director",
        "care_team_member",
        "outsider",
        "other_coalition_professional",
        "analyst",
        "administrator",
    ],
)
def test_only_coordinators_review(cast, glass, actor):
    client = logged_in_client(getattr(cast, actor))

    assert client.get(LIST).status_code == 403
    response = client.post(_review_url(glass), {}, content_type="application/json")
    assert response.status_code == 403
    glass.refresh_from_db()
    assert glass.reviewed_at is None


def test_anonymous_gets_401(glass):
    assert Client().get(LIST).status_code == 401
    assert Client().post(_review_url(glass)).status_code == 401


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, {"status": "all"}).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_one_access_or_many(cast, glass):
    # The session and the professional, the coordinated coalitions and the coalition, the
    # count and one page of accesses with the professional, family and reviewer joined,
    # and the reading's own access event.
    client = logged_in_client(cast.coordinator)
    client.get(LIST)
    one = _queries(client)
    for _ in range(3):
        reviewed = _open(cast.outsider, make_family(cast))
        break_the_glass_review(
            reviewer=cast.coordinator, coalition=cast.coalition, glass_pk=reviewed.pk, note="Ok"
        )
    assert BreakTheGlass.objects.count() == 4
    assert _queries(client) == one
