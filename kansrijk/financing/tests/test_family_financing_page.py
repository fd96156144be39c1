"""The family's financing page and its section on the family file: what is planned or
referred, who pays, the family's own costs, where a minima family can get them back, the
year's figures (or the latest earlier ones, said so), the interpreter and the empty states.

The cast's family has the case director's midwifery practice and the care-team member's JGZ
on its care team. Time stands still on 15 June 2026.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Family
from kansrijk.financing import selectors_family
from kansrijk.organisations.models import Organisation
from kansrijk.socialmap.models import ReferralStatus
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_compensation, make_exception, make_rule
from kansrijk.testing.financing_family import make_calculation, make_usual_rules
from kansrijk.testing.socialmap import make_service
from kansrijk.testing.socialmap_referrals import (
    family_member,
    make_receiving_side,
    referral_in_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def june_2026():
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def minima_family(cast, cast_family) -> Family:
    Family.objects.filter(pk=cast_family.pk).update(
        low_income=True, health_insurer="Zorgverzekeraar Noord", insurance_kind="basis"
    )
    make_usual_rules(cast.coalition, 2026)
    make_compensation(
        cast.coalition,
        cast_family.municipality,
        name="Bijzondere bijstand Eerstedorp",
        how_to_apply="Bij het Werkplein, met de rekening van de kraamzorg.",
    )
    make_calculation(cast_family, cast.case_director, year=2026, chosen_hours=49)
    return Family.objects.get(pk=cast_family.pk)


def page(client, family, **params):
    return client.get(reverse("financing:family", args=[family.pk]), params)


def test_a_care_team_member_sees_who_pays_for_everything(cast, minima_family):
    client = logged_in_client(cast.care_team_member)

    response = page(client, minima_family)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="financing-item"') == 3
    assert "Verloskundigen Eerstedorp" in html
    assert "JGZ Eerstedorp" in html
    assert "Kraamzorg" in html
    assert "€ 4,20 per uur" in html
    assert "49 uur kraamzorg" in html
    assert (
        "De zorgverzekeraar betaalt dit uit het basispakket. Hiervoor is een indicatie nodig. "
        "U betaalt zelf € 4,20 per uur: voor 49 uur is dat € 205,80. Met een laag inkomen kunt u "
        "dit terugvragen via Bijzondere bijstand Eerstedorp."
    ) in html
    assert "Bij het Werkplein, met de rekening van de kraamzorg." in html
    assert "€ 205,80 aan eigen bijdragen" in html
    assert "Bedragen van 2026." in html
    assert 'aria-current="page">Financiering</a>' in html
    event = AccessEvent.objects.filter(family=minima_family).latest("id")
    assert event.action == AccessEvent.Action.READ
    assert event.detail == "Financiering ingezien"


def test_without_this_years_figures_the_latest_earlier_ones_say_their_year(cast, cast_family):
    make_rule(cast.coalition, "jgz", 2020, law="wpg", payer="municipality")
    client = logged_in_client(cast.case_director)

    html = page(client, cast_family).content.decode()

    assert "Bedragen van 2020: voor 2026 zijn nog geen cijfers ingevoerd." in html
    assert "De gemeente betaalt dit (Wet publieke gezondheid)." in html


def test_another_year_can_be_asked_and_a_bad_one_is_this_year(cast, cast_family):
    make_rule(cast.coalition, "jgz", 2027, law="wpg", payer="municipality")
    client = logged_in_client(cast.case_director)

    asked = page(client, cast_family, jaar="2027").content.decode()
    bad = page(client, cast_family, jaar="twintig").content.decode()

    assert "Wie betaalt wat in 2027" in asked
    assert "Bedragen van 2027." in asked
    assert "Wie betaalt wat in 2026" in bad
    assert "Voor 2026 zijn nog geen bedragen ingevoerd." in bad


def test_without_any_rule_it_says_not_known(cast, cast_family):
    html = page(logged_in_client(cast.case_director), cast_family).content.decode()

    assert "Voor 2026 zijn nog geen bedragen ingevoerd." in html
    assert html.count("Niet bekend: vraag het na bij de aanbieder.") >= 2


def test_a_family_with_nothing_planned_gets_the_empty_state(cast, cast_family):
    Organisation.objects.filter(coalitions=cast.coalition).update(kind="anders")

    html = page(logged_in_client(cast.case_director), cast_family).content.decode()

    assert 'data-testid="financing-empty"' in html
    assert 'data-testid="financing-items"' not in html


def test_referrals_count_unless_declined_or_withdrawn(cast, cast_family):
    make_usual_rules(cast.coalition, 2026)
    family_member(cast_family)
    side = make_receiving_side(cast, service_name="Schuldhulp Buurtteam")
    for status, name in [
        (ReferralStatus.SENT, "Opvoedsteun"),
        (ReferralStatus.DECLINED, "Afgewezen hulp"),
        (ReferralStatus.WITHDRAWN, "Ingetrokken hulp"),
        (ReferralStatus.COMPLETED, "Afgeronde hulp"),
    ]:
        side.service = make_service(
            side.service.organization, name=name, terms={"care_kinds": ["jeugdhulp"]}
        )
        referral_in_status(cast, cast_family, side, status)

    financing = selectors_family.family_financing(cast_family, year=2026)

    names = [row.item.what for row in financing.items]
    assert "Opvoedsteun" in names
    assert "Afgeronde hulp" in names
    assert "Afgewezen hulp" not in names
    assert "Ingetrokken hulp" not in names
    opvoedsteun = next(row for row in financing.items if row.item.what == "Opvoedsteun")
    # No rule for youth help: the service's own map terms have no law or payer either.
    assert opvoedsteun.care_kind == "jeugdhulp"
    assert opvoedsteun.basis == "unknown"


def test_a_referral_without_a_rule_uses_the_social_map(cast, cast_family):
    family_member(cast_family)
    side = make_receiving_side(cast, service_name="Inloop")
    side.service = make_service(
        side.service.organization,
        name="Budgetcursus",
        terms={"laws": ["participatiewet"], "payers": ["municipality"], "own_costs": ["none"]},
    )
    referral_in_status(cast, cast_family, side, ReferralStatus.SENT)

    html = page(logged_in_client(cast.case_director), cast_family).content.decode()

    assert "volgens de sociale kaart" in html
    assert "Volgens de sociale kaart: De gemeente betaalt dit (Participatiewet)." in html


def test_a_policy_exception_is_shown_and_counted(cast, minima_family):
    make_exception(
        cast.coalition,
        year=2026,
        insurer="zorgverzekeraar noord",
        insurance_kind="basis",
        care_kind="kraamzorg",
        effect="contribution",
        max_amount=Decimal("50.00"),
        conditions="Alleen met aanvraag vooraf.",
    )

    html = page(logged_in_client(cast.case_director), minima_family).content.decode()

    assert "Alleen met aanvraag vooraf." in html
    assert "U betaalt dan zelf nog € 155,80." in html
    assert "€ 155,80 aan eigen bijdragen" in html


def test_the_interpreter_block_per_provider(cast, minima_family):
    Family.objects.filter(pk=minima_family.pk).update(
        interpreter_needed=True, interpreter_language="Tigrinya"
    )

    html = page(logged_in_client(cast.case_director), minima_family).content.decode()

    assert 'data-testid="financing-interpreter"' in html
    assert "Het gezin heeft een tolk nodig (Tigrinya)." in html
    assert "Verloskundigen Eerstedorp</strong>: Zorgverzekeraar — Tolkdienst via de praktijk." in (
        html
    )
    assert "JGZ Eerstedorp</strong>: Gemeente" in html


def test_no_interpreter_block_without_the_need(cast, minima_family):
    html = page(logged_in_client(cast.case_director), minima_family).content.decode()

    assert 'data-testid="financing-interpreter"' not in html


def test_the_family_file_points_at_the_calculation_and_the_money(cast, minima_family):
    client = logged_in_client(cast.care_team_member)

    html = client.get(reverse("families:detail", args=[minima_family.pk])).content.decode()

    assert 'data-testid="financing-section"' in html
    assert (
        "Kraamzorg: 49 uur geïndiceerd, het gezin neemt er 49; eigen bijdrage ongeveer "
        "€ 205,80 (2026)."
    ) in html
    assert 'data-testid="financing-section-risk"' not in html
    assert "Laag inkomen (basisverzekering)" in html
    assert 'data-testid="financing-section-interpreter"' not in html
    assert reverse("financing:family", args=[minima_family.pk]) in html


def test_the_family_file_flags_too_few_hours_and_the_interpreter(cast, minima_family):
    make_calculation(minima_family, cast.case_director, chosen_hours=24, too_few_hours_risk=True)
    Family.objects.filter(pk=minima_family.pk).update(
        interpreter_needed=True, interpreter_language="Tigrinya"
    )
    client = logged_in_client(cast.care_team_member)

    html = client.get(reverse("families:detail", args=[minima_family.pk])).content.decode()

    assert "het gezin neemt er 24; eigen bijdrage ongeveer € 100,80 (2026)." in html
    assert 'data-testid="financing-section-risk"' in html
    assert "Tolk nodig (Tigrinya)" in html


def test_the_family_file_section_with_nothing_to_point_at(cast, cast_family):
    client = logged_in_client(cast.case_director)

    html = client.get(reverse("families:detail", args=[cast_family.pk])).content.decode()

    assert 'data-testid="financing-section-empty"' in html
    assert reverse("financing:family", args=[cast_family.pk]) in html


@pytest.mark.parametrize("actor", ["outsider", "other_coalition_professional", "coordinator"])
def test_outsiders_get_nothing(cast, minima_family, actor):
    response = page(logged_in_client(getattr(cast, actor)), minima_family)

    assert response.status_code == 404
    assert "€ 4,20" not in response.content.decode()
