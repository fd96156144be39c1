"""The business-case services: who may write, the validation rules, the version check, the
audit trail and the version bump."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kansrijk.core.models import AuditEvent
from kansrijk.families.services import VersionConflict
from kansrijk.financing import services_business as services
from kansrijk.financing.models import BusinessCase, BusinessCaseSaving
from kansrijk.testing.financing_business import make_small_case

pytestmark = pytest.mark.django_db

CASE = {"name": "Wijkaanpak", "description": "", "start_year": 2026, "horizon_years": 5}


def errors_of(excinfo) -> dict:
    return {field: " ".join(messages) for field, messages in excinfo.value.message_dict.items()}


def test_only_a_coordinator_of_the_coalition_writes(cast):
    for actor in (cast.analyst, cast.case_director, cast.administrator):
        with pytest.raises(PermissionDenied):
            services.business_case_save(actor=actor, coalition=cast.coalition, data=CASE)
    with pytest.raises(PermissionDenied):
        services.business_case_save(
            actor=cast.coordinator, coalition=cast.other_coalition, data=CASE
        )
    assert not BusinessCase.objects.exists()


def test_a_case_of_another_coalition_cannot_be_changed_through_ones_own(cast):
    case = make_small_case(cast.other_coalition, cast.coordinator)

    with pytest.raises(PermissionDenied):
        services.business_case_save(
            actor=cast.coordinator,
            coalition=cast.coalition,
            data=CASE,
            case_pk=case.pk,
            expected_version=1,
        )


def test_creating_writes_the_audit_trail(cast):
    case = services.business_case_save(actor=cast.coordinator, coalition=cast.coalition, data=CASE)

    event = AuditEvent.objects.get(object_type="financing.BusinessCase")
    assert event.action == "create"
    assert event.object_id == str(case.pk)
    assert event.coalition == cast.coalition
    assert event.actor == cast.coordinator
    assert case.version == 1


def test_a_change_bumps_the_version_and_is_audited_with_old_and_new(cast):
    case = make_small_case(cast.coalition, cast.coordinator)

    services.business_case_save(
        actor=cast.coordinator,
        coalition=cast.coalition,
        data={**CASE, "horizon_years": 6},
        case_pk=case.pk,
        expected_version=1,
    )

    case.refresh_from_db()
    assert case.version == 2
    assert case.updated_by == cast.coordinator
    event = AuditEvent.objects.get(object_type="financing.BusinessCase", action="update")
    assert event.changes["horizon_years"] == [4, 6]


def test_a_stale_version_is_refused_with_both_versions(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    BusinessCase.objects.filter(pk=case.pk).update(version=2)

    with pytest.raises(VersionConflict) as excinfo:
        services.business_case_save(
            actor=cast.coordinator,
            coalition=cast.coalition,
            data=CASE,
            case_pk=case.pk,
            expected_version=1,
        )

    assert excinfo.value.current_version == 2
    assert excinfo.value.current["name"] == "Preconceptie"
    assert excinfo.value.submitted["name"] == "Wijkaanpak"


def test_every_row_write_bumps_the_version_and_is_audited(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    effect = case.effects.get()

    saving = services.business_saving_add(
        actor=cast.coordinator,
        case=case,
        effect_pk=effect.pk,
        data={"payer": "gemeente_jeugd", "amount_per_outcome": "10", "source": "Bron"},
        expected_version=1,
    )

    case.refresh_from_db()
    assert case.version == 2
    event = AuditEvent.objects.get(object_type="financing.BusinessCaseSaving")
    assert event.object_id == str(saving.pk)
    assert event.changes["case"] == case.pk
    with pytest.raises(VersionConflict):
        services.business_saving_delete(
            actor=cast.coordinator, case=case, saving_pk=saving.pk, expected_version=1
        )
    assert BusinessCaseSaving.objects.filter(pk=saving.pk).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"source": ""}, "source", "Vermeld de bron"),
        ({"reach_per_year": 0}, "reach_per_year", "minstens 1"),
        ({"cost_per_family": "-1"}, "cost_per_family", "nul of meer"),
        ({"cost_per_family": "1.234"}, "cost_per_family", "hooguit 2 cijfers"),
        ({"payer": "buurman"}, "payer", "Kies wie de interventie betaalt"),
        ({"name": " "}, "name", "Geef de interventie een naam"),
    ],
)
def test_an_intervention_is_checked(cast, data, field, message):
    case = make_small_case(cast.coalition, cast.coordinator)
    values = {
        "name": "Spreekuur",
        "reach_per_year": 10,
        "cost_per_family": Decimal(100),
        "payer": "insurer",
        "source": "Bron",
        **data,
    }

    with pytest.raises(ValidationError) as excinfo:
        services.business_intervention_save(actor=cast.coordinator, case=case, data=values)

    assert message in errors_of(excinfo)[field]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"source": ""}, "source", "Vermeld de bron"),
        ({"effect_low": "0.3"}, "effect_low", "niet hoger zijn dan de basisschatting"),
        ({"effect_high": "0.1"}, "effect_high", "niet lager zijn dan de basisschatting"),
        ({"effect_base": "-0.1", "effect_low": "-0.2"}, "effect_base", "nul of meer"),
        ({"lag_years": 4}, "lag_years", "kies 0 tot en met 3"),
        ({"intervention": 0}, "intervention", "Kies bij welke interventie"),
    ],
)
def test_an_effect_is_checked(cast, data, field, message):
    case = make_small_case(cast.coalition, cast.coordinator)  # four years
    values = {
        "intervention": case.interventions.get().pk,
        "outcome": "Schulden",
        "effect_low": "0.1",
        "effect_base": "0.2",
        "effect_high": "0.3",
        "lag_years": 0,
        "source": "Bron",
        **data,
    }

    with pytest.raises(ValidationError) as excinfo:
        services.business_effect_save(actor=cast.coordinator, case=case, data=values)

    assert message in errors_of(excinfo)[field]


def test_an_effect_must_belong_to_an_intervention_of_the_same_case(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    other = make_small_case(cast.coalition, cast.coordinator, name="Ander")

    with pytest.raises(ValidationError) as excinfo:
        services.business_effect_save(
            actor=cast.coordinator,
            case=case,
            data={
                "intervention": other.interventions.get().pk,
                "outcome": "Schulden",
                "effect_low": "0",
                "effect_base": "0",
                "effect_high": "0",
                "lag_years": 0,
                "source": "Bron",
            },
        )

    assert "intervention" in errors_of(excinfo)


def test_a_saving_is_checked(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    effect = case.effects.get()

    with pytest.raises(ValidationError) as excinfo:
        services.business_saving_add(
            actor=cast.coordinator,
            case=case,
            effect_pk=effect.pk,
            data={"payer": "insurer", "amount_per_outcome": "-5", "source": ""},
        )

    errors = errors_of(excinfo)
    assert "nul of meer" in errors["amount_per_outcome"]
    assert "Vermeld de bron" in errors["source"]
    # The insurer already has a saving on this effect.
    assert "al een besparing" in errors["payer"]


def test_a_shorter_horizon_may_not_cut_off_an_effect(cast):
    case = make_small_case(cast.coalition, cast.coordinator)  # effect from year 2 (lag 1)

    with pytest.raises(ValidationError) as excinfo:
        services.business_case_save(
            actor=cast.coordinator,
            coalition=cast.coalition,
            data={**CASE, "horizon_years": 1},
            case_pk=case.pk,
            expected_version=1,
        )

    assert "Een effect begint pas in jaar 2" in errors_of(excinfo)["horizon_years"]


def test_the_whole_case_is_replaced_at_once(cast):
    case = make_small_case(cast.coalition, cast.coordinator)
    rows = [
        {
            "name": "Nieuw",
            "reach_per_year": 3,
            "cost_per_family": "10",
            "payer": "insurer",
            "source": "Bron",
            "effects": [
                {
                    "outcome": "A",
                    "effect_low": "0",
                    "effect_base": "1",
                    "effect_high": "2",
                    "lag_years": 0,
                    "source": "Bron",
                    "savings": [
                        {"payer": "gemeente_wmo", "amount_per_outcome": "7", "source": "B"}
                    ],
                }
            ],
        }
    ]

    services.business_case_replace(
        actor=cast.coordinator,
        coalition=cast.coalition,
        data={"interventions": rows},
        case_pk=case.pk,
        expected_version=1,
    )

    case.refresh_from_db()
    assert case.version == 2
    assert list(case.interventions.values_list("name", flat=True)) == ["Nieuw"]
    assert case.effects.get().savings.get().payer == "gemeente_wmo"


def test_a_replacement_reports_every_nested_error_with_its_path(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.business_case_replace(
            actor=cast.coordinator,
            coalition=cast.coalition,
            data={
                **CASE,
                "interventions": [
                    {
                        "name": "X",
                        "reach_per_year": 1,
                        "cost_per_family": "1",
                        "payer": "insurer",
                        "source": "",
                        "effects": [
                            {
                                "outcome": "A",
                                "effect_low": "2",
                                "effect_base": "1",
                                "effect_high": "1",
                                "lag_years": 9,
                                "source": "B",
                                "savings": [
                                    {"payer": "insurer", "amount_per_outcome": "1", "source": "B"},
                                    {"payer": "insurer", "amount_per_outcome": "2", "source": "B"},
                                ],
                            }
                        ],
                    }
                ],
            },
        )

    errors = errors_of(excinfo)
    assert set(errors) == {
        "interventions.0.source",
        "interventions.0.effects.0.effect_low",
        "interventions.0.effects.0.lag_years",
        "interventions.0.effects.0.savings.1.payer",
    }
    assert not BusinessCase.objects.exists()
