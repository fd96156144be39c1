"""Every page about the people around a family: the care team gets it, anyone else a 404
"niet gevonden of geen toegang" that does not reveal whether the family exists."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import (
    CareTeamMember,
    Consent,
    ConsentPurpose,
    Person,
    Pregnancy,
    TimelineEvent,
)
from kansrijk.families.services import consent_record, pregnancy_add
from kansrijk.testing.actors import logged_in_client

ON_THE_TEAM = ["case_director", "care_team_member"]
OFF_THE_TEAM = [
    "outsider",
    "other_coalition_professional",
    "coordinator",
    "analyst",
    "administrator",
]


@pytest.fixture
def urls(cast, cast_family):
    pregnancy = pregnancy_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"due_date": date.today(), "gravidity": 1, "parity": 0},
    )
    consent_record(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        purpose=ConsentPurpose.MONITORING,
        given=True,
        method="verbal",
    )
    person = Person.objects.create(
        family=cast_family, coalition=cast.coalition, role="client", first_name="Anna"
    )
    member = CareTeamMember.objects.get(family=cast_family, professional=cast.care_team_member)
    pk = cast_family.pk
    return {
        "person_add": reverse("families:person_add", args=[pk]),
        "person_edit": reverse("families:person_edit", args=[pk, person.pk]),
        "pregnancy_add": reverse("families:pregnancy_add", args=[pk]),
        "pregnancy_edit": reverse("families:pregnancy_edit", args=[pk, pregnancy.pk]),
        "birth_record": reverse("families:birth_record", args=[pk, pregnancy.pk]),
        "consent": reverse("families:consent", args=[pk]),
        "consent_withdraw": reverse("families:consent_withdraw", args=[pk, "monitoring"]),
        "care_team": reverse("families:care_team", args=[pk]),
        "care_team_end": reverse("families:care_team_end", args=[pk, member.pk]),
        "timeline": reverse("families:timeline", args=[pk]),
    }


PAGES = [
    "person_add",
    "person_edit",
    "pregnancy_add",
    "pregnancy_edit",
    "birth_record",
    "consent",
    "consent_withdraw",
    "care_team",
    "care_team_end",
    "timeline",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("actor", ON_THE_TEAM)
def test_the_care_team_opens_the_page_and_it_is_logged(cast, cast_family, urls, page, actor):
    before = AccessEvent.objects.count()

    response = logged_in_client(getattr(cast, actor)).get(urls[page])

    assert response.status_code == 200
    event = AccessEvent.objects.latest("id")
    assert AccessEvent.objects.count() == before + 1
    assert (event.user, event.family, event.action, event.authorisation) == (
        getattr(cast, actor),
        cast_family,
        "R",
        True,
    )


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("actor", OFF_THE_TEAM)
def test_anyone_off_the_care_team_gets_not_found(cast, cast_family, urls, page, actor):
    client = logged_in_client(getattr(cast, actor))

    response = client.get(urls[page])

    assert response.status_code == 404
    assert "Niet gevonden of geen toegang" in response.content.decode()
    assert "KS-" not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("actor", OFF_THE_TEAM)
def test_a_post_from_off_the_care_team_changes_nothing(cast, cast_family, urls, page, actor):
    counts = [
        m.objects.count() for m in (Person, Pregnancy, Consent, CareTeamMember, TimelineEvent)
    ]
    data = {
        "role": "partner",
        "first_name": "Bram",
        "due_date": "2030-01-01",
        "purpose": "care_team",
        "answer": "yes",
        "method": "verbal",
        "professional": cast.outsider.pk,
        "start_date": "2020-01-01",
        "birth_date": "2020-01-01",
        "outcome": "live_birth",
    }

    response = logged_in_client(getattr(cast, actor)).post(urls[page], data)

    assert response.status_code == 404
    assert counts == [
        m.objects.count() for m in (Person, Pregnancy, Consent, CareTeamMember, TimelineEvent)
    ]
    assert CareTeamMember.objects.current().filter(family=cast_family).count() == 2
    assert Consent.objects.given().filter(purpose="monitoring").count() == 1


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_the_login(urls, page):
    response = Client().get(urls[page])
    assert response.status_code == 302
    assert "/inloggen/?next=" in response["Location"]


def test_a_made_up_family_is_not_found_either(cast):
    response = logged_in_client(cast.case_director).get(reverse("families:timeline", args=[999999]))
    assert response.status_code == 404
