"""The need source of the care plan: Dutch keywords in the open concerns (zorgpunten) name
needs; each matching concern is a reason. Resolved concerns no longer count."""

import pytest

from kansrijk.care.needs import family_needs
from kansrijk.care.needs_concerns import concern_needs, needs_in_text
from kansrijk.care.services_plan import concern_add, concern_resolve


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("Schulden, huurachterstand", ["finances", "housing"]),
        ("Geldzorgen sinds ontslag", ["finances"]),
        ("Dreigt dakloos te worden", ["housing"]),
        ("Somber en angstig na de vorige bevalling", ["mental_health"]),
        ("Partner gebruikt drugs en veel alcohol", ["substance_use"]),
        ("Huiselijk geweld door ex-partner", ["safety"]),
        ("Staat er alleen voor, weinig steun uit de omgeving", ["social_network"]),
        ("Spreekt weinig Nederlands, tolk nodig", ["language"]),
        ("Onzeker over de opvoeding", ["parenting"]),
        ("Wil voorlopig niet opnieuw zwanger worden", ["contraception"]),
        ("Zwangerschapsdiabetes", ["medical"]),
    ],
)
def test_keywords_name_the_need(text, needs):
    assert needs_in_text(text) == needs


@pytest.mark.parametrize(
    "text",
    [
        "Totaal overzicht ontbreekt",  # not "taal"
        "Dit geldt ook voor de partner",  # not "geld"
        "Rookt een half pakje per dag",  # smoking is no need of the social map
        "Schuldgevoel over de vorige zwangerschap",  # not "schuld"
        "Dreigt de afspraken te missen",  # "dreigt" is no unsafety
    ],
)
def test_look_alike_words_name_no_need(text):
    assert needs_in_text(text) == []


@pytest.mark.django_db
def test_open_concerns_give_needs_with_the_concern_as_reason(
    cast, cast_family, django_assert_num_queries
):
    concern_add(actor=cast.case_director, family_pk=cast_family.pk, text="Flinke schulden")
    solved = concern_add(actor=cast.case_director, family_pk=cast_family.pk, text="Huurachterstand")
    concern_add(actor=cast.case_director, family_pk=cast_family.pk, text="Geld voor de baby")
    concern_resolve(actor=cast.case_director, family_pk=cast_family.pk, concern_pk=solved.pk)

    with django_assert_num_queries(1):  # the open concerns' texts
        needs = concern_needs(cast_family)

    assert needs == {"finances": ["zorgpunt: Flinke schulden", "zorgpunt: Geld voor de baby"]}


@pytest.mark.django_db
def test_the_source_is_registered_for_the_social_map(cast, cast_family):
    concern_add(actor=cast.case_director, family_pk=cast_family.pk, text="Eenzaam, geen netwerk")

    assert family_needs(cast_family) == {"social_network": ["zorgpunt: Eenzaam, geen netwerk"]}
