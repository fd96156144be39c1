"""Pregnancies through the API: the case director lists, adds and changes them and records
how one ended (a live birth adds the child, as the page does), with the services of the
pages. Bad input is a 400 problem with the Dutch messages and stores nothing; a closed file
refuses; every write is in the access log and on the timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import (
    Person,
    PersonRole,
    Pregnancy,
    TimelineEvent,
    TimelineKind,
)
from kansrijk.families.services import family_close, pregnancy_add
from kansrijk.testing.actors import logged_in_client

pytestmark = pytest.mark.django_db
Action = AccessEvent.Action


def _today():
    return timezone.localdate()


def _url(family, pregnancy=None, action: str = "") -> str:
    base = f"/api/v1/families/{family.pk}/pregnancies/"
    if pregnancy is None:
        return base
    return f"{base}{pregnancy.pk}/{action + '/' if action else ''}"


def _send(client, method, url, data):
    return getattr(client, method)(url, data, content_type="application/json")


def _pregnancy(cast, family, **data) -> Pregnancy:
    values = {"due_date": _today() + timedelta(days=60), "gravidity": 1, "parity": 0, **data}
    return pregnancy_add(actor=cast.case_director, family_pk=family.pk, data=values)


def _counts():
    return (
        Pregnancy.objects.count(),
        Person.objects.count(),
        TimelineEvent.objects.count(),
        AccessEvent.objects.exclude(action=Action.READ).count(),
    )


def test_the_case_director_adds_a_pregnancy_logged_and_on_the_timeline(cast, cast_family):
    due = _today() + timedelta(days=120)
    before = AccessEvent.objects.count()

    response = _send(
        logged_in_client(cast.case_director),
        "post",
        _url(cast_family),
        {"due_date": due.isoformat(), "gravidity": 2, "parity": 1},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    pregnancy = Pregnancy.objects.get(pk=body["id"])
    assert (pregnancy.family, pregnancy.due_date, pregnancy.gravidity, pregnancy.parity) == (
        cast_family,
        due,
        2,
        1,
    )
    assert (body["due_date"], body["birth_date"], body["outcome"]) == (due.isoformat(), None, "")
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.user, event.family, event.action, event.detail) == (
        cast.case_director,
        cast_family,
        Action.CREATE,
        "Zwangerschap toegevoegd",
    )
    timeline = TimelineEvent.objects.filter(family=cast_family).latest("id")
    assert (timeline.kind, timeline.object_id) == (TimelineKind.PREGNANCY_ADDED, str(pregnancy.pk))


def test_the_list_and_one_pregnancy_are_read_and_logged(cast, cast_family):
    earlier = _pregnancy(cast, cast_family, due_date=_today() - timedelta(days=400))
    current = _pregnancy(cast, cast_family)
    client = logged_in_client(cast.care_team_member)
    before = AccessEvent.objects.count()

    listed = client.get(_url(cast_family))
    one = client.get(_url(cast_family, earlier))

    assert listed.status_code == one.status_code == 200
    assert [row["id"] for row in listed.json()] == [current.pk, earlier.pk]
    assert one.json()["due_date"] == earlier.due_date.isoformat()
    events = list(AccessEvent.objects.order_by("id")[before:])
    assert [(e.action, e.family, e.user) for e in events] == [
        (Action.READ, cast_family, cast.care_team_member)
    ] * 2


def test_a_change_keeps_the_previous_dates_on_the_timeline(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)
    old_due = pregnancy.due_date
    new_due = old_due + timedelta(days=7)
    before = AccessEvent.objects.count()

    response = _send(
        logged_in_client(cast.case_director),
        "patch",
        _url(cast_family, pregnancy),
        {"due_date": new_due.isoformat()},
    )

    assert response.status_code == 200, response.content
    pregnancy.refresh_from_db()
    assert (pregnancy.due_date, pregnancy.gravidity) == (new_due, 1)
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.detail) == (Action.UPDATE, "Zwangerschap gewijzigd")
    timeline = TimelineEvent.objects.filter(family=cast_family).latest("id")
    assert timeline.kind == TimelineKind.PREGNANCY_CHANGED
    assert timeline.changes["due_date"] == [old_due.isoformat(), new_due.isoformat()]


def test_adding_without_a_due_date_is_refused_with_the_pages_message(cast, cast_family):
    before = _counts()

    response = _send(
        logged_in_client(cast.case_director), "post", _url(cast_family), {"gravidity": 1}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == {"due_date": ["Vul de à terme datum in."]}
    assert _counts() == before


def _in(days: int) -> str:
    return (_today() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("payload", "field", "start"),
    [
        (lambda: {"due_date": _in(60 * 7)}, "due_date", "De à terme datum ligt meer dan 44 weken"),
        (
            lambda: {"due_date": _in(70), "gravidity": 1, "parity": 1},
            "parity",
            "De pariteit is kleiner dan de graviditeit.",
        ),
        (lambda: {"due_date": _in(70), "gravidity": 0}, "gravidity", "De graviditeit is minstens"),
        (
            lambda: {"due_date": _in(70), "entered_care_on": _in(3)},
            "entered_care_on",
            "De datum in zorg kan niet in de toekomst liggen.",
        ),
    ],
)
def test_implausible_dates_and_counts_are_refused_and_nothing_is_stored(
    cast, cast_family, payload, field, start
):
    before = _counts()

    response = _send(logged_in_client(cast.case_director), "post", _url(cast_family), payload())

    assert response.status_code == 400
    [message] = response.json()["errors"][field]
    assert message.startswith(start)
    assert _counts() == before


def test_an_invalid_change_keeps_the_stored_pregnancy(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family, gravidity=2, parity=1)

    response = _send(
        logged_in_client(cast.case_director),
        "patch",
        _url(cast_family, pregnancy),
        {"parity": 3},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"parity": ["De pariteit is kleiner dan de graviditeit."]}
    pregnancy.refresh_from_db()
    assert pregnancy.parity == 1


def test_a_live_birth_adds_the_child_to_the_household(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family, due_date=_today() + timedelta(days=3))
    born = _today() - timedelta(days=1)
    before = AccessEvent.objects.count()

    response = _send(
        logged_in_client(cast.case_director),
        "post",
        _url(cast_family, pregnancy, "birth"),
        {
            "birth_date": born.isoformat(),
            "outcome": "live_birth",
            "child_first_name": "Yara",
            "child_last_name": "Bakker",
        },
    )

    assert response.status_code == 200, response.content
    body = response.json()
    child = Person.objects.get(family=cast_family, role=PersonRole.CHILD)
    assert (str(child), child.date_of_birth, child.pregnancy) == ("Yara Bakker", born, pregnancy)
    assert (body["pregnancy"]["birth_date"], body["pregnancy"]["outcome"]) == (
        born.isoformat(),
        "live_birth",
    )
    assert (body["child"]["id"], body["child"]["pregnancy"]) == (child.pk, pregnancy.pk)
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.detail) == (Action.UPDATE, "Geboorte vastgelegd")
    timeline = TimelineEvent.objects.filter(family=cast_family).latest("id")
    assert timeline.kind == TimelineKind.BIRTH_RECORDED
    assert timeline.changes["child"] == [None, child.pk]


def test_a_child_without_a_name_is_called_baby_for_now(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family, due_date=_today())

    response = _send(
        logged_in_client(cast.case_director),
        "post",
        _url(cast_family, pregnancy, "birth"),
        {"birth_date": _today().isoformat(), "outcome": "live_birth"},
    )

    assert response.status_code == 200
    assert response.json()["child"]["first_name"] == "Baby"


def test_a_miscarriage_adds_no_child(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family, due_date=_today() + timedelta(weeks=20))

    response = _send(
        logged_in_client(cast.case_director),
        "post",
        _url(cast_family, pregnancy, "birth"),
        {"birth_date": _today().isoformat(), "outcome": "miscarriage"},
    )

    assert response.status_code == 200
    assert response.json()["child"] is None
    assert not Person.objects.filter(family=cast_family).exists()


def test_a_birth_without_date_and_outcome_is_refused_and_nothing_is_stored(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)
    before = _counts()

    response = _send(
        logged_in_client(cast.case_director), "post", _url(cast_family, pregnancy, "birth"), {}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "birth_date": ["Vul de geboortedatum in."],
        "outcome": ["Kies de uitkomst van de zwangerschap."],
    }
    assert _counts() == before


def test_a_birth_in_the_future_is_refused_and_adds_no_child(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)
    before = _counts()

    response = _send(
        logged_in_client(cast.case_director),
        "post",
        _url(cast_family, pregnancy, "birth"),
        {"birth_date": (_today() + timedelta(days=2)).isoformat(), "outcome": "live_birth"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "birth_date": ["Een geboortedatum kan niet in de toekomst liggen."]
    }
    assert _counts() == before


def test_an_outcome_cannot_be_recorded_twice(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family, due_date=_today())
    client = logged_in_client(cast.case_director)
    data = {"birth_date": _today().isoformat(), "outcome": "live_birth"}
    _send(client, "post", _url(cast_family, pregnancy, "birth"), data)
    before = _counts()

    again = _send(client, "post", _url(cast_family, pregnancy, "birth"), data)

    assert again.status_code == 400
    assert again.json()["detail"] == "De afloop van deze zwangerschap is al vastgelegd."
    assert _counts() == before


def test_a_pregnancy_of_another_family_is_not_found(cast, cast_family):
    from kansrijk.testing.families import make_family

    elsewhere = _pregnancy(cast, make_family(cast))
    client = logged_in_client(cast.case_director)
    before = _counts()

    read = client.get(_url(cast_family, elsewhere))
    changed = _send(client, "patch", _url(cast_family, elsewhere), {"gravidity": 3})
    born = _send(
        client,
        "post",
        _url(cast_family, elsewhere, "birth"),
        {"birth_date": _today().isoformat(), "outcome": "live_birth"},
    )

    assert (read.status_code, changed.status_code, born.status_code) == (404, 404, 404)
    assert _counts() == before


def test_a_closed_file_refuses_every_pregnancy_write(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family, due_date=_today())
    family_close(
        actor=cast.case_director, family_pk=cast_family.pk, expected_version=1, reason="Verhuisd"
    )
    client = logged_in_client(cast.case_director)
    before = _counts()
    closed = {"non_field_errors": ["Dit gezinsdossier is gesloten; heropen het eerst."]}

    added = _send(client, "post", _url(cast_family), {"due_date": _today().isoformat()})
    changed = _send(client, "patch", _url(cast_family, pregnancy), {"gravidity": 2})
    born = _send(
        client,
        "post",
        _url(cast_family, pregnancy, "birth"),
        {"birth_date": _today().isoformat(), "outcome": "live_birth"},
    )

    assert [r.status_code for r in (added, changed, born)] == [400, 400, 400]
    assert [r.json()["errors"] for r in (added, changed, born)] == [closed] * 3
    assert _counts() == before
    assert client.get(_url(cast_family)).status_code == 200
