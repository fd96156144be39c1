"""The shipped figures: only what the source documents name, each with its source, loaded
idempotently."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from kansrijk.core.models import AuditEvent
from kansrijk.financing import defaults
from kansrijk.financing.defaults import load_defaults
from kansrijk.financing.models import ContributionKind, FinancingRule, FinancingYear
from kansrijk.socialmap.vocabulary import CareKind

pytestmark = pytest.mark.django_db


def test_the_2020_kraamzorg_rule_is_4_20_per_hour_with_its_source(cast):
    load_defaults(cast.coalition)
    rule = FinancingRule.objects.get(coalition=cast.coalition, year=2020, care_kind="kraamzorg")
    assert rule.contribution_kind == ContributionKind.PER_HOUR
    assert rule.contribution_amount == Decimal("4.20")
    assert "€ 4,20/uur" in rule.source
    assert "knelpunt 1.3" in rule.source
    assert rule.law == "zvw"
    assert rule.payer == "insurer"


def test_the_2020_year_has_the_kraamzorg_hours_and_no_eigen_risico_amount(cast):
    load_defaults(cast.coalition)
    year = FinancingYear.objects.get(coalition=cast.coalition, year=2020)
    assert (year.kraamzorg_standard_hours_low, year.kraamzorg_standard_hours_high) == (45, 49)
    assert year.kraamzorg_max_hours == 80
    assert "LIP" in year.kraamzorg_source
    assert "knelpunt 1.4" in year.kraamzorg_source
    # No amount is in the sources: none is invented.
    assert year.eigen_risico is None


def test_no_shipped_amount_is_without_a_source_and_kraamzorg_is_the_only_amount():
    amounts = [spec for spec in defaults.RULES if spec.contribution_amount is not None]
    assert [spec.care_kind for spec in amounts] == ["kraamzorg"]
    for spec in defaults.RULES:
        assert spec.source.strip(), spec.care_kind
        assert spec.notes.strip(), spec.care_kind
        if spec.contribution_kind != ContributionKind.NONE:
            assert spec.contribution_amount is not None
            assert spec.source
    assert defaults.YEAR_FIGURES.eigen_risico is None


def test_facts_from_general_law_say_so_and_ask_to_check():
    for spec in defaults.RULES:
        if "Niet uit de brondocumenten" in spec.source:
            assert "controleer" in spec.notes.lower(), spec.care_kind


def test_every_kind_of_care_but_other_has_one_rule_and_interpretation_is_asked_not_guessed():
    kinds = [spec.care_kind for spec in defaults.RULES]
    assert sorted(kinds) == sorted(set(CareKind.values) - {CareKind.OTHER})
    for spec in defaults.RULES:
        assert "avragen" in spec.interpretation_notes


def test_loading_again_writes_nothing_and_keeps_what_the_coalition_changed(cast):
    assert load_defaults(cast.coalition) == len(defaults.RULES) + 1
    FinancingRule.objects.filter(care_kind="kraamzorg").update(contribution_amount="5.00")
    FinancingRule.objects.filter(care_kind="jgz").delete()
    assert load_defaults(cast.coalition) == 1  # only the deleted rule comes back
    assert load_defaults(cast.coalition) == 0
    kraamzorg = FinancingRule.objects.get(coalition=cast.coalition, care_kind="kraamzorg")
    assert kraamzorg.contribution_amount == Decimal("5.00")
    assert FinancingRule.objects.filter(coalition=cast.other_coalition).count() == 0


def test_a_load_that_writes_is_audited_once(cast):
    load_defaults(cast.coalition, actor=cast.administrator)
    load_defaults(cast.coalition, actor=cast.administrator)
    events = AuditEvent.objects.filter(
        coalition=cast.coalition, object_type="financing.FinancingRule"
    )
    assert events.count() == 1
    assert events.get().actor == cast.administrator
    assert events.get().action == AuditEvent.Action.CREATE


def test_the_command_loads_one_coalition_by_id_or_slug_or_all(cast):
    call_command("load_financing_defaults", "--coalition", str(cast.coalition.pk))
    assert FinancingRule.objects.filter(coalition=cast.coalition).exists()
    assert not FinancingRule.objects.filter(coalition=cast.other_coalition).exists()
    call_command("load_financing_defaults", "--coalition", "kansrijke-start-tweededorp")
    assert FinancingRule.objects.filter(coalition=cast.other_coalition).exists()
    call_command("load_financing_defaults", "--coalition", "all")
    assert FinancingYear.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("load_financing_defaults", "--coalition", "bestaat-niet")
