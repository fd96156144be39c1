"""Daily reminders of new chain signals: one e-mail per professional with new signals, never
the same signal twice, no names in the mail, and a failed send loses nothing (the outbox
keeps it and sends it later)."""

import io
from datetime import date, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from kansrijk.core.models import OutgoingMail
from kansrijk.families.services import person_add
from kansrijk.testing.families import make_family
from kansrijk.worklist.models import ReminderLog
from kansrijk.worklist.reminders import signal_reminders_send
from kansrijk.worklist.tasks import send_signal_reminders

from .builders import born_on

pytestmark = pytest.mark.django_db

START = date(2027, 3, 3)
DAY = date(2027, 3, 11)  # the START family's consent has been missing for a day
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def family(cast):
    """On START, without consent for the care team, with a named client."""
    with time_machine.travel(START, tick=False):
        family = make_family(cast)
        person_add(
            actor=cast.case_director,
            family_pk=family.pk,
            data={"role": "client", "first_name": "Fenna", "last_name": "Zwartveld"},
        )
    return family


def run_on(day: date):
    with time_machine.travel(day, tick=False):
        return send_signal_reminders.enqueue()


def test_one_mail_per_professional_with_new_signals(cast, family):
    result = run_on(DAY)
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"sent": 2, "signals": 2, "failed": 0}
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([cast.care_team_member.email, cast.case_director.email])
    message = mail.outbox[0]
    assert message.subject == "kansrijk: 1 nieuw ketensignaal"
    assert family.reference in message.body
    assert "Toestemming zorgteam ontbreekt" in message.body
    assert f"http://127.0.0.1:8000/gezinnen/{family.pk}/" in message.body
    assert "http://127.0.0.1:8000/werkvoorraad/" in message.body
    assert ReminderLog.objects.count() == 2


def test_the_mail_holds_no_names_and_no_why(cast, family):
    run_on(DAY)
    for message in mail.outbox:
        assert "Fenna" not in message.body
        assert "Zwartveld" not in message.body
        assert "Dossier geopend op" not in message.body
        assert not message.alternatives  # plain text only


def test_not_again_the_next_day_for_the_same_signals(cast, family):
    run_on(DAY)
    mail.outbox.clear()
    result = run_on(DAY + timedelta(days=1))
    assert result.return_value == {"sent": 0, "signals": 0, "failed": 0}
    assert mail.outbox == []


def test_only_the_new_signal_the_day_it_appears(cast, family):
    run_on(DAY)
    mail.outbox.clear()
    with time_machine.travel(DAY, tick=False):
        born_on(cast, family, DAY, today=DAY)
    run_on(DAY + timedelta(days=8))  # the child is in the gap now
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "In het gat zonder JGZ-contact" in message.body
        assert "Toestemming zorgteam ontbreekt" not in message.body


def test_nothing_to_tell_sends_nothing(cast):
    result = run_on(DAY)
    assert result.return_value == {"sent": 0, "signals": 0, "failed": 0}
    assert mail.outbox == []


def test_no_mail_to_someone_off_the_care_team(cast, family):
    run_on(DAY)
    recipients = {message.to[0] for message in mail.outbox}
    assert cast.outsider.email not in recipients
    assert cast.coordinator.email not in recipients


def test_a_failed_send_keeps_the_mail_in_the_outbox_and_sends_it_later(cast, family):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError("mail server down"),
    ):
        result = run_on(DAY)
    # The run is done and logged: the mails wait in the outbox, with their error.
    assert result.status == "SUCCESSFUL"
    assert ReminderLog.objects.count() == 2
    assert mail.outbox == []
    waiting = list(OutgoingMail.objects.filter(sent_at__isnull=True))
    assert len(waiting) == 2
    assert all(m.last_error == "ConnectionRefusedError: mail server down" for m in waiting)
    # The mail server is back: the outbox sends them once they are due, each once.
    with time_machine.travel(max(m.next_attempt_at for m in waiting), tick=False):
        call_command("send_mail_outbox", stdout=io.StringIO())
        call_command("send_mail_outbox", stdout=io.StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [cast.care_team_member.email, cast.case_director.email]
    )
    # The next run does not send the same signals again.
    assert run_on(DAY + timedelta(days=1)).return_value["sent"] == 0


def test_one_failing_address_does_not_stop_the_others(cast, family):
    real_send = mail.backends.locmem.EmailBackend.send_messages

    def refuse_the_nurse(backend, messages):
        if messages[0].to == [cast.care_team_member.email]:
            raise ConnectionRefusedError("mailbox unavailable")
        return real_send(backend, messages)

    with (
        mock.patch.object(mail.backends.locmem.EmailBackend, "send_messages", refuse_the_nurse),
        time_machine.travel(DAY, tick=False),
    ):
        signal_reminders_send()
    assert [message.to for message in mail.outbox] == [[cast.case_director.email]]
    assert OutgoingMail.objects.get(sent_at__isnull=True).to == [cast.care_team_member.email]


def test_the_command_enqueues_the_task(cast, family):
    out = io.StringIO()
    with time_machine.travel(DAY, tick=False):
        call_command("send_reminders", stdout=out)
    assert "Herinneringen klaargezet" in out.getvalue()
    assert len(mail.outbox) == 2  # the immediate backend of the tests ran it at once


def test_the_command_stores_the_task_for_the_worker_with_the_database_backend(settings, cast):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("send_reminders", stdout=io.StringIO())
    stored = DBTaskResult.objects.get()
    assert stored.task_path == "kansrijk.worklist.tasks.send_signal_reminders"
    assert stored.status == "READY"
    assert mail.outbox == []  # nothing is sent until a worker runs it
