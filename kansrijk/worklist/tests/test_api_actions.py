"""The work queue's actions through the API, as on the page: planning the JGZ contact and
recording the after-care agreement make a task, end the chain signal, are logged as an
update of the file (NEN 7513) and land on the timeline; bad input, a closed file or a second
open task answer 400 in Dutch and store nothing; whoever may not see the family gets 404
(the refusal logged) and anonymous 401."""

from datetime import date, timedelta

import pytest
import time_machine

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.care.models import Task
from kansrijk.families.models import Family, TimelineEvent
from kansrijk.families.services import family_close
from kansrijk.testing.actors import logged_in_client
from kansrijk.worklist.rules import AFTERCARE_SOURCE, JGZ_CONTACT_SOURCE
from kansrijk.worklist.selectors import chain_signals, open_families_of_coalition

from .builders import born_on, family_with_consent

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)
DAY = START + timedelta(days=10)  # Saturday 13 March 2027
NOT_FOUND = "Niet gevonden of geen toegang."
PROBLEM = "https://kansrijk.nl/problemen/"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def in_the_gap(cast, clock) -> Family:
    family = family_with_consent(cast)
    born_on(cast, family, START, today=START)
    clock.move_to(DAY)
    return family


@pytest.fixture
def almost_two(cast, clock) -> Family:
    """A family whose child turns two on 2 April 2027, without an after-care agreement."""
    family = family_with_consent(cast)
    born_on(cast, family, START - timedelta(days=700), today=START)
    return family


def signals(cast) -> set[tuple[str, int]]:
    found = chain_signals(open_families_of_coalition(cast.coalition), cast.coalition)
    return {(signal.rule.code, signal.family_id) for signal in found}


def post(client, family, action: str, data=None, **headers):
    return client.post(
        f"/api/v1/families/{family.pk}/{action}/",
        data if data is not None else {},
        content_type="application/json",
        **headers,
    )


def tasks(family, source: str):
    return Task.objects.filter(family=family, source=source)


# --- Planning the JGZ contact ----------------------------------------------------------------


def test_the_jgz_nurse_plans_it_for_herself_and_the_signal_goes(cast, in_the_gap):
    assert ("gap_without_jgz_contact", in_the_gap.pk) in signals(cast)
    response = post(logged_in_client(cast.care_team_member), in_the_gap, "jgz-contact")
    assert response.status_code == 201
    body = response.json()
    task = tasks(in_the_gap, JGZ_CONTACT_SOURCE).get()
    assert body["id"] == task.pk
    assert body["title"] == "Eerste JGZ-contact na de kraamperiode"
    assert body["source"] == JGZ_CONTACT_SOURCE
    assert body["status"] == "open"
    assert body["owner"] == cast.care_team_member.pk
    assert body["owner_organisation"] is None
    assert body["due_date"] == "2027-03-16"  # two working days after Saturday 13 March
    assert ("gap_without_jgz_contact", in_the_gap.pk) not in signals(cast)


