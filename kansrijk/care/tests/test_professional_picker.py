"""Proposing a handover to a professional by name (the professional picker,
kansrijk/organisations/forms_picker.py) on a family's handovers page.

The page lists no professionals: the user types (part of) a name. One match is accepted;
several bring the form back (400) with a small select of just those, everything typed kept;
none, someone of another coalition, an ended membership or an inactive account, and the user
themselves give a Dutch error. The page costs the same, in queries and in HTML, with 3 and
with 300 professionals in the coalition; a post resolves the name in one query.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kansrijk.care.forms_handovers import HandoverProposeForm
from kansrijk.care.models import Handover
from kansrijk.organisations.models import Discipline, Membership
from kansrijk.organisations.selectors_picker import PICKER_LIMIT, membership_label
from kansrijk.testing.actors import add_colleagues, logged_in_client

from .test_handover_support import (
    SUMMARY,
    jgz,
    jgz_nurse,
    kraamzorg,
    other_coalition_jgz_nurse,
    professional,
)

pytestmark = pytest.mark.django_db

SEVERAL = "Er zijn meer professionals met deze naam: kies er een."
NOT_FOUND = "Er is geen professional met deze naam in de coalitie."


def post(cast, family, **fields):
    data = {"moment": "", "kind": "regular", "summary": SUMMARY, **fields}
    return logged_in_client(cast.case_director).post(
        reverse("care:handovers", args=[family.pk]), data
    )


def narrowed_select(html: str) -> str:
    start = html.index('name="to_professional_keuze"')
    return html[start : html.index("</select>", start)]


def add_professionals(cast, count: int, *, last_name="Bulkpersoon"):
    """`count` professionals of the coalition's JGZ, in two queries."""
    add_colleagues(cast.care_team_member, count, first_name="Bulk", last_name=last_name)


def test_one_match_is_accepted_with_its_organisation(cast, cast_family):
    nurse = jgz_nurse(cast)
    response = post(cast, cast_family, to_professional="jgzverpl")
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert (handover.to_professional, handover.to_organisation) == (nurse, jgz(cast))


def test_several_matches_come_back_with_just_those_to_choose_from(cast, cast_family):
    first = jgz_nurse(cast, "jgzanna")
    second = jgz_nurse(cast, "jgzbert")
    response = post(cast, cast_family, to_professional="jgz", summary="Mijn tekst blijft staan")
    assert response.status_code == 400
    text = response.content.decode()
    assert SEVERAL in text
    assert "Mijn tekst blijft staan" in text
    assert 'value="jgz"' in text
    select = narrowed_select(text)
    assert select.count("<option") == 3  # the empty choice and the two matches
    for person in (first, second):
        assert f'value="{person.memberships.get().pk}"' in select
    assert not Handover.objects.exists()


def test_a_professional_chosen_from_the_narrowed_list_is_accepted(cast, cast_family):
    jgz_nurse(cast, "jgzanna")
    second = jgz_nurse(cast, "jgzbert")
    response = post(
        cast,
        cast_family,
        to_professional="jgz",
        to_professional_keuze=second.memberships.get().pk,
    )
    assert response.status_code == 302
    assert Handover.objects.get().to_professional == second


def test_a_chosen_suggestion_label_names_exactly_one_membership(cast, cast_family):
    """Two memberships of the same name: the label of a suggestion tells them apart."""
    nurse = jgz_nurse(cast)
    elsewhere = Membership.objects.create(
        professional=nurse,
        organisation=kraamzorg(cast),
        coalition=cast.coalition,
        discipline=Discipline.OTHER,
    )
    response = post(cast, cast_family, to_professional=membership_label(elsewhere))
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert (handover.to_professional, handover.to_organisation) == (nurse, elsewhere.organisation)


def test_a_name_typed_over_a_choice_counts_instead(cast, cast_family):
    anna = jgz_nurse(cast, "jgzanna")
    bert = jgz_nurse(cast, "jgzbert")
    response = post(
        cast,
        cast_family,
        to_professional="jgzbert",
        to_professional_keuze=anna.memberships.get().pk,
    )
    assert response.status_code == 302
    assert Handover.objects.get().to_professional == bert


def test_no_match_gives_a_dutch_error_and_keeps_the_input(cast, cast_family):
    jgz_nurse(cast)
    response = post(cast, cast_family, to_professional="Niemand", summary="Mijn tekst")
    assert response.status_code == 400
    text = response.content.decode()
    assert NOT_FOUND in text
    assert 'value="Niemand"' in text
    assert "Mijn tekst" in text
    assert not Handover.objects.exists()


