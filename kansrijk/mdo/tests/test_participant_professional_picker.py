"""Adding an MDO participant names the professional by typing (part of) the name (the
professional picker, kansrijk/organisations/forms_picker.py), for a series' standing
participants and for a meeting's guests.

The pages list no professionals, however many work in the coalitions the series serves: they
cost the same, in queries and in HTML, with 3 and with 300. A unique name adds the
participant (with its audit trail); an ambiguous name comes back with just the matches to
choose from, the role kept; an unknown name or someone outside the series' coalitions gives
a Dutch error. Suggestions come from an endpoint of the series' scope (its coalitions and
the coalitions it serves, without those already participating) that only whoever may add a
participant there can ask: the coordinators for a series, the meeting's managers for a
meeting.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.core.models import AuditEvent
from kansrijk.mdo import services
from kansrijk.mdo.models import ParticipantRole
from kansrijk.organisations.models import Professional
from kansrijk.organisations.selectors_picker import PICKER_LIMIT
from kansrijk.testing.actors import add_colleagues, logged_in_client
from kansrijk.testing.mdo import make_series, plan_meeting

pytestmark = pytest.mark.django_db

SEVERAL = "Er zijn meer professionals met deze naam: kies er een."
NOT_FOUND = "Er is geen professional met deze naam in een coalitie van dit MDO."
TEAMLID = "Teamlid Testpersoon — JGZ Eerstedorp (Jeugdverpleegkundige)"
ELSEWHERE = "Anderecoalitie Testpersoon — Verloskundigen Tweededorp (Verloskundige)"


@pytest.fixture
def series(cast):
    """The coordinator's series, with the outsider as standing member."""
    return make_series(cast)


@pytest.fixture
def meeting(cast, series):
    """A draft meeting of the series: the outsider is copied as participant."""
    return plan_meeting(cast, series)


def add_professionals(cast, count: int, *, last_name="Bulkpersoon"):
    """`count` professionals of the coalition's JGZ, in two queries."""
    add_colleagues(cast.care_team_member, count, first_name="Bulk", last_name=last_name)


