"""`manage.py recompute_indicators` enqueues the sweep that recomputes stale figures, for the
worker to run outside any request."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_command_enqueues_the_sweep_for_the_worker(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = io.StringIO()

    call_command("recompute_indicators", stdout=out)

    stored = DBTaskResult.objects.get()
    assert stored.task_path == "kansrijk.monitoring.tasks.recompute_all_stale"
    assert "Herberekening klaargezet" in out.getvalue()
