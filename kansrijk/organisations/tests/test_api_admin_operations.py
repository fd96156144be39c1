"""Failed tasks and mails through the API, as on the faults page: an administrator sees every
failed or stuck task and the failed mails of their own coalition (and of none), never a
mail's address, subject or text; "opnieuw proberen" works through the page's services and is
audited; a task that is not failed (any more) is refused with 400; another coalition's mail
and an unknown id are "not found"; everyone else gets 403; the lists cost the same for one
row as for many."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kansrijk.core.models import AuditEvent
from kansrijk.testing.actors import logged_in_client
from kansrijk.testing.operations import failed_mail, failed_task

pytestmark = pytest.mark.django_db

TASKS = "/api/v1/admin/operations/tasks/"
MAILS = "/api/v1/admin/operations/mails/"


def task_retry(pk) -> str:
    return f"{TASKS}{pk}/retry/"


def mail_retry(pk) -> str:
    return f"{MAILS}{pk}/retry/"


def stuck_task():
    task = failed_task("refresh_stale")
    task.status = "RUNNING"
    task.finished_at = None
    task.started_at = timezone.now() - timedelta(hours=1)
    task.save()
    return task


def test_an_administrator_sees_failed_and_stuck_tasks(cast):
    failed = failed_task()
    stuck = stuck_task()
    done = failed_task("done")
    done.status = "SUCCESSFUL"
    done.save()
    response = logged_in_client(cast.administrator).get(TASKS)
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert set(rows) == {str(failed.pk), str(stuck.pk)}
    assert rows[str(failed.pk)] == {
        "id": str(failed.pk),
        "name": "recompute_stale",
        "enqueued_at": rows[str(failed.pk)]["enqueued_at"],
        "started_at": None,
        "finished_at": rows[str(failed.pk)]["finished_at"],
        "attempts": 5,
        "stuck": False,
        "error": "django.db.utils.OperationalError: server closed the connection unexpectedly",
    }
    assert rows[str(stuck.pk)]["stuck"] is True
    assert rows[str(stuck.pk)]["error"] == "Vastgelopen: de verwerker stopte tijdens de taak."


def test_an_administrator_sees_their_coalitions_failed_mails_without_address_or_text(cast):
    own = failed_mail(cast.coalition)
    nobodys = failed_mail(None, label="portal: login code")
    failed_mail(cast.other_coalition)
    response = logged_in_client(cast.administrator).get(MAILS)
    assert response.status_code == 200
    body = response.json()
    assert [row["id"] for row in body["results"]] == [nobodys.pk, own.pk]
    row = body["results"][1]
    assert set(row) == {"id", "kind", "created_at", "attempts", "error", "next_attempt_at"}
    assert (row["kind"], row["attempts"], row["error"]) == (
        "Herinnering ketensignalen",
        10,
        "SMTPServerDisconnected: Connection unexpectedly closed",
    )
    text = response.content.decode()
    for secret in ("verpleegkundige@example.org", "ketensignaal", "Beste Ilse"):
        assert secret not in text


def test_retrying_a_task_puts_it_back_and_is_audited(cast):
    task = failed_task()
    client = logged_in_client(cast.administrator)
    response = client.post(task_retry(task.pk))
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "id": str(task.pk),
        "name": "recompute_stale",
        "detail": "De taak recompute_stale wordt opnieuw uitgevoerd.",
    }
    task.refresh_from_db()
    assert (task.status, task.finished_at) == ("READY", None)
    event = AuditEvent.objects.get(object_id=str(task.pk))
    assert (event.actor, event.coalition, event.action) == (
        cast.administrator,
        cast.coalition,
        AuditEvent.Action.UPDATE,
    )
    assert client.get(TASKS).json()["results"] == []
    # Not failed any more: refused as on the page, and nothing is written again.
    again = client.post(task_retry(task.pk))
    assert again.status_code == 400
    assert again.json()["detail"] == (
        "Deze taak is niet mislukt of vastgelopen; opnieuw proberen kan niet."
    )
    assert AuditEvent.objects.filter(object_id=str(task.pk)).count() == 1


def test_a_stuck_task_can_run_again(cast):
    task = stuck_task()
    response = logged_in_client(cast.administrator).post(task_retry(task.pk))
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.status == "READY"


def test_retrying_a_mail_makes_it_due_and_is_audited(cast):
    mail = failed_mail(cast.coalition)
    response = logged_in_client(cast.administrator).post(mail_retry(mail.pk))
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "id": mail.pk,
        "kind": "Herinnering ketensignalen",
        "detail": "De e-mail (Herinnering ketensignalen) wordt opnieuw verstuurd.",
    }
    mail.refresh_from_db()
    assert mail.next_attempt_at is not None
    event = AuditEvent.objects.get(object_id=str(mail.pk), summary__startswith="E-mail")
    assert (event.actor, event.coalition) == (cast.administrator, cast.coalition)
    assert "verpleegkundige@example.org" not in response.content.decode()


def test_another_coalitions_mail_and_unknown_ids_are_not_found(cast):
    other = failed_mail(cast.other_coalition)
    client = logged_in_client(cast.administrator)
    response = client.post(mail_retry(other.pk))
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "Deze e-mail bestaat niet of hoort bij een andere coalitie."
    )
    other.refresh_from_db()
    assert other.next_attempt_at is None
    assert client.post(mail_retry(999999)).status_code == 404
    unknown = client.post(task_retry(uuid.uuid4()))
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "Deze taak bestaat niet."
    assert not AuditEvent.objects.filter(summary__contains="opnieuw").exists()
    # Nor may the lists be asked for another coalition.
    assert client.get(f"{MAILS}?coalition={cast.other_coalition.pk}").status_code == 404
    assert client.get(f"{TASKS}?coalition={cast.other_coalition.pk}").status_code == 404


def test_everyone_else_is_refused(cast):
    task = failed_task()
    mail = failed_mail(cast.coalition)
    for actor in (cast.coordinator, cast.analyst, cast.case_director, cast.outsider):
        client = logged_in_client(actor)
        for url in (TASKS, MAILS):
            assert client.get(url).status_code == 403
        assert client.post(task_retry(task.pk)).status_code == 403
        assert client.post(mail_retry(mail.pk)).status_code == 403
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert not AuditEvent.objects.filter(summary__contains="opnieuw").exists()


def test_only_get_and_post_where_the_page_has_them(cast):
    client = logged_in_client(cast.administrator)
    assert client.post(TASKS).status_code == 405
    assert client.delete(MAILS).status_code == 405
    assert client.get(task_retry(failed_task().pk)).status_code == 405


@pytest.mark.parametrize(
    ("url", "add"),
    [(TASKS, lambda cast: failed_task()), (MAILS, lambda cast: failed_mail(cast.coalition))],
)
def test_the_lists_cost_the_same_for_one_row_as_for_many(cast, url, add):
    client = logged_in_client(cast.administrator)
    add(cast)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url).json()["results"]) == 1
    for _ in range(5):
        add(cast)
    with CaptureQueriesContext(connection) as several:
        assert len(client.get(url).json()["results"]) == 6
    assert len(several) == len(one)