def test_another_care_team_member_plans_it_for_the_jgz_organisation(cast, in_the_gap):
    response = post(
        logged_in_client(cast.case_director),
        in_the_gap,
        "jgz-contact",
        {"due_date": "2027-03-20"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["owner"] is None
    assert body["owner_organisation_name"] == "JGZ Eerstedorp"
    assert body["owner_label"] == "JGZ Eerstedorp"
    assert body["due_date"] == "2027-03-20"
    assert ("gap_without_jgz_contact", in_the_gap.pk) not in signals(cast)


def test_planning_is_logged_as_an_update_and_on_the_timeline(cast, in_the_gap):
    before = AccessEvent.objects.count()
    post(logged_in_client(cast.care_team_member), in_the_gap, "jgz-contact")
    events = list(AccessEvent.objects.order_by("id")[before:])
    assert [(e.user, e.family, e.action, e.detail, e.authorisation) for e in events] == [
        (
            cast.care_team_member,
            in_the_gap,
            AccessEvent.Action.UPDATE,
            "JGZ-contact gepland vanuit de werkvoorraad",
            True,
        )
    ]
    timeline = TimelineEvent.objects.get(family=in_the_gap, kind="task_created")
    assert "Eerste JGZ-contact na de kraamperiode" in timeline.summary
    assert timeline.actor == cast.care_team_member


def test_a_token_plans_it_too(client, cast, in_the_gap):
    _token, key = api_token_create(professional=cast.care_team_member, name="koppeling")
    response = post(client, in_the_gap, "jgz-contact", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 201
    assert tasks(in_the_gap, JGZ_CONTACT_SOURCE).get().created_by == cast.care_team_member


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"due_date": "13-03-2027"},
            "due_date",
            "Vul een geldige datum in, bijvoorbeeld 2027-03-03.",
        ),
        ({"due_date": "2027-03-01"}, "due_date", "Kies een datum vanaf vandaag."),
    ],
)
def test_a_bad_date_is_refused_in_dutch_and_nothing_is_stored(
    cast, in_the_gap, data, field, message
):
    before = TimelineEvent.objects.filter(family=in_the_gap).count()
    response = post(logged_in_client(cast.care_team_member), in_the_gap, "jgz-contact", data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == PROBLEM + "validatie"
    assert body["errors"] == {field: [message]}
    assert body["detail"] == message
    assert not tasks(in_the_gap, JGZ_CONTACT_SOURCE).exists()
    assert TimelineEvent.objects.filter(family=in_the_gap).count() == before
    assert ("gap_without_jgz_contact", in_the_gap.pk) in signals(cast)


def test_planning_twice_is_refused_in_dutch(cast, in_the_gap):
    client = logged_in_client(cast.care_team_member)
    assert post(client, in_the_gap, "jgz-contact").status_code == 201
    response = post(client, in_the_gap, "jgz-contact", {"due_date": "2027-03-20"})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Er staat al een JGZ-contact gepland voor dit gezin."]
    }
    assert tasks(in_the_gap, JGZ_CONTACT_SOURCE).count() == 1


def test_a_closed_file_is_refused_in_dutch(cast, in_the_gap):
    family_close(
        actor=cast.case_director,
        family_pk=in_the_gap.pk,
        expected_version=Family.objects.get(pk=in_the_gap.pk).version,
        reason="Verhuisd",
    )
    response = post(logged_in_client(cast.care_team_member), in_the_gap, "jgz-contact")
    assert response.status_code == 400
    assert response.json()["detail"] == "Dit dossier is gesloten."
    assert not tasks(in_the_gap, JGZ_CONTACT_SOURCE).exists()


