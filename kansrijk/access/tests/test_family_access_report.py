"""The access report of a family: "who looked at my file", for its care team."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import break_the_glass_open
from kansrijk.testing.actors import logged_in_client


def _url(family) -> str:
    return reverse("access:family_access_report", args=[family.pk])


@pytest.mark.parametrize("actor", ["case_director", "care_team_member"])
def test_the_care_team_opens_the_report_and_that_is_logged(cast, cast_family, actor):
    user = getattr(cast, actor)
    response = logged_in_client(user).get(_url(cast_family))
    assert response.status_code == 200
    assert 'data-testid="access-report"' in response.content.decode()
    event = AccessEvent.objects.filter(user=user).latest("id")
    assert event.family == cast_family
    assert event.action == AccessEvent.Action.READ
    assert event.ground == "care_team"
    assert event.detail == "Toegangsrapport ingezien"


@pytest.mark.parametrize(
    "actor",
    ["outsider", "other_coalition_professional", "coordinator", "analyst", "administrator"],
)
def test_everyone_else_gets_not_found(cast, cast_family, actor):
    client = logged_in_client(getattr(cast, actor))
    assert client.get(_url(cast_family)).status_code == 404
    assert client.get(reverse("access:family_access_report", args=[9999])).status_code == 404


def test_emergency_access_does_not_open_the_report(cast, cast_family):
    break_the_glass_open(
        user=cast.outsider,
        family_pk=cast_family.pk,
        reason="acute_care",
        explanation="Cliënt belt met bloedverlies, zorgteam niet bereikbaar.",
    )
    assert logged_in_client(cast.outsider).get(_url(cast_family)).status_code == 404


def test_anonymous_is_sent_to_the_login(cast_family):
    assert Client().get(_url(cast_family))["Location"].startswith("/inloggen/?next=")


def test_the_report_shows_who_when_what_and_on_what_ground(cast, cast_family):
    break_the_glass_open(
        user=cast.outsider,
        family_pk=cast_family.pk,
        reason="acute_care",
        explanation="Cliënt belt met bloedverlies, zorgteam niet bereikbaar.",
    )
    page = logged_in_client(cast.case_director).get(_url(cast_family)).content.decode()
    assert "Buitenstaander" in page
    assert "Verloskundigen Eerstedorp" in page
    assert "Verloskundige" in page
    assert "Noodtoegang (break-the-glass)" in page
    assert "Acute zorgsituatie: Cliënt belt met bloedverlies" in page
    assert "Noodtoegang gestart" in page
    assert "ingezien" in page
    assert "Lid van het zorgteam" in page  # the case director's own opening


def test_refused_attempts_show_as_refused(cast, cast_family):
    from django.http import Http404

    from kansrijk.access.policy import get_family_for_user

    with pytest.raises(Http404):
        get_family_for_user(cast.outsider, cast_family.pk, "R")
    page = logged_in_client(cast.case_director).get(_url(cast_family)).content.decode()
    assert "Geweigerd: geen grondslag" in page


def _events(family, user, count: int) -> None:
    now = timezone.now().replace(microsecond=0)
    AccessEvent.objects.bulk_create(
        AccessEvent(
            timestamp=now - timedelta(minutes=i),
            user=user,
            user_display=f"Collega {i}",
            organisation="JGZ Eerstedorp",
            discipline="Jeugdverpleegkundige",
            coalition_id=family.coalition_id,
            family=family,
            action=AccessEvent.Action.READ,
            ground="care_team",
            authorisation=True,
            treatment_relationship=True,
            consent=True,
            emergency=False,
        )
        for i in range(count)
    )


def _queries(client, family) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(family)).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_events(cast, cast_family):
    client = logged_in_client(cast.case_director)
    client.get(_url(cast_family))  # the first request also refreshes the session
    _events(cast_family, cast.care_team_member, 5)
    five = _queries(client, cast_family)
    _events(cast_family, cast.care_team_member, 45)
    fifty = _queries(client, cast_family)
    assert AccessEvent.objects.filter(family=cast_family).count() > 50
    # Session and user, the active coalition (2), the care-team check, the policy's
    # family lookup, decision and consent check, the logged event with its membership
    # lookup, the count and the page of events, the banner and the notification count;
    # none of them depends on the number of events.
    assert five == fifty
    assert fifty <= 16


def test_the_report_is_paginated_by_fifty(cast, cast_family):
    _events(cast_family, cast.care_team_member, 60)
    client = logged_in_client(cast.case_director)
    first = client.get(_url(cast_family)).content.decode()
    row = '<td class="utrecht-table__cell"><time'
    assert first.count(row) == 50
    assert "Pagina 1 van 2" in first
    second = client.get(_url(cast_family), {"pagina": 2}).content.decode()
    assert "Pagina 2 van 2" in second
    total = AccessEvent.objects.filter(family=cast_family).count()
    assert second.count(row) == total - 50


def test_the_report_reads_only_the_months_since_the_family_was_opened(cast, cast_family):
    # An event points at its family, so the app writes none before the family's file was
    # opened; the report's query is bounded there (with a day's margin), so that PostgreSQL
    # plans and reads only those monthly partitions. A row dated earlier is not read.
    opened = cast_family.created_at
    for days, detail in ((-40, "van vóór het dossier"), (-0.5, "bij het openen"), (2, "later")):
        AccessEvent.objects.bulk_create(
            [
                AccessEvent(
                    timestamp=opened + timedelta(days=days),
                    user=cast.care_team_member,
                    user_display="Collega",
                    coalition_id=cast_family.coalition_id,
                    family=cast_family,
                    action=AccessEvent.Action.READ,
                    detail=detail,
                    ground="care_team",
                    authorisation=True,
                    treatment_relationship=True,
                    consent=True,
                    emergency=False,
                )
            ]
        )
    page = logged_in_client(cast.case_director).get(_url(cast_family)).content.decode()
    assert "bij het openen" in page
    assert "later" in page
    assert "van vóór het dossier" not in page
