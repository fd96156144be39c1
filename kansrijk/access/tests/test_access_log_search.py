"""The coordinators' search through the coalition's access log."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import get_family_for_user
from kansrijk.access.services import break_the_glass_open
from kansrijk.families.services import family_create
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import FAMILY_DATA, make_family

URL = reverse("access:log_search")
ROW = '<td class="utrecht-table__cell"><time'


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("coordinator", 200),
        ("case_director", 403),
        ("care_team_member", 403),
        ("outsider", 403),
        ("other_coalition_professional", 403),
        ("analyst", 403),
        ("administrator", 403),
    ],
)
def test_only_coordinators_search_the_log(cast, cast_family, actor, status):
    assert logged_in_client(getattr(cast, actor)).get(URL).status_code == status


def test_anonymous_is_sent_to_the_login(db):
    assert Client().get(URL)["Location"].startswith("/inloggen/?next=")


def test_each_search_is_logged(cast, cast_family):
    client = logged_in_client(cast.coordinator)
    client.get(URL, {"gebruiker": "regisseur", "handeling": "R"})
    event = AccessEvent.objects.filter(user=cast.coordinator).get()
    assert event.action == AccessEvent.Action.SEARCH
    assert event.family is None
    assert event.coalition == cast.coalition
    assert "gebruiker=regisseur" in event.detail
    assert "handeling=R" in event.detail
    assert event.organisation == "Gemeente Eerstedorp"


def test_only_events_of_the_coalitions_families_are_shown(cast, cast_family):
    other = family_create(
        actor=cast.other_coalition_professional,
        municipality=cast.other_coalition.municipalities.get(),
        data=FAMILY_DATA,
    )
    page = logged_in_client(cast.coordinator).get(URL).content.decode()
    assert cast_family.reference in page
    assert other.reference not in page


def _rows(client, **filters) -> str:
    response = client.get(URL, filters)
    assert response.status_code == 200
    return response.content.decode()


def test_filters_by_user_reference_ground_and_action(cast, cast_family):
    second = make_family(cast)
    get_family_for_user(cast.care_team_member, cast_family.pk, "R")
    break_the_glass_open(
        user=cast.outsider,
        family_pk=second.pk,
        reason="acute_care",
        explanation="Cliënt belt met bloedverlies, zorgteam niet bereikbaar.",
    )
    client = logged_in_client(cast.coordinator)

    page = _rows(client, gebruiker="BUITENSTAANDER")
    assert page.count(ROW) == 1
    assert second.reference in page

    page = _rows(client, dossiernummer=second.reference.lower())
    assert cast_family.reference not in page.split("<table")[1]

    page = _rows(client, grondslag="break_the_glass")
    assert page.count(ROW) == 1
    assert "Acute zorgsituatie" in page
    # Each line names its ground by the ground's label.
    assert "Noodtoegang (break-the-glass)" in page.split("<table")[1]
    assert "Lid van het zorgteam" in _rows(client, gebruiker="teamlid").split("<table")[1]

    page = _rows(client, handeling="R", gebruiker="teamlid")
    assert page.count(ROW) == 1

    page = _rows(client, gebruiker="niemand")
    assert "Geen gebeurtenissen gevonden" in page


def test_filters_by_period(cast, cast_family):
    client = logged_in_client(cast.coordinator)
    today = timezone.localdate()
    assert ROW in _rows(client, van=today.isoformat(), tot=today.isoformat())
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert ROW not in _rows(client, van=tomorrow)
    with time_machine.travel(timedelta(days=2)):
        client = logged_in_client(cast.coordinator)
        assert ROW not in _rows(client, tot=(today - timedelta(days=1)).isoformat())
        assert ROW in _rows(client, tot=today.isoformat())


@pytest.mark.parametrize(
    ("filters", "error"),
    [
        ({"van": "31-02-2030"}, "Vul een geldige datum in"),
        ({"van": "2030-03-10", "tot": "2030-03-01"}, "De einddatum van de periode ligt voor"),
        ({"grondslag": "nieuwsgierig"}, "Kies een grondslag uit de lijst."),
        ({"handeling": "X"}, "Kies een handeling uit de lijst."),
    ],
)
def test_invalid_filters_get_a_dutch_message_and_no_search(cast, cast_family, filters, error):
    page = _rows(logged_in_client(cast.coordinator), **filters)
    assert error in page
    assert ROW not in page
    assert not AccessEvent.objects.filter(user=cast.coordinator).exists()


def _bulk(family, user, count):
    now = timezone.now().replace(microsecond=0)
    AccessEvent.objects.bulk_create(
        AccessEvent(
            timestamp=now - timedelta(seconds=i),
            user=user,
            user_display="Teamlid",
            coalition_id=family.coalition_id,
            family=family,
            action="R",
            ground="care_team",
            authorisation=True,
            treatment_relationship=True,
            consent=True,
            emergency=False,
        )
        for i in range(count)
    )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_events(cast):
    client = logged_in_client(cast.coordinator)
    client.get(URL)  # the first request also refreshes the session
    families = [make_family(cast) for _ in range(3)]
    for family in families:
        _bulk(family, cast.care_team_member, 2)
    few = _queries(client)
    for family in families:
        _bulk(family, cast.care_team_member, 20)
    many = _queries(client)
    # The family is joined for its reference: a count and one page, whatever the rows.
    assert few == many


def test_the_results_are_paginated_by_fifty(cast, cast_family):
    _bulk(cast_family, cast.care_team_member, 70)
    client = logged_in_client(cast.coordinator)
    assert _rows(client).count(ROW) == 50
    assert "Pagina 2 van 2" in _rows(client, pagina=2)