def test_english_when_the_client_asks_for_it(cast, in_the_gap):
    response = post(
        logged_in_client(cast.care_team_member),
        in_the_gap,
        "jgz-contact",
        {"due_date": "2027-03-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["due_date"] != ["Kies een datum vanaf vandaag."]


# --- Recording the after-care agreement ---------------------------------------------------------


def test_recording_the_after_care_agreement_ends_that_signal(cast, almost_two):
    assert ("aftercare_missing", almost_two.pk) in signals(cast)
    before = AccessEvent.objects.count()
    response = post(
        logged_in_client(cast.case_director),
        almost_two,
        "aftercare",
        {"agreement": "JGZ ziet het gezin op het consultatiebureau."},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Nazorgafspraak na de 1000 dagen"
    assert body["description"] == "JGZ ziet het gezin op het consultatiebureau."
    assert body["owner"] == cast.case_director.pk
    assert body["due_date"] == "2027-04-02"  # the second birthday
    assert body["source"] == AFTERCARE_SOURCE
    assert ("aftercare_missing", almost_two.pk) not in signals(cast)
    events = list(AccessEvent.objects.order_by("id")[before:])
    assert [(e.user, e.action, e.detail) for e in events] == [
        (
            cast.case_director,
            AccessEvent.Action.UPDATE,
            "Nazorgafspraak vastgelegd vanuit de werkvoorraad",
        )
    ]
    timeline = TimelineEvent.objects.get(family=almost_two, kind="task_created")
    assert "Nazorgafspraak na de 1000 dagen" in timeline.summary


def test_without_an_agreement_the_task_gets_the_standard_text_and_a_date_of_choice(
    cast, almost_two
):
    response = post(
        logged_in_client(cast.care_team_member),
        almost_two,
        "aftercare",
        {"due_date": "2027-03-10"},
    )
    assert response.status_code == 201
    task = tasks(almost_two, AFTERCARE_SOURCE).get()
    assert task.due_date == date(2027, 3, 10)
    assert task.owner == cast.care_team_member
    assert task.description.startswith("Afspreken wie het gezin na de tweede verjaardag volgt")


def test_an_agreement_too_long_or_twice_is_refused_in_dutch(cast, almost_two):
    client = logged_in_client(cast.case_director)
    response = post(client, almost_two, "aftercare", {"agreement": "x" * 2001})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "agreement": ["Beschrijf de afspraak in hoogstens 2000 tekens."]
    }
    assert not tasks(almost_two, AFTERCARE_SOURCE).exists()
    assert post(client, almost_two, "aftercare", {"agreement": "Wijkteam."}).status_code == 201
    again = post(client, almost_two, "aftercare", {"agreement": "Nog een keer."})
    assert again.status_code == 400
    assert again.json()["detail"] == "Er staat al een nazorgafspraak open voor dit gezin."
    assert tasks(almost_two, AFTERCARE_SOURCE).count() == 1


# --- Who may -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "analyst", "administrator"]
)
@pytest.mark.parametrize("action", ["jgz-contact", "aftercare"])
def test_whoever_may_not_see_the_family_gets_404_and_the_refusal_is_logged(
    cast, in_the_gap, actor, action
):
    professional = getattr(cast, actor)
    before = AccessEvent.objects.count()
    response = post(logged_in_client(professional), in_the_gap, action, {"due_date": "nonsense"})
    # 404 before the input is looked at: nothing tells whether the family exists.
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND
    assert not tasks(in_the_gap, JGZ_CONTACT_SOURCE).exists()
    assert not tasks(in_the_gap, AFTERCARE_SOURCE).exists()
    events = list(AccessEvent.objects.order_by("id")[before:])
    assert [(e.user, e.family_id, e.authorisation) for e in events] == [
        (professional, in_the_gap.pk, False)
    ]


def test_a_family_that_does_not_exist_answers_the_same_404(cast, in_the_gap):
    missing = Family(pk=in_the_gap.pk + 1000)
    response = post(logged_in_client(cast.care_team_member), missing, "jgz-contact")
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND


@pytest.mark.parametrize("action", ["jgz-contact", "aftercare"])
def test_anonymous_gets_401_and_nothing_is_stored(client, in_the_gap, action):
    response = post(client, in_the_gap, action)
    assert response.status_code == 401
    assert response.json()["type"] == PROBLEM + "niet-ingelogd"
    assert not tasks(in_the_gap, JGZ_CONTACT_SOURCE).exists()
    assert not tasks(in_the_gap, AFTERCARE_SOURCE).exists()


def test_the_schema_describes_both_actions(cast):
    schema = logged_in_client(cast.case_director).get("/api/v1/schema/", {"format": "json"}).json()
    for action, summary in (
        ("jgz-contact", "JGZ-contact plannen"),
        ("aftercare", "Nazorgafspraak vastleggen"),
    ):
        operations = schema["paths"][f"/api/v1/families/{{id}}/{action}/"]
        assert set(operations) == {"post"}
        operation = operations["post"]
        assert operation["summary"] == summary
        assert operation["tags"] == ["ketensignalen"]
        assert {"201", "400", "404"} <= set(operation["responses"])
        assert operation["requestBody"]["content"]["application/json"]["examples"]
