"""/taken/ ("Mijn taken"): open tasks owned by me, or by my organisation while nobody owns
them, on my families in the active coalition; overdue ones stand out; done ones on request;
"Afgerond" completes a task and comes back here."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from kansrijk.care.models import Task
from kansrijk.care.services import task_create
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.factories import MembershipFactory, ProfessionalFactory, TOTPDeviceFactory
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 3)
URL = "/taken/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def tasks(cast):
    """On the cast family (midwife case director, JGZ nurse): tasks for each kind of owner."""
    family = make_family(cast)
    jgz = cast.care_team_member.memberships.get().organisation

    def add(title, **kwargs):
        return task_create(actor=cast.case_director, family=family, title=title, **kwargs)

    return {
        "mine_late": add(
            "Huisbezoek plannen",
            owner=cast.care_team_member,
            due_date=TODAY - timedelta(days=2),
        ),
        "mine": add("Groeicurve bespreken", owner=cast.care_team_member, due_date=TODAY),
        "organisation": add("Prenataal huisbezoek", owner_organisation=jgz),
        "colleague": add("Echo bespreken", owner=cast.case_director),
        "family": family,
    }


def test_my_tasks_and_my_organisations(cast, tasks):
    content = logged_in_client(cast.care_team_member).get(URL).content.decode()
    assert "Huisbezoek plannen" in content
    assert "Groeicurve bespreken" in content
    assert "Prenataal huisbezoek" in content
    assert "Echo bespreken" not in content
    assert tasks["family"].reference in content
    assert "3 open taken" in content


def test_overdue_tasks_stand_out_and_come_first(cast, tasks):
    content = logged_in_client(cast.care_team_member).get(URL).content.decode()
    assert content.count('data-testid="overdue"') == 1
    assert "te laat: 1 maart 2027" in content
    assert content.index("Huisbezoek plannen") < content.index("Groeicurve bespreken")
    # Without a due date last.
    assert content.index("Groeicurve bespreken") < content.index("Prenataal huisbezoek")


def test_afgerond_completes_the_task_and_comes_back(cast, tasks):
    client = logged_in_client(cast.care_team_member)
    task = tasks["mine"]
    page = client.get(URL).content.decode()
    action = reverse("care:task_complete", args=[task.family_id, task.pk])
    assert f'action="{action}"' in page
    response = client.post(action, {"next": URL})
    assert response.status_code == 302
    assert response["Location"] == URL
    task.refresh_from_db()
    assert task.status == "done"
    content = client.get(URL).content.decode()
    assert "Taak afgerond: Groeicurve bespreken" in content  # the message
    assert f'data-testid="task-{task.pk}"' not in content
    done = client.get(URL, {"status": "afgerond"}).content.decode()
    assert "Groeicurve bespreken" in done
    assert "1 afgeronde taak" in done


def test_no_tasks_of_families_i_cannot_see(cast, tasks):
    """The JGZ organisation's task is shown to a JGZ colleague only on their own families."""
    colleague = ProfessionalFactory(username="jgzcollega")
    MembershipFactory(
        professional=colleague,
        coalition=cast.coalition,
        organisation=cast.care_team_member.memberships.get().organisation,
    )
    TOTPDeviceFactory(user=colleague)
    content = logged_in_client(colleague).get(URL).content.decode()
    assert "Prenataal huisbezoek" not in content
    assert tasks["family"].reference not in content
    assert "Je hebt geen open taken." in content


def test_pages_of_25(cast):
    family = make_family(cast)
    Task.objects.bulk_create(
        Task(family=family, coalition=family.coalition, title=f"Taak {n}", owner=cast.case_director)
        for n in range(30)
    )
    client = logged_in_client(cast.case_director)
    assert "Pagina 1 van 2" in client.get(URL).content.decode()
    second = client.get(URL, {"pagina": 2}).content.decode()
    assert len(re.findall(r'data-testid="task-\d+"', second)) == 5


@pytest.mark.parametrize("actor", ["coordinator", "analyst", "administrator"])
def test_only_professionals_have_tasks(cast, actor):
    assert logged_in_client(getattr(cast, actor)).get(URL).status_code == 403
