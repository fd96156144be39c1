"""Writes of the financing rules: who may, validation with Dutch messages per field, the
version check and the audit trail."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kansrijk.core.models import AuditEvent
from kansrijk.families.services import VersionConflict
from kansrijk.financing import services_rules as services
from kansrijk.financing.models import CompensationRoute, FinancingRule, FinancingYear
from kansrijk.organisations.models import Municipality
from kansrijk.testing.financing import make_exception, make_rule, make_year
from kansrijk.testing.financing_rules import kraamzorg_service

pytestmark = pytest.mark.django_db


def rule_data(**overrides) -> dict:
    data = {
        "care_kind": "kraamzorg",
        "service": None,
        "law": "zvw",
        "payer": "insurer",
        "eigen_risico_applies": False,
        "contribution_kind": "per_hour",
        "contribution_amount": Decimal("4.20"),
        "indication_required": True,
        "referral_required": False,
        "interpretation_payer": "",
        "interpretation_notes": "",
        "notes": "Uitleg.",
        "source": "Testbron",
    }
    return {**data, **overrides}


def save_rule(cast, **kwargs):
    return services.financing_rule_save(
        actor=kwargs.pop("actor", cast.administrator),
        coalition=cast.coalition,
        year=kwargs.pop("year", 2020),
        data=kwargs.pop("data", rule_data()),
        **kwargs,
    )


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_an_administrator_adds_a_rule_and_the_audit_trail_has_it(cast):
    rule = save_rule(cast)
    assert rule.version == 1
    assert rule.updated_by == cast.administrator
    event = AuditEvent.objects.get(object_type="financing.FinancingRule", object_id=str(rule.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.changes["contribution_amount"] == [None, "4.20"]


@pytest.mark.parametrize("actor", ["coordinator", "case_director", "analyst"])
def test_only_administrators_write_rules_and_years(cast, actor):
    with pytest.raises(PermissionDenied):
        save_rule(cast, actor=getattr(cast, actor))
    with pytest.raises(PermissionDenied):
        services.financing_year_save(
            actor=getattr(cast, actor), coalition=cast.coalition, year=2020, data={}
        )
    with pytest.raises(PermissionDenied):
        services.financing_defaults_load(actor=getattr(cast, actor), coalition=cast.coalition)


def test_an_administrator_of_another_coalition_may_not_write_here(cast):
    with pytest.raises(PermissionDenied):
        services.financing_rule_save(
            actor=cast.administrator, coalition=cast.other_coalition, year=2020, data=rule_data()
        )


def test_an_amount_is_required_with_a_contribution_and_a_source_with_an_amount(cast):
    with pytest.raises(ValidationError) as excinfo:
        save_rule(cast, data=rule_data(contribution_amount=None))
    assert errors_of(excinfo) == {
        "contribution_amount": ["Vul het bedrag van de eigen bijdrage in."]
    }
    with pytest.raises(ValidationError) as excinfo:
        save_rule(cast, data=rule_data(source="  "))
    assert "source" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        save_rule(cast, data=rule_data(contribution_kind="none"))
    assert "contribution_amount" in errors_of(excinfo)
    # Without a contribution neither an amount nor a source is needed.
    rule = save_rule(
        cast, data=rule_data(contribution_kind="none", contribution_amount=None, source="")
    )
    assert rule.contribution_amount is None


def test_a_rule_for_a_service_needs_a_service_of_the_coalition(cast):
    other = kraamzorg_service(cast.other_coalition, name="Kraamzorg Tweededorp")
    with pytest.raises(ValidationError) as excinfo:
        save_rule(cast, data=rule_data(service=other))
    assert "service" in errors_of(excinfo)
    own = kraamzorg_service(cast.coalition)
    save_rule(cast)  # the rule for the kind
    rule = save_rule(cast, data=rule_data(service=own, contribution_amount=Decimal("3.00")))
    assert rule.service == own


def test_one_rule_per_kind_of_care_and_year(cast):
    save_rule(cast)
    with pytest.raises(ValidationError) as excinfo:
        save_rule(cast)
    assert "care_kind" in errors_of(excinfo)
    assert save_rule(cast, year=2021).year == 2021


def test_unknown_choices_are_refused_per_field(cast):
    with pytest.raises(ValidationError) as excinfo:
        save_rule(cast, data=rule_data(care_kind="x", law="y", payer="z"))
    assert set(errors_of(excinfo)) == {"care_kind", "law", "payer"}


def test_a_stale_version_is_a_conflict_with_both_versions(cast):
    rule = save_rule(cast)
    save_rule(
        cast,
        rule_pk=rule.pk,
        expected_version=1,
        data=rule_data(contribution_amount=Decimal("4.50")),
    )
    with pytest.raises(VersionConflict) as excinfo:
        save_rule(cast, rule_pk=rule.pk, expected_version=1, data=rule_data(notes="Anders"))
    assert excinfo.value.current_version == 2
    assert excinfo.value.current["contribution_amount"] == Decimal("4.50")
    rule.refresh_from_db()
    assert rule.notes == "Uitleg."
    update = AuditEvent.objects.get(action="update", object_id=str(rule.pk))
    assert update.changes == {"contribution_amount": ["4.20", "4.50"]}


def test_an_edit_that_changes_nothing_keeps_the_version(cast):
    rule = save_rule(cast)
    again = save_rule(cast, rule_pk=rule.pk, expected_version=1)
    assert again.version == 1


def test_a_rule_of_another_coalition_cannot_be_changed_or_deleted(cast):
    other = make_rule(cast.other_coalition)
    with pytest.raises(ValidationError):
        save_rule(cast, rule_pk=other.pk, expected_version=1)
    with pytest.raises(ValidationError):
        services.financing_rule_delete(
            actor=cast.administrator, coalition=cast.coalition, rule_pk=other.pk
        )
    assert FinancingRule.objects.filter(pk=other.pk).exists()


def test_deleting_a_rule_is_audited(cast):
    rule = save_rule(cast)
    services.financing_rule_delete(
        actor=cast.administrator, coalition=cast.coalition, rule_pk=rule.pk
    )
    assert not FinancingRule.objects.filter(pk=rule.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="financing.FinancingRule"
    ).exists()


def test_year_figures_need_a_source_and_hours_in_order(cast):
    def save(**data):
        return services.financing_year_save(
            actor=cast.administrator, coalition=cast.coalition, year=2026, data=data
        )

    with pytest.raises(ValidationError) as excinfo:
        save(
            eigen_risico=Decimal("385"),
            kraamzorg_standard_hours_low=49,
            kraamzorg_standard_hours_high=45,
            kraamzorg_max_hours=40,
        )
    assert set(errors_of(excinfo)) == {
        "eigen_risico_source",
        "kraamzorg_source",
        "kraamzorg_standard_hours_high",
        "kraamzorg_max_hours",
    }
    year = save(
        kraamzorg_standard_hours_low=45,
        kraamzorg_standard_hours_high=49,
        kraamzorg_max_hours=80,
        kraamzorg_source="Testbron",
    )
    assert year.year == 2026
    assert year.version == 1
    with pytest.raises(ValidationError):  # a second "new" 2026
        save(kraamzorg_source="Testbron")
    with pytest.raises(VersionConflict):
        services.financing_year_save(
            actor=cast.administrator,
            coalition=cast.coalition,
            year=2026,
            data={"notes": "x"},
            expected_version=7,
        )


def test_copying_a_year_copies_figures_rules_and_exceptions(cast):
    make_year(cast.coalition, 2020)
    make_rule(cast.coalition, "kraamzorg", contribution_kind="per_hour", contribution_amount="4.20")
    make_rule(cast.coalition, "jgz", law="wpg", payer="municipality")
    make_exception(cast.coalition)
    copied = services.financing_year_copy(
        actor=cast.administrator, coalition=cast.coalition, source_year=2020, target_year=2026
    )
    assert copied == 4
    rules = FinancingRule.objects.filter(coalition=cast.coalition, year=2026)
    assert rules.count() == 2
    assert {rule.version for rule in rules} == {1}
    assert rules.get(care_kind="kraamzorg").contribution_amount == Decimal("4.20")
    assert FinancingYear.objects.get(coalition=cast.coalition, year=2026).kraamzorg_max_hours == 80
    assert FinancingRule.objects.filter(coalition=cast.coalition, year=2020).count() == 2
    assert AuditEvent.objects.filter(summary__contains="gekopieerd naar 2026").exists()


def test_copying_to_a_year_that_has_rules_is_refused(cast):
    make_rule(cast.coalition, "kraamzorg", year=2020)
    make_rule(cast.coalition, "jgz", year=2026, law="wpg", payer="municipality")
    with pytest.raises(ValidationError) as excinfo:
        services.financing_year_copy(
            actor=cast.administrator, coalition=cast.coalition, source_year=2020, target_year=2026
        )
    assert "target_year" in errors_of(excinfo)
    assert FinancingRule.objects.filter(coalition=cast.coalition, year=2026).count() == 1


def test_coordinators_and_administrators_keep_compensation_routes(cast):
    municipality = Municipality.objects.get(coalition=cast.coalition)
    data = {
        "municipality": municipality,
        "kind": "bijzondere_bijstand",
        "name": "Bijzondere bijstand Eerstedorp",
        "care_kinds": ["kraamzorg"],
        "minima_only": True,
        "is_active": True,
    }
    route = services.compensation_route_save(
        actor=cast.coordinator, coalition=cast.coalition, data=data
    )
    assert route.care_kinds == ["kraamzorg"]
    services.compensation_route_save(
        actor=cast.administrator,
        coalition=cast.coalition,
        data={**data, "name": "Fonds"},
        route_pk=route.pk,
        expected_version=1,
    )
    with pytest.raises(PermissionDenied):
        services.compensation_route_save(
            actor=cast.case_director, coalition=cast.coalition, data=data
        )
    with pytest.raises(PermissionDenied):
        services.compensation_route_save(actor=cast.analyst, coalition=cast.coalition, data=data)


def test_a_compensation_route_needs_a_municipality_of_the_coalition_and_known_kinds(cast):
    other = Municipality.objects.get(coalition=cast.other_coalition)
    with pytest.raises(ValidationError) as excinfo:
        services.compensation_route_save(
            actor=cast.coordinator,
            coalition=cast.coalition,
            data={
                "municipality": other,
                "kind": "x",
                "name": " ",
                "care_kinds": ["kraamzorg", "tandarts"],
            },
        )
    assert set(errors_of(excinfo)) == {"municipality", "kind", "name", "care_kinds"}
    assert "tandarts" in errors_of(excinfo)["care_kinds"][0]
    assert not CompensationRoute.objects.exists()


def test_an_insurer_exception_needs_its_source(cast):
    data = {
        "insurer": "",
        "insurance_kind": "basis_aanvullend",
        "care_kind": "kraamzorg",
        "effect": "contribution",
        "source": "",
    }
    with pytest.raises(ValidationError) as excinfo:
        services.insurer_exception_save(
            actor=cast.administrator, coalition=cast.coalition, year=2020, data=data
        )
    assert set(errors_of(excinfo)) == {"source"}
    exception = services.insurer_exception_save(
        actor=cast.administrator,
        coalition=cast.coalition,
        year=2020,
        data={**data, "source": "Polis 2020"},
    )
    assert exception.year == 2020
