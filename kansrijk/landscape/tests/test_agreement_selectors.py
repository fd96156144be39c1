"""`open_agreements` gives the klantroute the open and in-progress agreements of one target
group, grouped by (phase, need), in one query; with a municipality only those about it or
about every municipality."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kansrijk.landscape.selectors_agreements import open_agreements
from kansrijk.organisations.models import Municipality
from kansrijk.testing.factories import MunicipalityFactory
from kansrijk.testing.landscape import make_agreement

pytestmark = pytest.mark.django_db


def test_open_agreements_are_grouped_by_phase_and_need_in_one_query(cast):
    here = Municipality.objects.get(coalition=cast.coalition)
    there = MunicipalityFactory(coalition=cast.coalition, cbs_code="GM9509", name="Derdedorp")
    soon = date.today() + timedelta(days=5)
    first = make_agreement(cast.coalition, what="Overal", due_date=soon)
    second = make_agreement(cast.coalition, what="Hier", municipality=here)
    busy = make_agreement(
        cast.coalition, what="Bezig", phase="pregnancy", need="finances", status="in_progress"
    )
    make_agreement(cast.coalition, what="Daar", municipality=there)
    make_agreement(cast.coalition, what="Klaar", status="done")
    make_agreement(cast.coalition, what="Vervallen", status="cancelled")
    make_agreement(cast.coalition, what="Andere groep", target_group="schulden")
    make_agreement(cast.other_coalition, what="Andere coalitie")

    with CaptureQueriesContext(connection) as captured:
        grouped = open_agreements(cast.coalition, "zwangeren_kwetsbaar", here)
        names = {key: [a.what for a in rows] for key, rows in grouped.items()}
        [a.municipality for rows in grouped.values() for a in rows]  # joined, no query
    assert len(captured) == 1
    assert names == {("gap", "parenting"): ["Overal", "Hier"], ("pregnancy", "finances"): ["Bezig"]}
    assert first.pk
    assert second.pk
    assert busy.pk

    everywhere = open_agreements(cast.coalition, "zwangeren_kwetsbaar")
    assert [a.what for a in everywhere[("gap", "parenting")]] == ["Overal", "Hier", "Daar"]
    assert open_agreements(cast.coalition.pk, "anderstalig") == {}
