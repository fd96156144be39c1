"""Who pays: the resolution per item as a table over law x insurer policy x minima x
municipality, on in-memory objects (no database).

The coalition's (made-up) rules: kraamzorg from the basic package with € 4,20 per hour,
hospital care with the eigen risico, midwifery € 2,50 per visit, JGZ under the Wpg, youth
help under the Jeugdwet, the buurtteam under the Wmo with € 19,00 fixed, debt help under the
Participatiewet, and welfare for free. Zorgverzekeraar Noord's supplementary policy pays the
kraamzorg contribution; any gemeentepolis pays up to € 100 of it and takes the eigen risico
off hospital care. Eerstedorp has bijzondere bijstand for minima (any care) and a kraamzorg
fund for everyone; Tweededorp has no routes.
"""

import itertools
from decimal import Decimal

import pytest

from kansrijk.financing.who_pays import (
    Basis,
    FamilyProfile,
    FinancingContext,
    InsurerPolicy,
    Item,
    ItemSource,
    Route,
    Rule,
    YearFigures,
    resolve_item,
)

D = Decimal
RULES = {
    "kraamzorg": Rule(
        "kraamzorg", "zvw", "insurer", contribution_kind="per_hour", contribution_amount=D("4.20")
    ),
    "ziekenhuiszorg": Rule("ziekenhuiszorg", "zvw", "insurer", eigen_risico_applies=True),
    "verloskundige_zorg": Rule(
        "verloskundige_zorg",
        "zvw",
        "insurer",
        contribution_kind="per_visit",
        contribution_amount=D("2.50"),
    ),
    "jgz": Rule("jgz", "wpg", "municipality"),
    "jeugdhulp": Rule("jeugdhulp", "jeugdwet", "municipality"),
    "wmo": Rule(
        "wmo", "wmo", "municipality", contribution_kind="fixed", contribution_amount=D("19.00")
    ),
    "schuldhulp": Rule("schuldhulp", "participatiewet", "municipality"),
    "welzijn": Rule("welzijn", "informal", "none"),
}
EXCEPTIONS = (
    InsurerPolicy("basis_aanvullend", "kraamzorg", "contribution", insurer="ZORGVERZEKERAAR NOORD"),
    InsurerPolicy("gemeentepolis", "kraamzorg", "contribution", max_amount=D("100.00")),
    InsurerPolicy("gemeentepolis", "ziekenhuiszorg", "eigen_risico"),
)
BIJSTAND = Route("Bijzondere bijstand Eerstedorp", "bijzondere_bijstand", minima_only=True)
FUND = Route("Fonds Kraamtijd", "local_fund", care_kinds=("kraamzorg",), minima_only=False)
MUNICIPALITIES = {"Eerstedorp": (BIJSTAND, FUND), "Tweededorp": ()}
POLICIES = {
    "basis": ("Zorgverzekeraar Noord", "basis"),
    "aanvullend": ("Zorgverzekeraar Noord", "basis_aanvullend"),
    "aanvullend_ander": ("Andere Verzekeraar", "basis_aanvullend"),
    "gemeentepolis": ("zorgverzekeraar noord", "gemeentepolis"),
}


def context(municipality: str, *, eigen_risico: str | None = "385.00") -> FinancingContext:
    return FinancingContext(
        year=2026,
        figures_year=2026,
        figures=YearFigures(2026, None if eigen_risico is None else D(eigen_risico)),
        rules_by_kind=RULES,
        exceptions=EXCEPTIONS,
        routes=MUNICIPALITIES[municipality],
    )


def profile(policy: str, minima: bool) -> FamilyProfile:
    insurer, kind = POLICIES[policy]
    return FamilyProfile(insurer=insurer, insurance_kind=kind, low_income=minima)


def item(care_kind: str) -> Item:
    hours = 49 if care_kind == "kraamzorg" else None
    return Item(
        what=care_kind,
        source=ItemSource.CARE_TEAM,
        care_kind=care_kind,
        provider="Aanbieder",
        hours=hours,
        hours_year=2026 if hours else None,
    )


