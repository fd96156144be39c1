"""The business-case pages: list, scenario page with its result, forms with Dutch errors next
to the fields, the version conflict, deleting, the comparison and the print version."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kansrijk.core.models import AuditEvent
from kansrijk.financing.models import (
    BusinessCase,
    BusinessCaseEffect,
    BusinessCaseIntervention,
    BusinessCaseSaving,
)
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_business_case
from kansrijk.testing.financing_business import make_small_case

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode().replace("&nbsp;", " "))


def test_the_empty_list_says_there_are_no_scenarios(cast):
    response = logged_in_client(cast.coordinator).get(reverse("financing:business_list"))

    assert response.status_code == 200
    assert 'data-testid="no-business-cases"' in text(response)
    assert "Nieuw scenario" in text(response)


def test_the_list_shows_scenarios_by_name_with_net_and_break_even(cast):
    make_small_case(cast.coalition, cast.coordinator, name="Zuid")
    make_small_case(cast.coalition, cast.coordinator, name="Noord", horizon_years=1)
    make_small_case(cast.other_coalition, cast.coordinator, name="Elders")

    page = text(logged_in_client(cast.analyst).get(reverse("financing:business_list")))

    assert page.index("Noord") < page.index("Zuid")
    assert "Elders" not in page
    assert "€ 2.000" in page  # Zuid: base net over four years
    assert "2027" in page
    assert "niet binnen 1 jaar" in page  # Noord: only the investment year
    assert "Nieuw scenario" not in page  # analysts read only
    assert 'name="ids"' in page


def test_the_menu_offers_the_business_case_to_coordinators_and_analysts_only(cast):
    for actor, shown in (
        (cast.coordinator, True),
        (cast.analyst, True),
        (cast.case_director, False),
        (cast.administrator, False),
    ):
        page = text(logged_in_client(actor).get("/"))
        assert ('href="/businesscase/"' in page) is shown, actor


def test_the_scenario_page_shows_inputs_sources_and_the_result(cast):
    case = make_small_case(cast.coalition, cast.coordinator)

    response = logged_in_client(cast.coordinator).get(
        reverse("financing:business_detail", args=[case.pk])
    )

    page = text(response)
    assert response.status_code == 200
    assert "Preconceptiespreekuur" in page
    assert "Begroting GGD (test)" in page
    assert "Werkgroep (test)" in page
    assert "Zorgverzekeraar bespaart € 1.000,00 per vermeden uitkomst" in page
    assert 'data-testid="business-total-net">€ 2.000' in page
    assert "in 2027" in page
    assert "<svg" in page
    assert "<title" in page
    # The chart's coordinates are not localized (a decimal comma breaks the SVG).
    assert not re.search(r'(x|y|height)="-?\d+,\d', page)
    assert "laag 0,1, basis 0,2, hoog 0,3" in page
    assert "2027: besparing € 2.000" in page
    assert 'data-testid="business-wrong-pocket-flag"' in page
    assert "Schatting basis" in page or "schatting basis" in page


def test_the_estimate_is_chosen_with_schatting(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.analyst)
    url = reverse("financing:business_detail", args=[case.pk])

    low = text(client.get(url, {"schatting": "laag"}))
    high = text(client.get(url, {"schatting": "hoog"}))
    odd = text(client.get(url, {"schatting": "veel"}))

    assert 'data-testid="business-total-net">€ -1.000' in low
    assert "niet binnen 4 jaar" in low
    assert 'data-testid="business-total-net">€ 5.000' in high
    assert 'data-testid="business-total-net">€ 2.000' in odd  # unknown: the base


def test_an_example_is_marked_as_fictional(cast):
    case = make_small_case(cast.coalition, cast.coordinator, is_example=True)

    page = text(
        logged_in_client(cast.coordinator).get(reverse("financing:business_detail", args=[case.pk]))
    )

    assert 'data-testid="business-example"' in page
    assert "Fictief voorbeeld" in page


def test_a_coordinator_creates_a_scenario(cast):
    client = logged_in_client(cast.coordinator)

    response = client.post(
        reverse("financing:business_add"),
        {"name": "Wijkaanpak", "start_year": "2026", "horizon_years": "5", "version": "0"},
    )

    case = BusinessCase.objects.get(name="Wijkaanpak")
    assert response.status_code == 302
    assert response["Location"] == reverse("financing:business_detail", args=[case.pk])
    assert case.coalition == cast.coalition
    assert case.created_by == cast.coordinator
    assert AuditEvent.objects.filter(object_type="financing.BusinessCase", action="create").exists()


def test_errors_are_dutch_and_next_to_the_field_and_the_input_stays(cast):
    client = logged_in_client(cast.coordinator)

    response = client.post(
        reverse("financing:business_add"),
        {"name": "", "start_year": "1850", "horizon_years": "20", "version": "0"},
    )

    page = text(response)
    assert response.status_code == 400
    assert "Geef het scenario een naam." in page
    assert "Vul een jaartal in tussen 2000 en 2100." in page
    assert "Kies een looptijd van 1 tot en met 15 jaar." in page
    assert 'value="1850"' in page


def test_a_stale_edit_gets_the_conflict_page(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)
    url = reverse("financing:business_edit", args=[case.pk])
    data = {"name": "Eerste", "start_year": "2026", "horizon_years": "4", "version": "1"}
    assert client.post(url, data).status_code == 302

    response = client.post(url, {**data, "name": "Tweede"})

    assert response.status_code == 409
    page = text(response)
    assert 'data-testid="conflict-table"' in page
    assert "Eerste" in page
    assert "Tweede" in page
    assert 'name="version" value="2"' in page
    case.refresh_from_db()
    assert case.name == "Eerste"


def test_the_horizon_must_cover_the_effects(cast):
    case = make_small_case(cast.coalition, cast.coordinator)  # an effect from year 2

    response = logged_in_client(cast.coordinator).post(
        reverse("financing:business_edit", args=[case.pk]),
        {"name": case.name, "start_year": "2026", "horizon_years": "1", "version": "1"},
    )

    assert response.status_code == 400
    assert "Een effect begint pas in jaar 2" in text(response)


def test_adding_an_intervention_an_effect_and_a_saving(cast):
    case = make_business_case(cast.coalition, cast.coordinator, name="Leeg", horizon_years=3)
    client = logged_in_client(cast.coordinator)

    response = client.post(
        reverse("financing:business_intervention_add", args=[case.pk]),
        {
            "name": "Kraamzorg-plus",
            "reach_per_year": "40",
            "cost_per_family": "1.250,50",
            "payer": "gemeente_wmo",
            "source": "Offerte 2026",
            "version": "1",
        },
    )
    intervention = BusinessCaseIntervention.objects.get(case=case)
    assert response.status_code == 302
    assert intervention.cost_per_family == Decimal("1250.50")

    response = client.post(
        reverse("financing:business_effect_add", args=[case.pk]),
        {
            "intervention": str(intervention.pk),
            "outcome": "Uithuisplaatsing",
            "effect_low": "0,01",
            "effect_base": "0,02",
            "effect_high": "0,04",
            "lag_years": "2",
            "source": "Werkgroep",
            "version": "2",
        },
    )
    effect = BusinessCaseEffect.objects.get(case=case)
    assert response.status_code == 302
    assert effect.effect_base == Decimal("0.02")

    response = client.post(
        reverse("financing:business_saving_add", args=[case.pk, effect.pk]),
        {
            "payer": "gemeente_jeugd",
            "amount_per_outcome": "60000",
            "source": "Werkgroep",
            "version": "3",
        },
    )
    assert response.status_code == 302
    assert BusinessCaseSaving.objects.get(effect=effect).amount_per_outcome == Decimal(60000)
    case.refresh_from_db()
    assert case.version == 4

    page = text(client.get(reverse("financing:business_detail", args=[case.pk])))
    # 40 x 0.02 x 60,000 = 48,000 in the third year only; 3 x 40 x 1,250.50 = 150,060 spent.
    assert "€ 48.000" in page
    assert "€ -102.060" in page


def test_an_effect_needs_a_source_a_sane_range_and_a_lag_within_the_horizon(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    intervention = case.interventions.get()

    response = logged_in_client(cast.coordinator).post(
        reverse("financing:business_effect_add", args=[case.pk]),
        {
            "intervention": str(intervention.pk),
            "outcome": "Schulden",
            "effect_low": "0,5",
            "effect_base": "0,2",
            "effect_high": "0,1",
            "lag_years": "4",
            "source": "",
            "version": str(case.version),
        },
    )

    page = text(response)
    assert response.status_code == 400
    assert "Vermeld de bron van dit getal." in page
    case.refresh_from_db()
    assert case.effects.count() == 1


def test_the_service_rules_show_beside_the_fields(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    intervention = case.interventions.get()

    response = logged_in_client(cast.coordinator).post(
        reverse("financing:business_effect_add", args=[case.pk]),
        {
            "intervention": str(intervention.pk),
            "outcome": "Schulden",
            "effect_low": "0,5",
            "effect_base": "0,2",
            "effect_high": "0,1",
            "lag_years": "4",
            "source": "Werkgroep",
            "version": str(case.version),
        },
    )

    page = text(response)
    assert response.status_code == 400
    assert "De lage schatting mag niet hoger zijn dan de basisschatting." in page
    assert "De hoge schatting mag niet lager zijn dan de basisschatting." in page
    assert "Het scenario loopt 4 jaar: kies 0 tot en met 3" in page
    assert 'id="id_effect_low_error"' in page


def test_a_stale_row_form_gets_409_with_the_input_kept(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    BusinessCase.objects.filter(pk=case.pk).update(version=3)  # two changes by someone else
    case.refresh_from_db()

    response = logged_in_client(cast.coordinator).post(
        reverse("financing:business_intervention_add", args=[case.pk]),
        {
            "name": "Nieuwe interventie",
            "reach_per_year": "5",
            "cost_per_family": "10",
            "payer": "insurer",
            "source": "Bron",
            "version": "1",
        },
    )

    assert response.status_code == 409
    page = text(response)
    assert 'data-testid="business-conflict"' in page
    assert 'value="Nieuwe interventie"' in page
    assert f'name="version" value="{case.version}"' in page
    assert case.interventions.count() == 1


def test_a_second_saving_for_the_same_payer_is_refused(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    effect = case.effects.get()

    response = logged_in_client(cast.coordinator).post(
        reverse("financing:business_saving_add", args=[case.pk, effect.pk]),
        {"payer": "insurer", "amount_per_outcome": "5", "source": "Bron", "version": "1"},
    )

    assert response.status_code == 400
    assert "staat al een besparing voor deze betaler" in text(response)


def test_editing_and_removing_rows(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    intervention = case.interventions.get()
    effect = case.effects.get()
    saving = effect.savings.get()
    client = logged_in_client(cast.coordinator)

    form = client.get(
        reverse("financing:business_intervention_edit", args=[case.pk, intervention.pk])
    )
    assert 'value="Preconceptiespreekuur"' in text(form)
    assert (
        client.post(
            reverse("financing:business_intervention_edit", args=[case.pk, intervention.pk]),
            {
                "name": "Spreekuur",
                "reach_per_year": "12",
                "cost_per_family": "100",
                "payer": "gemeente_wpg",
                "source": "Bron",
                "version": "1",
            },
        ).status_code
        == 302
    )
    intervention.refresh_from_db()
    assert intervention.name == "Spreekuur"

    confirm = client.get(reverse("financing:business_saving_delete", args=[case.pk, saving.pk]))
    assert "Weet je zeker" in text(confirm)
    assert (
        client.post(
            reverse("financing:business_saving_delete", args=[case.pk, saving.pk]), {"version": "2"}
        ).status_code
        == 302
    )
    assert not BusinessCaseSaving.objects.exists()
    assert (
        client.post(
            reverse("financing:business_effect_delete", args=[case.pk, effect.pk]), {"version": "3"}
        ).status_code
        == 302
    )
    assert not BusinessCaseEffect.objects.exists()
    assert (
        client.post(
            reverse("financing:business_intervention_delete", args=[case.pk, intervention.pk]),
            {"version": "4"},
        ).status_code
        == 302
    )
    assert not BusinessCaseIntervention.objects.exists()
    case.refresh_from_db()
    assert case.version == 5


def test_a_stale_delete_is_refused(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)

    response = client.post(
        reverse("financing:business_delete", args=[case.pk]), {"version": "7"}, follow=True
    )

    assert BusinessCase.objects.filter(pk=case.pk).exists()
    assert "intussen gewijzigd" in text(response)


def test_deleting_a_scenario(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)

    assert "Weet je zeker" in text(client.get(reverse("financing:business_delete", args=[case.pk])))
    response = client.post(reverse("financing:business_delete", args=[case.pk]), {"version": "1"})

    assert response.status_code == 302
    assert not BusinessCase.objects.exists()
    assert not BusinessCaseSaving.objects.exists()
    assert AuditEvent.objects.filter(object_type="financing.BusinessCase", action="delete").exists()


def test_the_comparison_shows_scenarios_side_by_side_per_estimate(cast):
    first = make_small_case(cast.coalition, cast.coordinator, name="Klein")
    second = make_small_case(cast.coalition, cast.coordinator, name="Kort", horizon_years=2)
    elsewhere = make_small_case(cast.other_coalition, cast.coordinator, name="Elders")

    response = logged_in_client(cast.analyst).get(
        reverse("financing:business_compare"), {"ids": [first.pk, second.pk, elsewhere.pk, "x"]}
    )

    page = text(response)
    assert response.status_code == 200
    assert 'data-testid="business-compare-low"' in page
    assert 'data-testid="business-compare-base"' in page
    assert 'data-testid="business-compare-high"' in page
    assert "Elders" not in page.split("business-compare-low")[1]
    # Base: Klein € 2,000 over four years; Kort: -2,000 + 2,000 = € 0 over two.
    assert "Netto Zorgverzekeraar" in page
    assert "€ 2.000" in page
    assert "€ 0" in page


def test_the_comparison_asks_for_two_scenarios(cast):
    case = make_small_case(cast.coalition, cast.coordinator)

    page = text(
        logged_in_client(cast.coordinator).get(
            reverse("financing:business_compare"), {"ids": case.pk}
        )
    )

    assert 'data-testid="business-compare-too-few"' in page


def test_the_print_version(cast):
    case = make_small_case(cast.coalition, cast.coordinator)

    response = logged_in_client(cast.analyst).get(
        reverse("financing:business_print", args=[case.pk]), {"schatting": "hoog"}
    )

    page = text(response)
    assert response.status_code == 200
    assert 'data-testid="business-print"' in page
    assert "care/plan.css" in page  # its @media print hides the menu and the buttons
    assert "Resultaat (schatting hoog)" in page
    assert "Bewerken" not in page


def test_another_coalitions_scenario_is_not_found(cast):
    case = make_small_case(cast.other_coalition, cast.coordinator)
    client = logged_in_client(cast.coordinator)

    for name in ("business_detail", "business_edit", "business_export", "business_print"):
        assert client.get(reverse(f"financing:{name}", args=[case.pk])).status_code == 404


def test_analysts_read_but_do_not_write(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    client = logged_in_client(cast.analyst)

    assert client.get(reverse("financing:business_detail", args=[case.pk])).status_code == 200
    assert "Scenario bewerken" not in text(
        client.get(reverse("financing:business_detail", args=[case.pk]))
    )
    response = client.post(
        reverse("financing:business_edit", args=[case.pk]),
        {"name": "X", "start_year": "2026", "horizon_years": "4", "version": "1"},
    )
    assert response.status_code == 403
    assert client.post(reverse("financing:business_delete", args=[case.pk])).status_code == 403
