"""Searching, filtering and sorting the families list; every search is logged once."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.services import person_add, pregnancy_add, pregnancy_birth_record
from kansrijk.organisations.models import Municipality
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def family_with(cast, *, first_name, last_name, born=None, due=None, birth=None, **data):
    family = make_family(cast, **data)
    person_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={
            "role": "client",
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": born,
        },
    )
    if due or birth:
        # A born child's pregnancy was due on the birth date, in care since 30 weeks before.
        due_date = due or birth
        pregnancy = pregnancy_add(
            actor=cast.case_director,
            family_pk=family.pk,
            data={
                "due_date": due_date,
                "entered_care_on": min(due_date - timedelta(weeks=30), TODAY),
            },
        )
        if birth:
            pregnancy_birth_record(
                actor=cast.case_director,
                family_pk=family.pk,
                pregnancy_pk=pregnancy.pk,
                birth_date=birth,
                outcome="live_birth",
                child_first_name="Noor",
            )
    return family


@pytest.fixture
def families(cast):
    return {
        "anna": family_with(
            cast,
            first_name="Anna",
            last_name="de Vries",
            born=date(1994, 3, 5),
            due=TODAY + timedelta(weeks=30),  # 10 weeks pregnant: trimester 1
            postcode="1234 AB",
        ),
        "bea": family_with(
            cast,
            first_name="Bea",
            last_name="Jansen",
            born=date(1990, 1, 1),
            due=TODAY + timedelta(weeks=5),  # 35 weeks: trimester 3
            postcode="5678 CD",
        ),
        "cato": family_with(
            cast,
            first_name="Cato",
            last_name="Bakker",
            born=date(1988, 8, 8),
            birth=TODAY - timedelta(days=3),  # kraamperiode
            postcode="1234 XY",
        ),
        "dewi": family_with(
            cast, first_name="Dewi", last_name="Achterberg", postcode="9999 ZZ"
        ),  # no pregnancy: preconception
    }


def listed(cast, **params) -> list[str]:
    response = logged_in_client(cast.case_director).get(reverse("families:list"), params)
    assert response.status_code == 200
    rows = response.context["page_obj"].object_list
    return [family.client_first_name for family in rows]


def test_it_searches_by_a_persons_name(cast, families):
    assert listed(cast, naam="vries") == ["Anna"]
    assert listed(cast, naam="anna de vries") == ["Anna"]
    assert listed(cast, naam="Noor") == ["Cato"]  # the child counts too


def test_it_searches_by_date_of_birth_written_the_dutch_way(cast, families):
    assert listed(cast, geboortedatum="05-03-1994") == ["Anna"]


def test_a_wrong_date_of_birth_gets_a_dutch_message_and_keeps_the_input(cast, families):
    response = logged_in_client(cast.case_director).get(
        reverse("families:list"), {"geboortedatum": "1994-31-31"}
    )
    page = response.content.decode()
    assert "Vul de geboortedatum in als dd-mm-jjjj" in page
    assert 'value="1994-31-31"' in page


def test_it_searches_by_postcode_with_or_without_space(cast, families):
    assert sorted(listed(cast, postcode="1234")) == ["Anna", "Cato"]
    assert listed(cast, postcode="1234ab") == ["Anna"]
    assert listed(cast, postcode="5678 CD") == ["Bea"]


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        ("preconception", ["Dewi"]),
        ("trimester_1", ["Anna"]),
        ("trimester_2", []),
        ("trimester_3", ["Bea"]),
        ("kraamperiode", ["Cato"]),
        ("infancy", []),
    ],
)
def test_it_filters_by_phase_in_the_database(cast, families, phase, expected):
    assert listed(cast, fase=phase) == expected


def test_it_filters_by_municipality(cast, families):
    municipality = Municipality.objects.get(name="Eerstedorp")
    assert len(listed(cast, gemeente=municipality.pk)) == 4


def test_it_sorts_by_name_phase_and_date(cast, families):
    # By last name as written: Achterberg, Bakker, de Vries, Jansen.
    assert listed(cast) == ["Dewi", "Cato", "Anna", "Bea"]
    assert listed(cast, sorteer="-naam") == ["Bea", "Anna", "Cato", "Dewi"]
    by_reference = sorted(families, key=lambda name: families[name].reference)
    assert listed(cast, sorteer="dossier") == [name.title() for name in by_reference]
    # The order of the 1000 days: before pregnancy, early pregnancy, late, born.
    assert listed(cast, sorteer="fase") == ["Dewi", "Anna", "Bea", "Cato"]
    assert listed(cast, sorteer="-fase") == ["Cato", "Bea", "Anna", "Dewi"]
    assert listed(cast, sorteer="datum") == ["Cato", "Bea", "Anna", "Dewi"]


def test_the_row_shows_gestational_age_and_due_date(cast, families):
    page = logged_in_client(cast.case_director).get(reverse("families:list")).content.decode()
    assert "10+0 weken" in page
    assert "à terme 29 december 2025" in page
    assert "geboren 30 mei 2025" in page


def test_each_search_writes_one_access_event_without_the_search_terms(cast, families):
    before = AccessEvent.objects.count()
    listed(cast)  # no search: nothing to log
    assert AccessEvent.objects.count() == before
    listed(cast, naam="vries", postcode="1234")
    event = AccessEvent.objects.exclude(pk__in=[]).order_by("-pk").first()
    assert AccessEvent.objects.count() == before + 1
    assert event.action == AccessEvent.Action.SEARCH
    assert event.family_id is None
    assert event.coalition_id == cast.coalition.pk
    assert event.user == cast.case_director
    assert "Naam" in event.detail
    assert "Postcode" in event.detail
    assert "vries" not in event.detail


def test_an_empty_search_result_says_so(cast, families):
    response = logged_in_client(cast.case_director).get(reverse("families:list"), {"naam": "Zzzz"})
    assert "Geen gezinnen gevonden" in response.content.decode()
