from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kansrijk.families.models import Person, Pregnancy, TimelineEvent
from kansrijk.families.services import pregnancy_add
from kansrijk.testing.actors import logged_in_client


def _days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def _pregnancy(cast, family, due_date=None):
    return pregnancy_add(
        actor=cast.case_director,
        family_pk=family.pk,
        data={"due_date": due_date or _days_ago(3), "gravidity": 1, "parity": 0},
    )


def _post(cast, family, pregnancy, **data):
    form = {
        "birth_date": _days_ago(1).isoformat(),
        "outcome": "live_birth",
        "child_first_name": "Noor",
        "child_last_name": "Jansen",
    }
    return logged_in_client(cast.care_team_member).post(
        reverse("families:birth_record", args=[family.pk, pregnancy.pk]), {**form, **data}
    )


def test_a_live_birth_creates_the_child_in_the_same_step(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)

    response = _post(cast, cast_family, pregnancy)

    assert response.status_code == 302
    pregnancy.refresh_from_db()
    assert (pregnancy.birth_date, pregnancy.outcome) == (_days_ago(1), "live_birth")
    child = Person.objects.get(family=cast_family)
    assert (child.role, child.first_name, child.date_of_birth, child.pregnancy) == (
        "child",
        "Noor",
        _days_ago(1),
        pregnancy,
    )
    event = TimelineEvent.objects.filter(kind="birth_recorded").get()
    born = date_format(_days_ago(1), "j F Y")
    assert event.summary == f"Levend geboren op {born}: Noor Jansen"
    assert event.actor == cast.care_team_member


def test_a_child_without_a_name_yet_is_called_baby(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)

    _post(cast, cast_family, pregnancy, child_first_name="", child_last_name="")

    assert Person.objects.get(family=cast_family).first_name == "Baby"


def test_a_stillbirth_creates_no_child(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)

    _post(cast, cast_family, pregnancy, outcome="stillbirth")

    assert Pregnancy.objects.get(pk=pregnancy.pk).outcome == "stillbirth"
    assert not Person.objects.filter(family=cast_family).exists()


def test_a_birth_long_before_the_due_date_is_refused_and_nothing_is_saved(cast, cast_family):
    due = timezone.localdate() + timedelta(weeks=26)
    pregnancy = _pregnancy(cast, cast_family, due_date=due)

    response = _post(cast, cast_family, pregnancy)

    assert response.status_code == 200
    assert response.context["form"].errors["birth_date"] == [
        "De geboortedatum ligt meer dan 24 weken vóór de à terme datum "
        f"({date_format(due, 'j F Y')}). Controleer beide datums."
    ]
    html = response.content.decode()
    assert f'value="{_days_ago(1).isoformat()}"' in html
    assert 'value="Noor"' in html
    assert Pregnancy.objects.get(pk=pregnancy.pk).birth_date is None
    assert not Person.objects.exists()
    assert not TimelineEvent.objects.filter(kind="birth_recorded").exists()


def test_a_missing_outcome_gets_a_dutch_message(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)

    response = _post(cast, cast_family, pregnancy, outcome="")

    assert response.context["form"].errors["outcome"] == ["Kies de uitkomst van de zwangerschap."]


def test_a_birth_is_recorded_only_once(cast, cast_family):
    pregnancy = _pregnancy(cast, cast_family)
    _post(cast, cast_family, pregnancy)

    response = _post(cast, cast_family, pregnancy, child_first_name="Tweede")

    assert response.status_code == 302
    assert Person.objects.filter(family=cast_family).count() == 1
