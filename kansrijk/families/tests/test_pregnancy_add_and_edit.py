from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kansrijk.access.models import AccessEvent
from kansrijk.families.models import Pregnancy, TimelineEvent
from kansrijk.families.services import pregnancy_add
from kansrijk.testing.actors import logged_in_client


def _in_weeks(weeks: int) -> str:
    return (timezone.localdate() + timedelta(weeks=weeks)).isoformat()


def _post(cast, family, **data):
    form = {"due_date": _in_weeks(20), "gravidity": "2", "parity": "1", "entered_care_on": ""}
    return logged_in_client(cast.case_director).post(
        reverse("families:pregnancy_add", args=[family.pk]), {**form, **data}
    )


def test_a_pregnancy_is_added_with_access_and_timeline_events(cast, cast_family):
    response = _post(cast, cast_family)

    assert response.status_code == 302
    pregnancy = Pregnancy.objects.get(family=cast_family)
    assert (pregnancy.due_date.isoformat(), pregnancy.gravidity, pregnancy.parity) == (
        _in_weeks(20),
        2,
        1,
    )
    assert AccessEvent.objects.latest("id").action == "C"
    event = TimelineEvent.objects.filter(kind="pregnancy_added").get()
    assert event.summary == f"Zwangerschap, à terme {date_format(pregnancy.due_date, 'j F Y')}"


def test_a_due_date_more_than_44_weeks_ahead_is_refused_and_the_input_kept(cast, cast_family):
    response = _post(cast, cast_family, due_date=_in_weeks(45))

    assert response.status_code == 200
    today = date_format(timezone.localdate(), "j F Y")
    assert response.context["form"].errors["due_date"] == [
        f"De à terme datum ligt meer dan 44 weken na {today}. Controleer de datum."
    ]
    html = response.content.decode()
    assert f'value="{_in_weeks(45)}"' in html
    assert 'id="id_due_date_error"' in html
    assert not Pregnancy.objects.exists()
    assert not TimelineEvent.objects.filter(kind="pregnancy_added").exists()


def test_a_missing_due_date_gets_a_dutch_message(cast, cast_family):
    response = _post(cast, cast_family, due_date="")

    assert response.context["form"].errors["due_date"] == ["Vul de à terme datum in."]


def test_parity_must_be_smaller_than_gravidity(cast, cast_family):
    response = _post(cast, cast_family, gravidity="1", parity="1")

    assert response.context["form"].errors["parity"] == [
        "De pariteit is kleiner dan de graviditeit."
    ]


def test_a_family_can_have_several_pregnancies(cast, cast_family):
    _post(cast, cast_family, due_date=_in_weeks(20))
    _post(cast, cast_family, due_date=_in_weeks(10))

    assert cast_family.pregnancies.count() == 2


def test_an_edit_keeps_the_previous_values_in_the_timeline(cast, cast_family):
    pregnancy = pregnancy_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        data={"due_date": _in_weeks(20), "gravidity": 1, "parity": 0},
    )

    response = logged_in_client(cast.care_team_member).post(
        reverse("families:pregnancy_edit", args=[cast_family.pk, pregnancy.pk]),
        {"due_date": _in_weeks(21), "gravidity": "1", "parity": "0", "entered_care_on": ""},
    )

    assert response.status_code == 302
    event = TimelineEvent.objects.filter(kind="pregnancy_changed").get()
    assert event.changes == {"due_date": [_in_weeks(20), _in_weeks(21)]}
    assert AccessEvent.objects.latest("id").action == "U"
