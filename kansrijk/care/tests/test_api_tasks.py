"""Tasks through the API: a family's tasks (open first, overdue flagged), agreeing an action
of the plan, completing a task, and "my tasks" as on its page. The lists cost the same
number of queries whatever the number of tasks."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.access.models import AccessEvent
from kansrijk.access.services import api_token_create
from kansrijk.care.models import Task, TaskStatus
from kansrijk.care.services_plan import goal_add
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.families import make_family

pytestmark = pytest.mark.django_db
Action = AccessEvent.Action
NOT_FOUND = {"detail": "Niet gevonden of geen toegang."}


def _url(family, suffix: str = "") -> str:
    return f"/api/v1/families/{family.pk}/tasks/{suffix}"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _tasks(family, count: int, *, owner=None, organisation=None, first_due=-3) -> list[Task]:
    today = timezone.localdate()
    return Task.objects.bulk_create(
        Task(
            family=family,
            coalition=family.coalition,
            title=f"Taak {number}",
            owner=owner,
            owner_organisation=organisation,
            due_date=today + timedelta(days=first_due + number),
        )
        for number in range(count)
    )


def test_the_family_tasks_are_open_first_with_overdue_flagged(cast, cast_family):
    late, today_task, later = _tasks(cast_family, 3, owner=cast.care_team_member, first_due=-1)
    done = _tasks(cast_family, 1, owner=cast.case_director, first_due=-10)[0]
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.DONE, completed_at=timezone.now())
    before = AccessEvent.objects.count()
    response = logged_in_client(cast.case_director).get(_url(cast_family))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["id"], r["status"], r["overdue"]) for r in rows] == [
        (late.pk, "open", True),
        (today_task.pk, "open", False),
        (later.pk, "open", False),
        (done.pk, "done", False),
    ]
    assert rows[0]["owner"] == cast.care_team_member.pk
    assert rows[0]["owner_name"] == cast.care_team_member.get_full_name()
    assert rows[0]["owner_label"]
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.family, event.detail) == (
        Action.READ,
        cast_family,
        "Taken ingezien via de API",
    )


def test_an_action_is_agreed_with_a_care_team_member_for_a_goal(cast, cast_family):
    goal = goal_add(
        actor=cast.case_director,
        family_pk=cast_family.pk,
        text="Schulden op orde",
        dimension="daily_functioning",
    )
    due = timezone.localdate() + timedelta(days=7)
    before = AccessEvent.objects.count()
    response = _post(
        logged_in_client(cast.case_director),
        _url(cast_family),
        {
            "title": "Samen schuldhulp bellen",
            "owner": cast.care_team_member.pk,
            "due_date": str(due),
            "goal": goal.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["owner"], body["goal"], body["source"]) == (
        "Samen schuldhulp bellen",
        cast.care_team_member.pk,
        goal.pk,
        "plan",
    )
    assert body["due_date"] == due.isoformat()
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.detail) == (Action.UPDATE, "Actie afgesproken")
    plan = logged_in_client(cast.care_team_member).get(f"/api/v1/families/{cast_family.pk}/plan/")
    assert [a["title"] for a in plan.json()["actions"]] == ["Samen schuldhulp bellen"]


def test_an_action_needs_an_owner_on_the_care_team_and_a_date_ahead(cast, cast_family):
    client = logged_in_client(cast.case_director)
    empty = _post(client, _url(cast_family), {})
    assert empty.status_code == 400
    assert empty.json()["errors"] == {
        "title": ["Beschrijf wat er gedaan wordt."],
        "owner": ["Kies wie de actie uitvoert."],
        "due_date": ["Vul in wanneer de actie uiterlijk klaar is."],
    }
    outsider = _post(
        client,
        _url(cast_family),
        {
            "title": "Bellen",
            "owner": cast.outsider.pk,
            "due_date": str(timezone.localdate() - timedelta(days=1)),
        },
    )
    assert outsider.status_code == 400
    assert outsider.json()["errors"] == {"due_date": ["Deze datum ligt in het verleden."]}
    off_team = _post(
        client,
        _url(cast_family),
        {"title": "Bellen", "owner": cast.outsider.pk, "due_date": str(timezone.localdate())},
    )
    assert off_team.json()["errors"] == {"owner": ["Kies iemand die nu in het zorgteam zit."]}
    unknown = _post(
        client,
        _url(cast_family),
        {"title": "Bellen", "owner": 999999, "due_date": str(timezone.localdate())},
    )
    assert unknown.json()["errors"] == {"owner": ["Kies iemand die nu in het zorgteam zit."]}
    assert not Task.objects.filter(family=cast_family).exists()


def test_a_task_is_completed_once(cast, cast_family):
    [task] = _tasks(cast_family, 1, owner=cast.case_director)
    client = logged_in_client(cast.care_team_member)
    before = AccessEvent.objects.count()
    response = client.post(_url(cast_family, f"{task.pk}/complete/"))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["overdue"]) == ("done", False)
    assert response.json()["completed_at"]
    [event] = AccessEvent.objects.order_by("id")[before:]
    assert (event.action, event.detail) == (Action.UPDATE, "Taak afgerond")
    again = client.post(_url(cast_family, f"{task.pk}/complete/"))
    assert again.status_code == 400
    assert again.json()["errors"] == {
        "non_field_errors": ["Deze taak is al afgerond of vervallen."]
    }


def test_a_task_of_another_family_is_not_found(cast, cast_family):
    [task] = _tasks(make_family(cast), 1, owner=cast.case_director)
    response = logged_in_client(cast.case_director).post(_url(cast_family, f"{task.pk}/complete/"))
    assert response.status_code == 404
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN


@pytest.mark.parametrize(
    "actor", ["outsider", "other_coalition_professional", "coordinator", "administrator"]
)
def test_whoever_may_not_see_the_family_gets_no_tasks(actor, cast, cast_family):
    [task] = _tasks(cast_family, 1, owner=cast.case_director)
    client = logged_in_client(getattr(cast, actor))
    listed = client.get(_url(cast_family))
    assert listed.status_code == 404
    assert listed.json()["detail"] == NOT_FOUND["detail"]
    completed = client.post(_url(cast_family, f"{task.pk}/complete/"))
    assert completed.status_code == 404
    created = _post(
        client,
        _url(cast_family),
        {"title": "x", "owner": cast.case_director.pk, "due_date": str(timezone.localdate())},
    )
    assert created.status_code == 404
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    assert Task.objects.filter(family=cast_family).count() == 1


# --- My tasks -------------------------------------------------------------------------------


def test_my_tasks_are_mine_and_my_organisations_on_my_families(cast, cast_family):
    jgz = cast.care_team_member.memberships.get().organisation
    mine = _tasks(cast_family, 2, owner=cast.care_team_member)
    for_jgz = _tasks(cast_family, 1, organisation=jgz, first_due=5)
    _tasks(cast_family, 1, owner=cast.case_director)  # not hers
    response = logged_in_client(cast.care_team_member).get("/api/v1/tasks/mine/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [r["id"] for r in body["results"]] == [t.pk for t in (*mine, *for_jgz)]
    assert body["results"][0]["overdue"] is True
    assert body["results"][0]["family"] == cast_family.pk
    assert body["results"][0]["family_reference"] == cast_family.reference
    assert body["results"][2]["owner_organisation_name"] == "JGZ Eerstedorp"


def test_done_tasks_are_listed_on_request(cast, cast_family):
    [open_task, done_task] = _tasks(cast_family, 2, owner=cast.care_team_member)
    logged_in_client(cast.care_team_member).post(_url(cast_family, f"{done_task.pk}/complete/"))
    client = logged_in_client(cast.care_team_member)
    done = client.get("/api/v1/tasks/mine/", {"status": "done"}).json()["results"]
    assert [t["id"] for t in done] == [done_task.pk]
    assert [t["id"] for t in client.get("/api/v1/tasks/mine/").json()["results"]] == [open_task.pk]
    wrong = client.get("/api/v1/tasks/mine/", {"status": "klaar"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"status": ["Kies de status: `open` of `done`."]}


def test_my_tasks_show_nothing_of_families_i_may_not_see(cast, cast_family):
    _tasks(cast_family, 2, owner=cast.care_team_member)
    for actor in ("outsider", "other_coalition_professional"):
        body = logged_in_client(getattr(cast, actor)).get("/api/v1/tasks/mine/").json()
        assert body["count"] == 0
        assert cast_family.reference not in str(body)
    other = logged_in_client(cast.care_team_member).get(
        "/api/v1/tasks/mine/", {"coalition": cast.other_coalition.pk}
    )
    assert other.json()["count"] == 0


@pytest.mark.parametrize("actor", ["coordinator", "analyst", "administrator"])
def test_my_tasks_are_for_professionals_only(actor, cast, cast_family):
    response = logged_in_client(getattr(cast, actor)).get("/api/v1/tasks/mine/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen professionals kunnen een gezinsdossier openen."


def test_anonymous_gets_401(client, cast_family):
    assert client.get("/api/v1/tasks/mine/").status_code == 401
    assert client.get(_url(cast_family)).status_code == 401


# --- Query counts ---------------------------------------------------------------------------


def _queries(client, url: str, key: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def test_the_lists_cost_the_same_for_5_and_for_60_tasks(client, cast, cast_family):
    _token, key = api_token_create(professional=cast.care_team_member, name="koppeling")
    jgz = cast.care_team_member.memberships.get().organisation
    urls = {"family": _url(cast_family), "mine": "/api/v1/tasks/mine/"}
    client.get(urls["mine"], HTTP_AUTHORIZATION=f"Token {key}")  # the token's first use
    counts = {}
    for size, extra in ((5, 5), (60, 55)):
        half = extra // 2
        _tasks(cast_family, half, owner=cast.care_team_member)
        _tasks(cast_family, extra - half, organisation=jgz)
        counts[size] = {name: _queries(client, url, key) for name, url in urls.items()}
    assert counts[5] == counts[60], counts
    # The token with its professional (1). The family's tasks: the family through the
    # policy with whether its consent is in force (1), and for its read event the caller's
    # organisation and discipline (1) and the insert (1); then the page's count and its rows
    # with owner and organisation joined (2). My tasks: whether the caller is a professional
    # (1), their coalitions as professional (1), the ids of the families the policy gives them
    # (1), then the count and the rows with family, owner and organisation joined (2).
    assert counts[60] == {"family": 1 + 3 + 2, "mine": 1 + 2 + 1 + 2}