def labels(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [row["label"] for row in response.json()["results"]]


def narrowed_select(html: str) -> str:
    start = html.index('name="professional_keuze"')
    return html[start : html.index("</select>", start)]


# --- The pages ---------------------------------------------------------------------------------


def _page(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("page", ["series", "meeting"])
def test_the_pages_do_not_grow_with_the_professionals_of_the_coalition(page, cast, meeting):
    if page == "series":
        url = reverse("mdo:series_participant_add", args=[meeting.series.pk])
        search = reverse("mdo:series_participant_search", args=[meeting.series.pk])
    else:
        url = reverse("mdo:meeting_participant_add", args=[meeting.pk])
        search = reverse("mdo:meeting_participant_search", args=[meeting.pk])
    client = logged_in_client(cast.coordinator)
    client.get("/")
    add_professionals(cast, 3)
    few_queries, few_html = _page(client, url)
    add_professionals(cast, 297, last_name="Meerpersoon")
    many_queries, many_html = _page(client, url)
    assert few_queries == many_queries
    # The same page: only the form's random CSRF token differs, not its length.
    assert len(few_html) == len(many_html)
    assert "Bulk" not in many_html
    assert "Teamlid Testpersoon" not in many_html
    # Suggestions come as the user types, from the series' own scope.
    assert f'data-professional-picker="{search}"' in many_html
    assert "organisations/professional_picker.js" in many_html


def test_a_typed_name_adds_a_standing_participant_with_its_audit_trail(cast, series):
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:series_participant_add", args=[series.pk])
    response = client.post(url, {"professional": "teamlid", "role": "secretary"})
    assert response.status_code == 302
    participant = series.participants.get(professional=cast.care_team_member)
    assert participant.role == ParticipantRole.SECRETARY
    event = AuditEvent.objects.get(object_type="mdo.SeriesParticipant", object_id=participant.pk)
    assert event.actor == cast.coordinator
    assert "Teamlid Testpersoon is notulist van MDO" in event.summary


def test_a_chosen_suggestion_invites_a_guest_with_its_audit_trail(cast, meeting):
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:meeting_participant_add", args=[meeting.pk])
    membership = cast.care_team_member.memberships.get()
    response = client.post(
        url, {"professional": TEAMLID, "professional_keuze": membership.pk, "role": "guest"}
    )
    assert response.status_code == 302
    guest = meeting.participants.get(professional=cast.care_team_member)
    assert guest.role == ParticipantRole.GUEST
    event = AuditEvent.objects.get(object_type="mdo.MeetingParticipant", object_id=guest.pk)
    assert "Teamlid Testpersoon uitgenodigd voor MDO-overleg" in event.summary


def test_an_ambiguous_name_is_narrowed_and_then_chosen(cast, series):
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:series_participant_add", args=[series.pk])
    response = client.post(url, {"professional": "Testpersoon", "role": "chair"})
    assert response.status_code == 400
    html = response.content.decode()
    assert SEVERAL in html
    assert 'value="Testpersoon"' in html
    assert '<option value="chair" selected>' in html
    select = narrowed_select(html)
    chosen = cast.case_director.memberships.get()
    assert f'<option value="{chosen.pk}">' in select
    assert "Anderecoalitie" not in select  # another coalition, not served by this series
    assert "Coordinator" not in select  # no professional role
    assert not series.participants.filter(role=ParticipantRole.CHAIR).exists()
    response = client.post(
        url, {"professional": "Testpersoon", "professional_keuze": chosen.pk, "role": "chair"}
    )
    assert response.status_code == 302
    assert series.participants.get(role=ParticipantRole.CHAIR).professional == cast.case_director


@pytest.mark.parametrize("name", ["Niemand", "anderecoalitie"])
def test_an_unknown_name_or_someone_of_another_coalition_is_not_found(name, cast, meeting):
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:meeting_participant_add", args=[meeting.pk])
    response = client.post(url, {"professional": name, "role": "guest"})
    assert response.status_code == 400
    html = response.content.decode()
    assert NOT_FOUND in html
    assert f'value="{name}"' in html
    assert meeting.participants.count() == 1  # the outsider only


def test_no_name_or_one_letter_gives_a_dutch_error(cast, series):
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:series_participant_add", args=[series.pk])
    empty = client.post(url, {"professional": "", "role": "member"}).content.decode()
    short = client.post(url, {"professional": "t", "role": "member"}).content.decode()
    assert "Kies een professional." in empty
    assert "Typ minstens twee letters van de naam." in short
    assert series.participants.count() == 1


# --- The suggestions ---------------------------------------------------------------------------


def test_the_coordinator_gets_suggestions_of_every_coalition_the_series_serves(cast, series):
    client = logged_in_client(cast.coordinator)
    url = reverse("mdo:series_participant_search", args=[series.pk])
    found = labels(client.get(url, {"q": "Testpersoon"}))
    # The outsider is a participant already; the coordinator does no professional work;
    # the other coalition is not served (yet).
    assert [label.split(" — ")[0] for label in found] == [
        "Regisseur Testpersoon",
        "Teamlid Testpersoon",
    ]
    [row] = client.get(url, {"q": "teaml"}).json()["results"]
    assert row == {"id": cast.care_team_member.memberships.get().pk, "label": TEAMLID}
    series.served_coalitions.add(cast.other_coalition)
    assert labels(client.get(url, {"q": "anderecoalitie"})) == [ELSEWHERE]


def test_the_chair_gets_suggestions_for_a_meeting_without_its_participants(cast, series):
    services.series_participant_add(
        actor=cast.coordinator,
        series=series,
        professional=cast.case_director,
        role=ParticipantRole.CHAIR,
    )
    meeting = plan_meeting(cast, series)  # the chair and the outsider are copied
    chair = logged_in_client(cast.case_director)
    url = reverse("mdo:meeting_participant_search", args=[meeting.pk])
    assert labels(chair.get(url, {"q": "Testpersoon"})) == [TEAMLID]
    # The chair manages the meeting, not the series' standing participants.
    series_url = reverse("mdo:series_participant_search", args=[series.pk])
    assert chair.get(series_url, {"q": "Testpersoon"}).status_code == 403


@pytest.mark.parametrize(
    "actor",
    ["case_director", "outsider", "other_coalition_professional", "analyst", "administrator"],
)
def test_nobody_else_gets_suggestions(actor, cast, meeting):
    client = logged_in_client(getattr(cast, actor))
    for url in (
        reverse("mdo:series_participant_search", args=[meeting.series.pk]),
        reverse("mdo:meeting_participant_search", args=[meeting.pk]),
    ):
        assert client.get(url, {"q": "Testpersoon"}).status_code == 403


def test_a_missing_series_or_meeting_is_not_found_and_without_a_session_the_login_page(
    cast, meeting
):
    client = logged_in_client(cast.coordinator)
    assert client.get(reverse("mdo:series_participant_search", args=[0])).status_code == 404
    assert client.get(reverse("mdo:meeting_participant_search", args=[0])).status_code == 404
    response = Client().get(reverse("mdo:meeting_participant_search", args=[meeting.pk]))
    assert response.status_code == 302
    assert "/inloggen/?next=" in response["Location"]


def test_the_coalition_wide_suggestions_stay_for_professionals_only(cast, series):
    """The coordinator asks the series' endpoint, not the coalition's."""
    url = reverse("organisations:professional_search")
    assert logged_in_client(cast.coordinator).get(url, {"q": "teamlid"}).status_code == 403


@pytest.mark.parametrize("page", ["series", "meeting"])
def test_suggestions_cost_a_fixed_number_of_queries_and_log_nothing(page, cast, meeting):
    if page == "series":
        url = reverse("mdo:series_participant_search", args=[meeting.series.pk])
    else:
        url = reverse("mdo:meeting_participant_search", args=[meeting.pk])
    client = logged_in_client(cast.coordinator)
    client.get("/")
    logged = AccessEvent.objects.count(), AuditEvent.objects.count()
    add_professionals(cast, 3)
    with CaptureQueriesContext(connection) as few:
        assert len(labels(client.get(url, {"q": "Bulkpersoon"}))) == 3
    add_professionals(cast, PICKER_LIMIT + 10, last_name="Bulkpersoonmeer")
    with CaptureQueriesContext(connection) as many:
        found = labels(client.get(url, {"q": "Bulkpersoon"}))
    assert len(found) == PICKER_LIMIT
    assert len(few) == len(many)
    assert (AccessEvent.objects.count(), AuditEvent.objects.count()) == logged


def test_only_get_is_answered(cast, series):
    url = reverse("mdo:series_participant_search", args=[series.pk])
    assert logged_in_client(cast.coordinator).post(url, {"q": "te"}).status_code == 405


# --- The API keeps taking an id: one lookup, whatever the number of professionals ------------


def _api_add(client, url, professional) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url, {"professional": professional, "role": "member"}, content_type="application/json"
        )
    return response, len(queries.captured_queries)


def test_the_api_adds_a_participant_by_id_with_the_same_queries_for_300_more(cast, series):
    client = logged_in_client(cast.coordinator)
    url = f"/api/v1/mdo/series/{series.pk}/participants/"
    warm, _queries = _api_add(client, url, cast.care_team_member.pk)  # the session's first
    assert warm.status_code == 201, warm.json()
    response, few = _api_add(client, url, cast.case_director.pk)
    assert response.status_code == 201, response.json()
    add_professionals(cast, 300)
    bulk = Professional.objects.get(first_name="Bulk007", last_name="Bulkpersoon")
    response, many = _api_add(client, url, bulk.pk)
    assert response.status_code == 201, response.json()
    assert many == few
    assert series.participants.filter(professional=bulk).exists()


@pytest.mark.parametrize("professional", ["abc", 0, -3, 2**40, 987654])
def test_the_api_refuses_an_id_outside_the_series_coalitions_in_dutch(cast, series, professional):
    client = logged_in_client(cast.coordinator)
    url = f"/api/v1/mdo/series/{series.pk}/participants/"
    response, _queries = _api_add(client, url, professional)
    assert response.status_code == 400
    assert response.json()["errors"]["professional"] == ["Kies een professional uit de lijst."]
    assert series.participants.count() == 1


def test_the_api_refuses_a_professional_of_another_coalition(cast, series):
    client = logged_in_client(cast.coordinator)
    url = f"/api/v1/mdo/meetings/{plan_meeting(cast, series).pk}/participants/"
    response = client.post(
        url,
        {"professional": cast.other_coalition_professional.pk, "role": "guest"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["professional"] == ["Kies een professional uit de lijst."]
