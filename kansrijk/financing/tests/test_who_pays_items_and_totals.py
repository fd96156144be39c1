"""Who pays, around the single item: which items a family has (care team, referrals,
kraamzorg hours), the estimated total for the year, the interpreter per provider, the year
label and the money notation. In memory, no database."""

from decimal import Decimal

import pytest

from kansrijk.financing.who_pays import (
    FamilyProfile,
    FinancingContext,
    Item,
    ItemSource,
    KraamzorgHours,
    PlannedReferral,
    Route,
    Rule,
    TeamOrganisation,
    YearFigures,
    build_items,
    money,
    resolve_family,
)

D = Decimal
KRAAMZORG = Rule(
    "kraamzorg",
    "zvw",
    "insurer",
    contribution_kind="per_hour",
    contribution_amount=D("4.20"),
    interpretation_payer="insurer",
    interpretation_notes="Via de tolkentelefoon.",
)
HOSPITAL = Rule("ziekenhuiszorg", "zvw", "insurer", eigen_risico_applies=True)
MIDWIFE = Rule(
    "verloskundige_zorg",
    "zvw",
    "insurer",
    contribution_kind="per_visit",
    contribution_amount=D("2.50"),
)
WMO = Rule("wmo", "wmo", "municipality", contribution_kind="fixed", contribution_amount=D("19"))


def team(*rows):
    return [TeamOrganisation(pk, name, kind) for pk, name, kind in rows]


def referral(service_id, name, organisation_id=None, care_kinds=()):
    return PlannedReferral(
        service_id=service_id,
        service_name=name,
        provider=f"Aanbieder van {name}",
        organisation_id=organisation_id,
        status_label="Verstuurd",
        terms={"care_kinds": list(care_kinds)},
    )


# --- Items ---------------------------------------------------------------------------------


def test_one_item_per_care_giving_organisation_on_the_care_team():
    items = build_items(
        team(
            (1, "Verloskundigen Eerstedorp", "verloskundigenpraktijk"),
            (1, "Verloskundigen Eerstedorp", "verloskundigenpraktijk"),
            (2, "JGZ Eerstedorp", "jgz"),
            (3, "Gemeente Eerstedorp", "gemeente"),
            (4, "Buurtteam Oost", "buurtteam"),
            (5, "GGZ Midden", "ggz"),
            (6, "Ziekenhuis Rijnstad", "ziekenhuis"),
            (7, "Kraamzorg Thuis", "kraamzorg"),
            (8, "Huisartsen Dorp", "huisarts"),
            (9, "Welzijn Dorp", "welzijn"),
            (10, "Verslavingszorg Noord", "verslavingszorg"),
            (11, "Verzekeraar", "zorgverzekeraar"),
            (12, "Iets anders", "anders"),
        ),
        [],
        None,
        {},
    )

    assert [(item.what, item.care_kind) for item in items] == [
        ("Verloskundigen Eerstedorp", "verloskundige_zorg"),
        ("JGZ Eerstedorp", "jgz"),
        ("Buurtteam Oost", "wmo"),
        ("GGZ Midden", "ggz_volwassenen"),
        ("Ziekenhuis Rijnstad", "ziekenhuiszorg"),
        ("Kraamzorg Thuis", "kraamzorg"),
        ("Huisartsen Dorp", "huisarts"),
        ("Welzijn Dorp", "welzijn"),
        ("Verslavingszorg Noord", "verslavingszorg"),
    ]
    assert all(item.source == ItemSource.CARE_TEAM for item in items)


def test_a_referral_takes_its_service_rule_else_its_first_care_kind():
    service_rule = Rule("jeugdhulp", "jeugdwet", "municipality", service_id="s1")
    items = build_items(
        [],
        [
            referral("s1", "Opvoedsteun", care_kinds=["welzijn"]),
            referral("s2", "Schuldhulp", care_kinds=["schuldhulp", "welzijn"]),
            referral("s3", "Inloop"),
            referral("s1", "Opvoedsteun (eerder)", care_kinds=["welzijn"]),
        ],
        None,
        {"s1": service_rule},
    )

    assert [(item.what, item.care_kind) for item in items] == [
        ("Opvoedsteun", "jeugdhulp"),
        ("Schuldhulp", "schuldhulp"),
        ("Inloop", None),
    ]


def test_a_referred_organisation_on_the_care_team_counts_once():
    items = build_items(
        team((4, "Buurtteam Oost", "buurtteam"), (2, "JGZ Eerstedorp", "jgz")),
        [referral("s1", "Schuldhulp Buurtteam", organisation_id=4, care_kinds=["wmo"])],
        None,
        {},
    )

    assert [item.what for item in items] == ["JGZ Eerstedorp", "Schuldhulp Buurtteam"]


def test_the_kraamzorg_hours_go_on_the_kraamzorg_item_or_make_one():
    with_partner = build_items(
        team((7, "Kraamzorg Thuis", "kraamzorg")), [], KraamzorgHours(49, 2026), {}
    )
    without = build_items(team((2, "JGZ", "jgz")), [], KraamzorgHours(56, 2027), {})

    assert [(i.what, i.hours, i.hours_year) for i in with_partner] == [
        ("Kraamzorg Thuis", 49, 2026)
    ]
    assert [(i.what, i.source, i.hours, i.hours_year) for i in without] == [
        ("JGZ", ItemSource.CARE_TEAM, None, None),
        ("Kraamzorg", ItemSource.KRAAMZORG, 56, 2027),
    ]