E, T = "Eerstedorp", "Tweededorp"
BB, FK = "Bijzondere bijstand Eerstedorp", "Fonds Kraamtijd"
ROWS = [
    # care kind, policy, minima, municipality -> law, payer, eigen risico, family pays, routes
    ("kraamzorg", "basis", False, E, "zvw", "insurer", False, "205.80", [FK]),
    ("kraamzorg", "basis", True, E, "zvw", "insurer", False, "205.80", [BB, FK]),
    ("kraamzorg", "basis", True, T, "zvw", "insurer", False, "205.80", []),
    ("kraamzorg", "aanvullend", True, E, "zvw", "insurer", False, "0.00", []),
    ("kraamzorg", "aanvullend_ander", True, E, "zvw", "insurer", False, "205.80", [BB, FK]),
    ("kraamzorg", "gemeentepolis", True, E, "zvw", "insurer", False, "105.80", [BB, FK]),
    ("kraamzorg", "gemeentepolis", False, T, "zvw", "insurer", False, "105.80", []),
    ("ziekenhuiszorg", "basis", True, E, "zvw", "insurer", True, "0.00", [BB]),
    ("ziekenhuiszorg", "basis", False, E, "zvw", "insurer", True, "0.00", []),
    ("ziekenhuiszorg", "aanvullend", True, T, "zvw", "insurer", True, "0.00", []),
    ("ziekenhuiszorg", "gemeentepolis", True, E, "zvw", "insurer", False, "0.00", []),
    ("verloskundige_zorg", "basis", True, E, "zvw", "insurer", False, None, [BB]),
    ("jgz", "basis", True, E, "wpg", "municipality", False, "0.00", []),
    ("jeugdhulp", "gemeentepolis", True, E, "jeugdwet", "municipality", False, "0.00", []),
    ("wmo", "basis", True, E, "wmo", "municipality", False, "19.00", [BB]),
    ("wmo", "basis", False, E, "wmo", "municipality", False, "19.00", []),
    ("wmo", "aanvullend", True, T, "wmo", "municipality", False, "19.00", []),
    ("schuldhulp", "basis", True, E, "participatiewet", "municipality", False, "0.00", []),
    ("welzijn", "basis", True, E, "informal", "none", False, "0.00", []),
]
COLUMNS = "care_kind, policy, minima, municipality, law, payer, eigen_risico, pays, routes"


@pytest.mark.parametrize(
    COLUMNS,
    ROWS,
    ids=[f"{r[0]}-{r[1]}-{'minima' if r[2] else 'geen_minima'}-{r[3]}" for r in ROWS],
)
def test_who_pays(care_kind, policy, minima, municipality, law, payer, eigen_risico, pays, routes):
    resolution = resolve_item(item(care_kind), context(municipality), profile(policy, minima))

    assert resolution.basis == Basis.RULE
    assert (resolution.law, resolution.payer) == (law, payer)
    assert resolution.eigen_risico is eigen_risico
    assert resolution.family_amount == (None if pays is None else D(pays))
    assert [route.name for route in resolution.routes] == routes


@pytest.mark.parametrize(
    ("care_kind", "policy", "minima", "municipality"),
    list(itertools.product(RULES, POLICIES, [False, True], MUNICIPALITIES)),
)
def test_routes_only_for_own_costs_and_minima_routes_only_for_minima(
    care_kind, policy, minima, municipality
):
    resolution = resolve_item(item(care_kind), context(municipality), profile(policy, minima))

    if resolution.routes:
        assert resolution.has_own_costs
    if not minima:
        assert all(not route.minima_only for route in resolution.routes)
    assert all(not route.care_kinds or care_kind in route.care_kinds for route in resolution.routes)
    assert resolution.explanation


def test_the_kitchen_table_sentence_for_kraamzorg_of_a_minima_family():
    resolution = resolve_item(item("kraamzorg"), context("Eerstedorp"), profile("basis", True))

    assert resolution.contribution_text == "€ 4,20 per uur"
    assert resolution.explanation == (
        "De zorgverzekeraar betaalt dit uit het basispakket. "
        "U betaalt zelf € 4,20 per uur: voor 49 uur is dat € 205,80. "
        "Met een laag inkomen kunt u dit terugvragen via Bijzondere bijstand Eerstedorp. "
        "U kunt dit terugvragen via Fonds Kraamtijd."
    )


def test_a_partly_covered_contribution_says_what_is_left():
    resolution = resolve_item(
        item("kraamzorg"), context("Tweededorp"), profile("gemeentepolis", True)
    )

    assert resolution.own_amount == D("205.80")
    assert resolution.covered_amount == D("100.00")
    assert "Uw polis bij zorgverzekeraar noord vergoedt de eigen bijdrage tot € 100,00." in (
        resolution.explanation
    )
    assert "U betaalt dan zelf nog € 105,80." in resolution.explanation
    assert "In uw gemeente is geen regeling bekend" in resolution.explanation


