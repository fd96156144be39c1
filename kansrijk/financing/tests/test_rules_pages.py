"""The financing pages under Beheer: the rules per year, loading the shipped figures,
editing a rule, year, exception or compensation route, copying a year."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kansrijk.financing.models import (
    CompensationRoute,
    FinancingRule,
    FinancingYear,
    InsurerException,
)
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.financing import make_compensation, make_exception, make_rule, make_year
from kansrijk.testing.financing_rules import compensation_form_data, rule_form_data, year_form_data

pytestmark = pytest.mark.django_db
RULES = reverse("financing:rules")


def test_the_empty_page_offers_the_administrator_the_shipped_figures(cast):
    response = logged_in_client(cast.administrator).get(RULES)
    assert response.status_code == 200
    assert b'data-testid="load-defaults"' in response.content
    professional = logged_in_client(cast.case_director).get(RULES)
    assert b"Je beheerder kan de standaardcijfers laden" in professional.content
    assert b'data-testid="load-defaults"' not in professional.content


def test_loading_the_shipped_figures_shows_2020_with_the_kraamzorg_contribution(cast):
    client = logged_in_client(cast.administrator)
    response = client.post(reverse("financing:defaults_load"), follow=True)
    assert response.redirect_chain[-1][0] == f"{RULES}?jaar=2020"
    content = response.content.decode()
    assert "€ 4,20" in content
    assert "45 of 49 uur" in content
    assert "80 uur" in content
    assert FinancingRule.objects.filter(coalition=cast.coalition, year=2020).count() == 18
    again = client.post(reverse("financing:defaults_load"), follow=True)
    assert "waren er al" in again.content.decode()


def test_a_professional_reads_but_sees_no_edit_links(cast):
    make_year(cast.coalition)
    make_rule(cast.coalition, "kraamzorg", contribution_kind="per_hour", contribution_amount="4.20")
    response = logged_in_client(cast.case_director).get(RULES, {"jaar": 2020})
    assert response.status_code == 200
    assert "€ 4,20" in response.content.decode()
    assert b'data-testid="rule-edit"' not in response.content
    assert b"Nieuwe regel" not in response.content


def test_the_year_selector_shows_each_year_and_the_chosen_one(cast):
    make_rule(cast.coalition, "kraamzorg", year=2020)
    make_rule(
        cast.coalition,
        "kraamzorg",
        year=2024,
        contribution_kind="per_hour",
        contribution_amount="5.10",
    )
    client = logged_in_client(cast.administrator)
    latest = client.get(RULES).content.decode()
    assert '<strong aria-current="page">2024</strong>' in latest
    assert "€ 5,10" in latest
    older = client.get(RULES, {"jaar": "2020"}).content.decode()
    assert '<strong aria-current="page">2020</strong>' in older
    assert "?jaar=2024" in older


def test_the_administrator_changes_the_amount_in_dutch_notation(cast):
    rule = make_rule(
        cast.coalition, "kraamzorg", contribution_kind="per_hour", contribution_amount="4.20"
    )
    client = logged_in_client(cast.administrator)
    url = reverse("financing:rule_edit", args=[rule.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, rule_form_data(contribution_amount="4,55", version="1"))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.contribution_amount == Decimal("4.55")
    assert rule.version == 2


def test_errors_stand_next_to_the_field_in_dutch(cast):
    client = logged_in_client(cast.administrator)
    response = client.post(
        f"{reverse('financing:rule_add')}?jaar=2020",
        rule_form_data(contribution_amount="", source=""),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="id_contribution_amount_error"' in content
    assert "Vul het bedrag van de eigen bijdrage in." in content
    response = client.post(f"{reverse('financing:rule_add')}?jaar=2020", rule_form_data(source=""))
    assert 'id="id_source_error"' in response.content.decode()
    assert not FinancingRule.objects.exists()


def test_a_stale_form_shows_the_conflict_page(cast):
    rule = make_rule(
        cast.coalition, "kraamzorg", contribution_kind="per_hour", contribution_amount="4.20"
    )
    FinancingRule.objects.filter(pk=rule.pk).update(version=3, contribution_amount="4.40")
    response = logged_in_client(cast.administrator).post(
        reverse("financing:rule_edit", args=[rule.pk]), rule_form_data(version="1")
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert 'data-testid="conflict-table"' in content
    assert "€ 4,40" in content
    assert "€ 4,50" in content
    assert 'name="version" value="3"' in content


def test_a_rule_for_one_service_of_the_coalition(cast):
    from kansrijk.testing.financing_rules import kraamzorg_service

    service = kraamzorg_service(cast.coalition)
    client = logged_in_client(cast.administrator)
    form = client.get(f"{reverse('financing:rule_add')}?jaar=2020")
    assert service.name in form.content.decode()
    response = client.post(
        f"{reverse('financing:rule_add')}?jaar=2020", rule_form_data(service=str(service.pk))
    )
    assert response.status_code == 302
    assert FinancingRule.objects.get().service == service
    page = client.get(RULES, {"jaar": 2020}).content.decode()
    assert f"alleen {service.name}" in page


def test_adding_a_rule_needs_a_year(cast):
    response = logged_in_client(cast.administrator).get(reverse("financing:rule_add"))
    assert response.status_code == 404


def test_rows_of_another_coalition_are_not_found(cast):
    rule = make_rule(cast.other_coalition)
    exception = make_exception(cast.other_coalition)
    route = make_compensation(
        cast.other_coalition, Municipality.objects.get(coalition=cast.other_coalition)
    )
    admin = logged_in_client(cast.administrator)
    for name, pk in (
        ("rule_edit", rule.pk),
        ("rule_delete", rule.pk),
        ("exception_edit", exception.pk),
        ("exception_delete", exception.pk),
        ("compensation_edit", route.pk),
        ("compensation_delete", route.pk),
    ):
        assert admin.get(reverse(f"financing:{name}", args=[pk])).status_code == 404, name
        assert admin.post(reverse(f"financing:{name}", args=[pk])).status_code == 404, name
    assert FinancingRule.objects.filter(pk=rule.pk).exists()


def test_deleting_a_rule_asks_first(cast):
    rule = make_rule(cast.coalition)
    client = logged_in_client(cast.administrator)
    url = reverse("financing:rule_delete", args=[rule.pk])
    assert "Weet je zeker" in client.get(url).content.decode()
    assert FinancingRule.objects.filter(pk=rule.pk).exists()
    assert client.post(url).status_code == 302
    assert not FinancingRule.objects.filter(pk=rule.pk).exists()


def test_the_year_figures_are_added_and_edited(cast):
    client = logged_in_client(cast.administrator)
    response = client.post(reverse("financing:year_add"), {**year_form_data(), "year": "2026"})
    assert response.status_code == 302
    year = FinancingYear.objects.get(coalition=cast.coalition, year=2026)
    url = reverse("financing:year_edit", args=[2026])
    response = client.post(
        url, year_form_data(eigen_risico="385", eigen_risico_source="", version="1")
    )
    assert response.status_code == 400
    assert "Geef de bron van het eigen risico." in response.content.decode()
    response = client.post(
        url, year_form_data(eigen_risico="385", eigen_risico_source="Mijn bron", version="1")
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.eigen_risico == Decimal("385")
    stale = client.post(url, year_form_data(notes="Oud", version="1"))
    assert stale.status_code == 409


def test_copying_a_year_asks_for_the_new_year_and_refuses_a_year_with_rules(cast):
    make_year(cast.coalition, 2020)
    make_rule(cast.coalition, "kraamzorg", contribution_kind="per_hour", contribution_amount="4.20")
    client = logged_in_client(cast.administrator)
    url = reverse("financing:year_copy", args=[2020])
    assert 'value="2021"' in client.get(url).content.decode()
    response = client.post(url, {"target_year": "2026"})
    assert response.status_code == 302
    assert response.url == f"{RULES}?jaar=2026"
    assert FinancingRule.objects.filter(year=2026).count() == 1
    again = client.post(url, {"target_year": "2026"})
    assert again.status_code == 400
    assert "Kopiëren kan alleen naar een jaar zonder cijfers" in again.content.decode()
    assert client.get(reverse("financing:year_copy", args=[2030])).status_code == 404


def test_insurer_exceptions_are_added_with_their_source(cast):
    client = logged_in_client(cast.administrator)
    url = f"{reverse('financing:exception_add')}?jaar=2020"
    data = {
        "insurer": "Zorgverzekeraar Voorbeeld",
        "insurance_kind": "basis_aanvullend",
        "care_kind": "kraamzorg",
        "effect": "contribution",
        "max_amount": "",
        "conditions": "",
        "source": "",
        "version": "0",
    }
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "source": "Polis 2020"}).status_code == 302
    exception = InsurerException.objects.get()
    page = client.get(RULES, {"jaar": 2020}).content.decode()
    assert "Zorgverzekeraar Voorbeeld" in page
    edit = reverse("financing:exception_edit", args=[exception.pk])
    assert (
        client.post(
            edit, {**data, "source": "Polis", "max_amount": "100", "version": "1"}
        ).status_code
        == 302
    )
    exception.refresh_from_db()
    assert exception.max_amount == Decimal("100")


def test_a_coordinator_keeps_the_compensation_routes_but_not_the_rules(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    client = logged_in_client(cast.coordinator)
    response = client.post(
        reverse("financing:compensation_add"), compensation_form_data(municipality)
    )
    assert response.status_code == 302
    route = CompensationRoute.objects.get()
    assert route.care_kinds == ["kraamzorg"]
    page = client.get(RULES).content.decode()
    assert "Bijzondere bijstand Eerstedorp" in page
    assert "Standaardcijfers laden" not in page
    assert client.post(reverse("financing:defaults_load")).status_code == 403
    other = Municipality.objects.get(coalition=cast.other_coalition)
    wrong = client.post(reverse("financing:compensation_add"), compensation_form_data(other))
    assert wrong.status_code == 400
    assert "Kies een gemeente van deze coalitie." in wrong.content.decode()


def test_the_page_is_on_the_beheer_overview(cast):
    manage = reverse("organisations:manage")
    content = logged_in_client(cast.administrator).get(manage).content.decode()
    assert f'href="{RULES}"' in content
    content = logged_in_client(cast.coordinator).get(manage).content.decode()
    assert f'href="{RULES}"' in content
