"""The family file costs the same number of queries for every family: a bare file, one with
a screening and a route with open steps, and one that also has a recorded case director, a
running handover and a concern in its plan. A page whose cost depended on what a family holds would
measure differently at every scale (benchmark, issue 5).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.care import services_handovers, services_plan
from kansrijk.signaling.services import assessment_record
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db


def file_queries(client, family) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("families:detail", args=[family.pk]))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def screen(cast, family) -> None:
    assessment_record(
        actor=cast.case_director,
        family_pk=family.pk,
        instrument_key="professioneel-oordeel",
        answers={"niveau": "vulnerable", "reden": "Weinig steun in de omgeving."},
        route=3,
    )


def test_a_full_file_costs_as_many_queries_as_a_bare_one(cast):
    bare = make_family(cast)
    screened = make_family(cast)
    full = make_family(cast)
    director = cast.case_director
    screen(cast, screened)
    screen(cast, full)
    services_handovers.case_director_set(
        actor=director, family_pk=full.pk, professional=cast.care_team_member
    )
    services_handovers.handover_propose(
        actor=director,
        family_pk=full.pk,
        to_organisation=cast.outsider.memberships.get().organisation,
        summary="Graag kennismaken met moeder voor de bevalling.",
        due_date=timezone.localdate() + timedelta(days=7),
    )
    services_plan.concern_add(actor=director, family_pk=full.pk, text="Schulden")
    client = logged_in_client(director)
    client.get("/")

    bare_count, bare_page = file_queries(client, bare)
    screened_count, _page = file_queries(client, screened)
    full_count, full_page = file_queries(client, full)

    # The full file really shows what it holds, and the bare one names the roles' director.
    assert 'data-testid="case-director-name"' in full_page
    assert 'data-testid="open-handovers"' in full_page
    assert "Schulden" in full_page
    assert 'data-testid="case-director-none"' in bare_page
    assert "Volgens de rollen in het zorgteam" in bare_page
    assert full_count == screened_count == bare_count


def test_the_headers_query_goes_with_the_files_own_reads(cast, monkeypatch):
    # The header's unread notifications are asked in the round trip of the household, care
    # team and consents, not in one of their own while the page renders.
    from contextlib import contextmanager

    from kansrijk.core import together
    from kansrijk.core.models import Notification

    family = make_family(cast)
    Notification.objects.create(recipient=cast.case_director, text="Nieuwe overdracht")
    blocks = []
    reading = together.reading_together

    @contextmanager
    def counted(using="default"):
        blocks.append(len(blocks))
        with reading(using):
            yield

    monkeypatch.setattr(together, "reading_together", counted)
    queries = []

    def record(execute, sql, params, many, context):
        queries.append((blocks[-1] if blocks else None, sql))
        return execute(sql, params, many, context)

    client = logged_in_client(cast.case_director)
    with connection.execute_wrapper(record):
        response = client.get(reverse("families:detail", args=[family.pk]))

    assert response.status_code == 200
    assert "Meldingen (1" in response.content.decode()
    (header_block,) = [block for block, sql in queries if "core_notification" in sql]
    (persons_block,) = [block for block, sql in queries if 'FROM "families_person"' in sql]
    assert header_block is not None
    assert header_block == persons_block