def test_the_eigen_risico_is_explained_with_the_amount_of_the_year():
    with_amount = resolve_item(
        item("ziekenhuiszorg"), context("Tweededorp"), profile("basis", False)
    )
    without = resolve_item(
        item("ziekenhuiszorg"), context("Tweededorp", eigen_risico=None), profile("basis", False)
    )
    waived = resolve_item(
        item("ziekenhuiszorg"), context("Tweededorp"), profile("gemeentepolis", False)
    )

    assert "tot maximaal € 385,00" in with_amount.explanation
    assert "eigen risico" in without.explanation
    assert "€" not in without.explanation
    assert waived.eigen_risico_waived
    assert "Bij uw polis telt dit niet mee voor het eigen risico." in waived.explanation


def test_an_uninsured_family_is_warned_where_the_insurer_pays():
    family = FamilyProfile(insurance_kind="onverzekerd")
    insured_care = resolve_item(item("kraamzorg"), context("Tweededorp"), family)
    municipal_care = resolve_item(item("jgz"), context("Tweededorp"), family)

    assert "geen zorgverzekering" in insured_care.explanation
    assert "geen zorgverzekering" not in municipal_care.explanation


def test_a_service_rule_wins_over_the_rule_for_its_kind():
    service_rule = Rule(
        "kraamzorg", "subsidy", "fund", contribution_kind="fixed", contribution_amount=D("10")
    )
    ctx = FinancingContext(
        year=2026, figures_year=2026, rules_by_kind=RULES, rules_by_service={"s1": service_rule}
    )
    referral = Item(
        what="Kraamzorg Plus", source=ItemSource.REFERRAL, care_kind="kraamzorg", service_id="s1"
    )

    resolution = resolve_item(referral, ctx, FamilyProfile())

    assert (resolution.law, resolution.payer) == ("subsidy", "fund")
    assert resolution.family_amount == D("10.00")
    assert resolution.explanation.startswith("Een fonds of subsidiegever betaalt dit.")


def test_without_a_rule_the_social_map_answers():
    ctx = FinancingContext(year=2026, figures_year=2026, routes=(BIJSTAND,))
    referral = Item(
        what="Inloop",
        source=ItemSource.REFERRAL,
        care_kind="welzijn",
        service_id="s2",
        map_terms={
            "laws": ["wmo"],
            "payers": ["municipality"],
            "own_costs": ["own_contribution"],
        },
    )

    resolution = resolve_item(referral, ctx, FamilyProfile(low_income=True))

    assert resolution.basis == Basis.MAP
    assert resolution.source == "volgens de sociale kaart"
    assert resolution.payer_label == "Gemeente"
    assert resolution.family_amount is None
    assert resolution.has_own_costs
    assert resolution.explanation.startswith(
        "Volgens de sociale kaart: De gemeente betaalt dit (Wmo)."
    )
    assert "het bedrag is niet bekend" in resolution.explanation
    assert [route.name for route in resolution.routes] == ["Bijzondere bijstand Eerstedorp"]


def test_without_a_rule_or_map_terms_it_is_not_known():
    ctx = FinancingContext(year=2026, routes=(BIJSTAND,))
    unknown = Item(what="Iets", source=ItemSource.REFERRAL, service_id="s3")

    resolution = resolve_item(unknown, ctx, FamilyProfile(low_income=True))

    assert resolution.basis == Basis.UNKNOWN
    assert resolution.explanation == "Niet bekend: vraag het na bij de aanbieder."
    assert resolution.routes == ()
    assert not resolution.has_own_costs


@pytest.mark.parametrize(
    ("insurer", "family_insurer", "kind", "family_kind", "care_kind", "matches"),
    [
        ("", "Wie dan ook", "gemeentepolis", "gemeentepolis", "kraamzorg", True),
        ("", "", "gemeentepolis", "gemeentepolis", "kraamzorg", True),
        ("Zilver", " zilver ", "basis_aanvullend", "basis_aanvullend", "kraamzorg", True),
        ("Zilver", "Goud", "basis_aanvullend", "basis_aanvullend", "kraamzorg", False),
        ("Zilver", "Zilver", "basis_aanvullend", "basis", "kraamzorg", False),
        ("Zilver", "Zilver", "basis_aanvullend", "basis_aanvullend", "ggz_volwassenen", False),
    ],
)
def test_insurer_exception_matching(insurer, family_insurer, kind, family_kind, care_kind, matches):
    policy = InsurerPolicy(kind, "kraamzorg", "contribution", insurer=insurer)
    family = FamilyProfile(insurer=family_insurer, insurance_kind=family_kind)

    assert policy.matches(family, care_kind) is matches