def test_one_letter_is_too_little_to_search(cast, cast_family):
    response = post(cast, cast_family, to_professional="j")
    assert response.status_code == 400
    assert "Typ minstens twee letters van de naam." in response.content.decode()


def test_a_professional_of_another_coalition_is_refused_by_name_and_by_id(cast, cast_family):
    stranger = other_coalition_jgz_nurse(cast)
    by_name = post(cast, cast_family, to_professional="jgztweede")
    by_id = post(cast, cast_family, to_professional_keuze=stranger.memberships.get().pk)
    assert by_name.status_code == by_id.status_code == 400
    assert NOT_FOUND in by_name.content.decode()
    assert "Kies een professional uit de lijst." in by_id.content.decode()
    assert not Handover.objects.exists()


@pytest.mark.parametrize("how", ["ended", "account_inactive", "not_started"])
def test_a_professional_no_longer_working_here_is_refused(how, cast, cast_family):
    nurse = jgz_nurse(cast)
    membership = nurse.memberships.get()
    today = timezone.localdate()
    if how == "ended":
        membership.start_date, membership.end_date = today - timedelta(days=30), today
        membership.save()
    elif how == "not_started":
        membership.start_date = today + timedelta(days=3)
        membership.save()
    else:
        nurse.is_active = False
        nurse.save()
    by_name = post(cast, cast_family, to_professional="jgzverpleegkundige")
    by_id = post(cast, cast_family, to_professional_keuze=membership.pk)
    assert by_name.status_code == by_id.status_code == 400
    assert NOT_FOUND in by_name.content.decode()
    assert not Handover.objects.exists()


def test_the_user_cannot_pick_themselves(cast, cast_family):
    response = post(cast, cast_family, to_professional="regisseur")
    assert response.status_code == 400
    assert NOT_FOUND in response.content.decode()


def test_more_matches_than_the_limit_show_the_first_ones_and_ask_for_more(cast, cast_family):
    add_professionals(cast, PICKER_LIMIT + 5)
    response = post(cast, cast_family, to_professional="Bulkpersoon")
    assert response.status_code == 400
    text = response.content.decode()
    assert SEVERAL in text
    assert "Staat de juiste er niet bij? Typ meer van de naam." in text
    select = narrowed_select(text)
    assert select.count("<option") == PICKER_LIMIT + 1
    assert "Bulk000 Bulkpersoon" in select
    assert f"Bulk{PICKER_LIMIT:03d}" not in select


def _page(client, family):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("care:handovers", args=[family.pk]))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_page_does_not_grow_with_the_professionals_of_the_coalition(cast, cast_family):
    client = logged_in_client(cast.case_director)
    client.get("/")
    add_professionals(cast, 3)
    few_queries, few_html = _page(client, cast_family)
    add_professionals(cast, 297, last_name="Meerpersoon")
    many_queries, many_html = _page(client, cast_family)
    assert few_queries == many_queries
    # The same page: only the form's random CSRF token differs, not its length.
    assert len(few_html) == len(many_html)
    assert "Bulk" not in many_html
    # Suggestions come as the user types, without the user themselves.
    assert 'data-professional-picker="/professionals/zoeken/?zelf=nee"' in many_html
    assert "Meerpersoon" not in many_html


def test_a_post_resolves_the_name_in_one_query(cast, cast_family):
    add_professionals(cast, 30)
    nurse = jgz_nurse(cast)
    form = HandoverProposeForm(
        {"kind": "regular", "summary": SUMMARY, "to_professional": "jgzverpleeg"},
        coalition=cast.coalition.pk,
        moments=[],
        suggestions={},
        actor=cast.case_director,
    )
    with CaptureQueriesContext(connection) as captured:
        assert form.is_valid(), form.errors
    assert len(captured) == 1
    assert form.receiver() == (jgz(cast), nurse)


def test_a_chosen_id_is_checked_in_one_query(cast, cast_family):
    nurse = professional(cast, "jgzverpleegkundige", jgz(cast))
    form = HandoverProposeForm(
        {
            "kind": "regular",
            "summary": SUMMARY,
            "to_professional": "Jgzverpleegkundige",
            "to_professional_keuze": str(nurse.memberships.get().pk),
        },
        coalition=cast.coalition.pk,
        moments=[],
        suggestions={},
        actor=cast.case_director,
    )
    with CaptureQueriesContext(connection) as captured:
        assert form.is_valid(), form.errors
    assert len(captured) == 1
