"""The governance report (monitoring:report) lists the coalition's open agreements and the
ones finished lately, with what, who, due date, status, target group, phase, need and
municipality; old finished ones and another coalition's are left out."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kansrijk.landscape.models import Agreement
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.landscape import make_agreement

pytestmark = pytest.mark.django_db


def test_the_report_lists_open_and_recently_finished_agreements(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    make_agreement(
        cast.coalition,
        what="Extra huisbezoek tussen dag 8 en week 5",
        who="JGZ Eerstedorp",
        municipality=municipality,
        due_date=date(2031, 3, 1),
    )
    make_agreement(cast.coalition, what="Budgetmaatje zonder wachtlijst", status="done")
    old = make_agreement(cast.coalition, what="Lang geleden afgerond", status="done")
    Agreement.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=200))
    make_agreement(cast.other_coalition, what="Van een andere coalitie")

    response = logged_in_client(cast.analyst).get(reverse("monitoring:report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="report-agreements"' in html
    open_table = html.split('data-testid="report-agreements-open"')[1].split("</table>")[0]
    for text in (
        "Extra huisbezoek tussen dag 8 en week 5",
        "JGZ Eerstedorp",
        "1 maart 2031",
        "Open",
        "Zwangeren in een kwetsbare situatie",
        "Tussen kraamzorg en JGZ (dag 8 tot week 5)",
        "Opvoeding en hechting",
        municipality.name,
    ):
        assert text in open_table, text
    finished = html.split('data-testid="report-agreements-finished"')[1].split("</table>")[0]
    assert "Budgetmaatje zonder wachtlijst" in finished
    assert "Afgerond" in finished
    assert "Lang geleden afgerond" not in html
    assert "Van een andere coalitie" not in html


def test_without_agreements_the_report_has_no_such_section(cast):
    response = logged_in_client(cast.coordinator).get(reverse("monitoring:report"))
    assert response.status_code == 200
    assert 'data-testid="report-agreements"' not in response.content.decode()