# --- Totals, interpreter, year ---------------------------------------------------------------


def context(*, eigen_risico="385.00", figures_year=2026, routes=()):
    return FinancingContext(
        year=2026,
        figures_year=figures_year,
        figures=YearFigures(2026, None if eigen_risico is None else D(eigen_risico)),
        rules_by_kind={
            "kraamzorg": KRAAMZORG,
            "ziekenhuiszorg": HOSPITAL,
            "verloskundige_zorg": MIDWIFE,
            "wmo": WMO,
        },
        routes=routes,
    )


def items(kraamzorg_year=2026):
    return [
        Item("Verloskundigen", ItemSource.CARE_TEAM, "verloskundige_zorg", provider="Verlos"),
        Item("Ziekenhuis", ItemSource.CARE_TEAM, "ziekenhuiszorg", provider="Ziekenhuis"),
        Item("Buurtteam", ItemSource.REFERRAL, "wmo", provider="Buurtteam"),
        Item(
            "Kraamzorg",
            ItemSource.CARE_TEAM,
            "kraamzorg",
            provider="Kraamzorg Thuis",
            hours=49,
            hours_year=kraamzorg_year,
        ),
        Item("Onbekend", ItemSource.REFERRAL, None, provider="Stichting X"),
    ]


def test_the_total_adds_up_what_is_known_and_names_the_rest():
    financing = resolve_family(context(), FamilyProfile(), items())

    assert financing.totals.own_total == D("224.80")  # 205,80 kraamzorg + 19,00 fixed
    assert financing.totals.not_counted == ("Verloskundigen: € 2,50 per bezoek",)
    assert financing.totals.text == (
        "€ 224,80 aan eigen bijdragen, plus eigen risico tot maximaal € 385,00"
    )


def test_the_eigen_risico_without_an_amount_says_so():
    financing = resolve_family(context(eigen_risico=None), FamilyProfile(), items())

    assert financing.totals.eigen_risico_text == "eigen risico: bedrag niet ingevoerd"


def test_kraamzorg_in_another_year_does_not_count_for_this_year():
    financing = resolve_family(context(), FamilyProfile(), items(kraamzorg_year=2027))
    kraamzorg = financing.items[3]

    assert financing.totals.own_total == D("19.00")
    assert "Kraamzorg: € 205,80 in 2027" in financing.totals.not_counted
    assert "De kraamzorg valt in 2027: dit bedrag telt niet mee voor 2026." in (
        kraamzorg.explanation
    )


def test_no_costs_no_eigen_risico_in_the_total():
    financing = resolve_family(
        context(), FamilyProfile(), [Item("JGZ", ItemSource.CARE_TEAM, "jgz")]
    )

    assert financing.totals.text == "€ 0,00 aan eigen bijdragen"
    assert financing.with_own_costs == []


def test_the_interpreter_per_provider_when_the_family_needs_one():
    needs = resolve_family(context(), FamilyProfile(interpreter_needed=True), items())
    does_not = resolve_family(context(), FamilyProfile(), items())

    lines = {line.provider: line for line in needs.interpreter}
    assert list(lines) == ["Verlos", "Ziekenhuis", "Buurtteam", "Kraamzorg Thuis", "Stichting X"]
    assert lines["Kraamzorg Thuis"].payer_label == "Zorgverzekeraar"
    assert lines["Kraamzorg Thuis"].notes == "Via de tolkentelefoon."
    assert lines["Kraamzorg Thuis"].known
    assert lines["Ziekenhuis"].payer_label == "niet vastgelegd"
    assert lines["Stichting X"].payer_label == "niet vastgelegd"
    assert does_not.interpreter == ()


@pytest.mark.parametrize(
    ("figures_year", "label"),
    [
        (2026, "Bedragen van 2026."),
        (2020, "Bedragen van 2020: voor 2026 zijn nog geen cijfers ingevoerd."),
        (None, "Voor 2026 zijn nog geen bedragen ingevoerd."),
    ],
)
def test_the_year_label_is_honest(figures_year, label):
    assert context(figures_year=figures_year).year_label == label


def test_minima_routes_appear_only_for_low_income_families():
    route = Route("Bijzondere bijstand", "bijzondere_bijstand", minima_only=True)
    minima = resolve_family(context(routes=(route,)), FamilyProfile(low_income=True), items())
    others = resolve_family(context(routes=(route,)), FamilyProfile(), items())

    assert [len(row.routes) for row in minima.items] == [1, 1, 1, 1, 0]
    assert [len(row.routes) for row in others.items] == [0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (D("4.2"), "€ 4,20"),
        (D("205.8"), "€ 205,80"),
        (D("1234.5"), "€ 1.234,50"),
        (D("1234567.891"), "€ 1.234.567,89"),
        (D("0.005"), "€ 0,01"),
        (0, "€ 0,00"),
        ("19", "€ 19,00"),
        (None, ""),
    ],
)
def test_money_is_written_the_dutch_way(amount, text):
    assert money(amount) == text
